// `compiler-js/jest`: Jest's transformer interface over the transform API.
//
//   transform: { '\\.[cm]?[jt]sx?$': ['compiler-js/jest', { /* transform options */ }] }
//
// Coverage: when Jest asks (`instrument`, its `babel` provider), we add Istanbul's counters
// ourselves (`canInstrument: true`), on the source as written, as babel-jest does with
// babel-plugin-istanbul: the same maps, hints and counts. With `coverageProvider: 'v8'` Jest
// does not ask, and maps V8's coverage back through the source map returned here.
//
// Jest keeps its own cache of our outputs; under it, compiled files also go to our
// persistent cache (`node_modules/.cache/compiler-js`, shared by every worker, the CLI and
// Vite), so a run whose Jest cache is cold (a new CI machine that restored only
// `node_modules/.cache`, `--no-cache`) compiles nothing that was compiled before.
// `cache: false` in the transformer's options turns that off.
import { createHash } from 'node:crypto';
import * as path from 'node:path';

import type { Output } from '../api/options';
import { type TransformCache, type TransformCacheStats, openTransformCache } from '../api/transform-cache';
import { defaultCacheDir } from '../config/cache-dir';
import { buildId, version } from '../index';
import { type JestTransformerOptions, OptionsResolver } from './config';
import { reportOnce } from './report-once';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageVersion: string = require('../../package.json').version;

/** The parts of Jest's `TransformOptions` this transformer reads. */
interface JestTransformOptions {
  config: { rootDir: string };
  configString: string;
  instrument: boolean;
  supportsStaticESM: boolean;
}

interface SourceMap {
  version: number;
  file?: string;
  sourceRoot?: string;
  sources: string[];
  sourcesContent?: string[];
  names: string[];
  mappings: string;
}

interface TransformedSource {
  code: string;
  /** An object, not JSON text: Jest hands it to its coverage instrumenter as the input map. */
  map: SourceMap | null;
}

interface JestTransformer {
  canInstrument: true;
  process(sourceText: string, sourcePath: string, options: JestTransformOptions): TransformedSource;
  processAsync(sourceText: string, sourcePath: string, options: JestTransformOptions): Promise<TransformedSource>;
  getCacheKey(sourceText: string, sourcePath: string, options: JestTransformOptions): string;
  /** What our persistent cache served (`hits`) and what was compiled (`misses`) in this process. */
  cacheStats(): TransformCacheStats;
}

function result({ code, map }: Output): TransformedSource {
  return { code, map: map === undefined ? null : (JSON.parse(map) as SourceMap) };
}

function createTransformer(options: JestTransformerOptions = {}): JestTransformer {
  const resolver = new OptionsResolver(options);
  const optionsFor = (sourcePath: string, jest: JestTransformOptions) =>
    resolver.resolve(sourcePath, jest.config.rootDir, !!jest.supportsStaticESM, !!jest.instrument);
  const caches = new Map<string, TransformCache>();
  const cacheFor = (rootDir: string) => {
    let cache = caches.get(rootDir);
    if (!cache) {
      const dir = options.cache === false ? false : path.resolve(rootDir, options.cacheDir ?? defaultCacheDir(rootDir));
      cache = openTransformCache({ cacheDir: dir });
      caches.set(rootDir, cache);
    }
    return cache;
  };

  // Jest calls these unbound; nothing here relies on `this`.
  return {
    canInstrument: true,

    process(sourceText, sourcePath, jest) {
      try {
        return result(cacheFor(jest.config.rootDir).transformSync(sourceText, optionsFor(sourcePath, jest)));
      } catch (err) {
        throw reportOnce(err);
      }
    },

    async processAsync(sourceText, sourcePath, jest) {
      try {
        return result(await cacheFor(jest.config.rootDir).transform(sourceText, optionsFor(sourcePath, jest)));
      } catch (err) {
        throw reportOnce(err);
      }
    },

    getCacheKey(sourceText, sourcePath, jest) {
      let resolved;
      try {
        resolved = optionsFor(sourcePath, jest);
      } catch (err) {
        throw reportOnce(err);
      }
      return createHash('sha1')
        .update(
          JSON.stringify([
            sourceText,
            sourcePath,
            packageVersion,
            version,
            // A rebuilt addon (same version, other code) never reuses outputs of the old one.
            buildId,
            resolved,
            resolver.config(jest.config.rootDir).content,
            process.env.NODE_ENV ?? '',
            !!jest.instrument,
            jest.configString,
          ]),
        )
        .digest('hex');
    },

    cacheStats() {
      const total: TransformCacheStats = { hits: 0, misses: 0, written: 0 };
      for (const cache of caches.values()) {
        const s = cache.stats();
        total.hits += s.hits;
        total.misses += s.misses;
        total.written += s.written;
      }
      return total;
    },
  };
}

const transformer = { ...createTransformer(), createTransformer };

// `module.exports` is the transformer itself, so `require` and Jest's loader both see
// `createTransformer` without a `default` in between.
export = transformer;
