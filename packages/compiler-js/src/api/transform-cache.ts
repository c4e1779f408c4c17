// The persistent cache for hosts that compile one file at a time: the Rollup/Vite plugin
// and the Jest transformer. It lives in the same folder as `compiler build`'s (by default
// `node_modules/.cache/compiler-js`), so work done through one door is there for the others
// whenever the options agree.
//
//   const cache = openTransformCache({ cacheDir });
//   const out = await cache.transform(code, { filename, sourceMaps: true }, `mode=${mode}`);
//
// A key holds the compiler's build, every option, the file's name and the source: a hit is
// the output a compile would give. Entries made here are written out within a second, by
// `flush()` (also at the end of a build and when the process exits).
import * as path from 'node:path';

import { type NativeTransformCache, native } from '../binding';
import { compilerFor } from './compiler';
import { unwrap } from './native-results';
import type { Output, TransformOptions } from './options';

export interface TransformCacheOptions {
  /** Where the cache lives; `false` compiles every file and keeps nothing. */
  cacheDir?: string | false;
  /** The size the cache is trimmed to, least recently used packs first. Default 1 GiB. */
  maxBytes?: number;
}

export interface TransformCacheStats {
  /** Outputs served from the cache. */
  hits: number;
  /** Files compiled (and kept, when they compiled). */
  misses: number;
  /** Bytes written to the cache so far. */
  written: number;
}

export interface TransformCache {
  /** The folder, or `undefined` when caching is off. */
  readonly dir: string | undefined;
  /** As `transform(code, options)`; `extra` names anything else the output depends on. */
  transform(code: string, options: TransformOptions, extra?: string): Promise<Output>;
  transformSync(code: string, options: TransformOptions, extra?: string): Output;
  /** Writes out what was compiled since the last flush now. */
  flush(): void;
  stats(): TransformCacheStats;
}

const FLUSH_AFTER_MS = 1000;
const open = new Map<string, TransformCache>();

/** The cache in `cacheDir`, one per folder and process. */
export function openTransformCache(options: TransformCacheOptions): TransformCache {
  const dir = options.cacheDir === false || options.cacheDir === undefined ? undefined : path.resolve(options.cacheDir);
  const id = dir ?? '';
  let cache = open.get(id);
  if (!cache) {
    cache = create(new native.TransformCache(dir, options.maxBytes), dir);
    open.set(id, cache);
  }
  return cache;
}

function create(nativeCache: NativeTransformCache, dir: string | undefined): TransformCache {
  let timer: NodeJS.Timeout | undefined;
  let warned = false;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    nativeCache.flush();
    const warning = nativeCache.takeWarning();
    if (warning && !warned) {
      warned = true;
      process.emitWarning(warning, { code: 'COMPILER_JS_CACHE' });
    }
  };
  // One timer for a burst of calls, not one per call: a build compiles thousands of files.
  const later = () => {
    if (!dir || timer) return;
    timer = setTimeout(flush, FLUSH_AFTER_MS).unref();
  };
  if (dir) process.once('exit', flush);

  return {
    dir,
    async transform(code, options, extra) {
      const { compiler, file } = compilerFor(options);
      const result = unwrap(await nativeCache.transform(compiler, code, file, extra));
      later();
      return result;
    },
    transformSync(code, options, extra) {
      const { compiler, file } = compilerFor(options);
      const result = unwrap(nativeCache.transformSync(compiler, code, file, extra));
      later();
      return result;
    },
    flush,
    stats: () => {
      const { hits, misses, written } = nativeCache.stats();
      return { hits, misses, written };
    },
  };
}
