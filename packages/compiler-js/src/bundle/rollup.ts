// Production bundles through Rollup, in the calling thread (see `index.ts` for why callers
// get them from a worker): our plugin compiles every module through the persistent cache and
// minifies all chunks in one native call.
//
// Packages are bundled unless `external` names them (CommonJS ones through
// @rollup/plugin-commonjs); `import()` splits chunks (`iife` inlines them, as it must);
// maps chain back to the sources. `watchBundle` rebuilds through Rollup's watch mode, whose
// module cache sits on top of ours.
import * as path from 'node:path';

import type { OutputOptions, Plugin, RollupError, RollupLog, RollupOptions } from 'rollup';

import { commonDir } from '../api/build';
import type { Diagnostic, ErrorCode } from '../api/errors';
import type { MinifyOptions, TransformOptions } from '../api/options';
import { loadConfig } from '../config';
import { defaultCacheDir } from '../config/cache-dir';
import compiler from '../rollup';
import { resolvePlugin } from './resolve';

export interface BundleOptions extends Omit<TransformOptions, 'filename' | 'sourceFileName' | 'inputSourceMap' | 'module' | 'minify'> {
  /** Entry modules; each gives an entry chunk named after it. */
  entries: string[];
  outDir: string;
  /** Default `esm`. */
  format?: 'esm' | 'cjs' | 'iife';
  /** `iife` only: the global that receives the entry's exports. */
  name?: string;
  /** Specifiers left as written (`*` matches anything): `['react', '@scope/*']`. Built-ins always are. */
  external?: string[];
  /** `external` leaves every package in node_modules as written, as esbuild's `packages: 'external'`. Default `bundle`. */
  packages?: 'bundle' | 'external';
  /** Minify every chunk (Terser's options). */
  minify?: boolean | Omit<MinifyOptions, 'sourceMap' | 'filename'>;
  /** Where relative entries and the tsconfig/config lookup start; default: the folder holding every entry. */
  root?: string;
  /** Default: `node_modules/.cache/compiler-js` of the nearest folder with a package.json. */
  cacheDir?: string;
  /** `false` compiles every module, keeping nothing. */
  cache?: boolean;
  /** A compiler.config.json or .mjs whose options apply under these; `false`: none (the default). */
  configFile?: string | false;
  /** Relative paths are resolved from here; default `process.cwd()`. */
  cwd?: string;
}

export interface BundleChunk {
  fileName: string;
  isEntry: boolean;
  bytes: number;
}

export interface BundleResult {
  /** Modules in the bundle, packages' included. */
  modules: number;
  /** Modules this build compiled. */
  transformed: number;
  /** Modules whose compiled code came from the persistent cache. */
  fromCache: number;
  chunks: BundleChunk[];
  errors: number;
  ms: number;
  /** Every problem, with file, line, column and code frame. */
  diagnostics: Diagnostic[];
  /** Rollup's warnings (circular imports, `this` at the top level, ...), as text. */
  warnings: string[];
}

const BUNDLE_KEYS = ['entries', 'outDir', 'format', 'name', 'external', 'packages', 'minify', 'root', 'cacheDir', 'cache', 'configFile', 'cwd'] as const;

const OUR_CODES = new Set<string>(['SYNTAX_ERROR', 'INVALID_OPTION', 'TRANSFORM_ERROR', 'IO_ERROR', 'RESOLVE_ERROR', 'INTERNAL']);
const ROLLUP_CODES: Record<string, ErrorCode> = { PARSE_ERROR: 'SYNTAX_ERROR', MISSING_EXPORT: 'RESOLVE_ERROR', UNRESOLVED_IMPORT: 'RESOLVE_ERROR' };

/** A Rollup error as a diagnostic: Rollup's `loc.column` is 0-based, ours 1-based. */
export function fromRollupError(err: RollupError): Diagnostic {
  const ours = (err.meta as { compilerCode?: string } | undefined)?.compilerCode;
  const code: ErrorCode = ours && OUR_CODES.has(ours) ? (ours as ErrorCode) : (ROLLUP_CODES[err.code ?? ''] ?? 'TRANSFORM_ERROR');
  // Rollup prefixes plugin errors with `[plugin name] <id> (line:column): `.
  const message = err.message.replace(/^\[plugin [^\]]+\] /, '').replace(/^\S+ \(\d+:\d+\): /, '');
  const file = err.loc?.file ?? err.id;
  return {
    code,
    message,
    filename: file,
    line: err.loc?.line,
    column: err.loc ? err.loc.column + 1 : undefined,
    frame: err.frame?.replace(/^\n+|\n+$/g, '') || undefined,
  };
}

interface Prepared {
  input: RollupOptions;
  output: OutputOptions;
  plugin: ReturnType<typeof compiler>;
  warnings: string[];
  /** The chunks of the last output generated. */
  chunks: BundleChunk[];
}

async function prepare(options: BundleOptions): Promise<Prepared> {
  const cwd = options.cwd ?? process.cwd();
  const entries = options.entries.map((e) => path.resolve(cwd, e));
  const root = path.resolve(cwd, options.root ?? commonDir(entries));
  const config = options.configFile ? await loadConfig({ file: path.resolve(cwd, options.configFile) }) : { options: {} };
  const explicit: Record<string, unknown> = { ...options };
  for (const key of BUNDLE_KEYS) delete explicit[key];
  const transform = { ...config.options, ...(explicit as TransformOptions) };
  // The bundle decides the module format, minifies whole chunks and maps the output.
  const { sourceMaps, module: _module, minify: _minify, ...pluginTransform } = transform;
  const plugin = compiler({
    ...pluginTransform,
    minify: options.minify,
    cache: options.cache !== false,
    cacheDir: options.cacheDir ? path.resolve(cwd, options.cacheDir) : defaultCacheDir(root),
  });
  const nodeEnv = transform.define?.['process.env.NODE_ENV'] ? JSON.parse(transform.define['process.env.NODE_ENV']) : options.minify ? 'production' : 'development';
  // Loaded only when bundling (its CommonJS build is the function itself).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const commonjs = require('@rollup/plugin-commonjs') as typeof import('@rollup/plugin-commonjs').default;
  const warnings: string[] = [];
  const chunks: BundleChunk[] = [];
  const report: Plugin = {
    name: 'compiler-js:report',
    generateBundle(_, generated) {
      chunks.length = 0;
      for (const o of Object.values(generated)) {
        if (o.type === 'chunk') chunks.push({ fileName: o.fileName, isEntry: o.isEntry, bytes: Buffer.byteLength(o.code) });
      }
    },
  };
  const format = options.format ?? 'esm';
  const input: RollupOptions = {
    input: entries,
    plugins: [commonjs({ include: /[\\/]node_modules[\\/]/, extensions: ['.js', '.cjs'] }) as Plugin, resolvePlugin(root, options.external ?? [], options.packages !== 'external', nodeEnv), plugin as unknown as Plugin, report],
    onLog(level, log: RollupLog) {
      if (level === 'warn') warnings.push(log.id ? `${path.relative(cwd, log.id)}: ${log.message}` : log.message);
    },
  };
  const output: OutputOptions = {
    dir: path.resolve(cwd, options.outDir),
    format: format === 'esm' ? 'es' : format,
    name: options.name,
    sourcemap: sourceMaps === 'inline' ? 'inline' : !!sourceMaps,
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    inlineDynamicImports: format === 'iife',
  };
  return { input, output, plugin, warnings, chunks };
}

interface Counts {
  hits: number;
  misses: number;
}

function result(p: Prepared, modules: number, before: Counts, started: number, errors: Diagnostic[]): BundleResult {
  const after = p.plugin.api.cacheStats();
  return {
    modules,
    transformed: after.misses - before.misses,
    fromCache: after.hits - before.hits,
    chunks: errors.length ? [] : [...p.chunks],
    errors: errors.length,
    ms: performance.now() - started,
    diagnostics: errors,
    warnings: [...p.warnings],
  };
}

/** Bundles the entries into `outDir`. Problems are in the result (`errors`, `diagnostics`), never thrown. */
export async function bundleHere(options: BundleOptions): Promise<BundleResult> {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rollup } = require('rollup') as typeof import('rollup');
  const p = await prepare(options);
  const before = p.plugin.api.cacheStats();
  let built;
  try {
    built = await rollup(p.input);
    await built.write(p.output);
    return result(p, built.cache?.modules.length ?? 0, before, started, []);
  } catch (err) {
    return result(p, built?.cache?.modules.length ?? 0, before, started, [fromRollupError(err as RollupError)]);
  } finally {
    await built?.close();
    p.plugin.closeBundle();
  }
}

export type BundleWatchEvent = { type: 'build'; result: BundleResult; changed: string[] };

/** Bundles, then again on every change (Rollup's watch mode) until `close()`. */
export function watchBundleHere(options: BundleOptions, onEvent: (event: BundleWatchEvent) => void): { close(): Promise<void> } {
  let watcher: { close(): Promise<void> } | undefined;
  let closed = false;
  const ready = (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { watch } = require('rollup') as typeof import('rollup');
    const p = await prepare(options);
    if (closed) return;
    let before = p.plugin.api.cacheStats();
    let started = performance.now();
    let changed: string[] = [];
    const w = watch({ ...p.input, output: p.output, watch: { clearScreen: false } });
    watcher = w;
    w.on('change', (id) => void changed.push(id));
    w.on('event', (event) => {
      if (event.code === 'BUNDLE_START') {
        before = p.plugin.api.cacheStats();
        started = performance.now();
        p.warnings.length = 0;
      } else if (event.code === 'BUNDLE_END' || event.code === 'ERROR') {
        const modules = event.result?.cache?.modules.length ?? 0;
        void event.result?.close();
        p.plugin.buildEnd();
        const errors = event.code === 'ERROR' ? [fromRollupError(event.error)] : [];
        onEvent({ type: 'build', result: result(p, modules, before, started, errors), changed });
        changed = [];
      }
    });
  })();
  return {
    async close() {
      closed = true;
      await ready;
      await watcher?.close();
    },
  };
}
