// `compiler-js/rollup` (also `compiler-js/vite`): a Rollup/Vite plugin over the API.
//
//   import compiler from 'compiler-js/rollup';
//   export default { input: 'src/index.ts', plugins: [compiler({ minify: true })] };
//
// `transform` compiles .ts/.tsx/.jsx/.js/.mts/.cts files (not node_modules by default) with
// the nearest tsconfig.json's defaults under the plugin's options; `renderChunk` minifies
// the chunks when `minify` is set, all of a build's in one native call on all cores. In
// Vite it runs before Vite's own transform, which it turns off (`oxc: false` from Vite 8,
// esbuild limited to no file before), and takes `jsx`/`define` from the Vite config. Compiled modules are kept in the persistent cache
// (`cache: false` turns it off) and served from it while their source and options hold;
// Vite's mode is part of the key. `plugin.api.cacheStats()` counts what was compiled and
// what was served.
import * as path from 'node:path';

import { createFilter } from '@rollup/pluginutils';

import { CompilerError } from '../api/errors';
import type { TransformOptions } from '../api/options';
import { type TransformCache, type TransformCacheStats, openTransformCache } from '../api/transform-cache';
import { defaultCacheDir } from '../config/cache-dir';
import { withTsconfig } from '../config/tsconfig';
import type { CompilerPluginOptions } from './options';
import { MinifyBatch } from './minify-batch';
import { resolveSource } from './resolve';
import { TypeExports } from './type-exports';
import { type ViteUserConfig, usesOxc, withViteOptions } from './vite';

const DEFAULT_INCLUDE = /\.(?:[cm]?ts|[jt]sx|js)$/;
const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/;
/** Matches nothing. */
const NO_FILE = /(?!)/;

/** The parts of Rollup's and Vite's plugin contexts and options used here. */
interface ErrorProps {
  message: string;
  meta?: { compilerCode: string };
  id?: string;
  loc?: { file?: string; line: number; column: number };
  frame?: string;
}
interface TransformContext {
  error(props: ErrorProps): never;
  resolve(source: string, importer: string, options: { skipSelf: boolean }): Promise<{ id: string; external: boolean | string } | null>;
  addWatchFile(file: string): void;
}
interface ConfigContext {
  meta?: { viteVersion?: string; rolldownVersion?: string };
}
interface ResolvedViteConfig {
  isProduction: boolean;
  mode?: string;
  root?: string;
  command?: 'build' | 'serve';
  build?: { sourcemap?: boolean | 'inline' | 'hidden' };
}
interface OutputOptions {
  format: string;
  sourcemap?: boolean | 'inline' | 'hidden';
}
interface TransformResult {
  code: string;
  map: string | null;
  /** Tells Vite 8 / Rolldown the result is JavaScript, whatever the id's extension. */
  moduleType: 'js';
}

interface CompilerPlugin {
  name: 'compiler-js';
  enforce: 'pre';
  config: { order: 'post'; handler(this: ConfigContext | void, config: ViteUserConfig): { esbuild: { include: RegExp } } | { oxc: false } };
  configResolved(config: ResolvedViteConfig): void;
  resolveId(source: string, importer: string | undefined): string | null;
  transform(this: TransformContext, code: string, id: string): Promise<TransformResult | null>;
  renderChunk(code: string, chunk: { fileName: string }, outputOptions: OutputOptions): Promise<{ code: string; map: string | null } | null>;
  buildEnd(): void;
  closeBundle(): void;
  api: {
    /** Modules compiled (`misses`) and served from the cache (`hits`) since the process opened the plugin's cache folder. */
    cacheStats(): TransformCacheStats;
    /** Native minify calls made (`batches`) for how many chunks. */
    minifyCalls(): { batches: number; chunks: number };
  };
}

/** Reports a `CompilerError` through the plugin context, as Rollup and Vite's overlay expect. */
function report(ctx: TransformContext, err: unknown, id: string): never {
  if (!(err instanceof CompilerError)) throw err;
  const [first, ...more] = err.errors;
  const file = first.filename ?? id;
  const message = more.length
    ? `${first.message}\n${more.map((e) => `${e.message}${e.line ? ` (${e.line}:${e.column})` : ''}`).join('\n')}`
    : first.message;
  return ctx.error({
    message,
    id,
    // Not `pluginCode`: Vite's dev server takes an error that has one as already formatted.
    meta: { compilerCode: first.code },
    // Rollup's `loc.column` is 0-based; ours are 1-based.
    loc: first.line ? { file, line: first.line, column: Math.max(0, (first.column ?? 1) - 1) } : undefined,
    frame: first.frame,
  });
}

function compiler(options: CompilerPluginOptions = {}): CompilerPlugin {
  const { include, exclude, minify: minifyOption, cache: useCache = true, cacheDir, ...transformOptions } = options;
  const filter = createFilter(include ?? DEFAULT_INCLUDE, exclude ?? DEFAULT_EXCLUDE);
  let explicit: TransformOptions = transformOptions;
  let byDir = new Map<string, TransformOptions>();
  let inVite = false;
  // Maps for every module, unless Vite builds without them: making and then reading 2,000
  // maps nobody asked for costs more than the compile they describe.
  let maps = true;
  // What else the output depends on: Vite's mode.
  let extra = '';
  let cacheRoot = process.cwd();
  let cache: TransformCache | undefined;
  const minifier = new MinifyBatch();
  const typeExports = new TypeExports();
  const theCache = () =>
    (cache ??= openTransformCache({ cacheDir: useCache ? path.resolve(cacheRoot, cacheDir ?? defaultCacheDir(cacheRoot)) : false }));

  const optionsFor = (file: string): TransformOptions => {
    const dir = path.dirname(file);
    let resolved = byDir.get(dir);
    if (!resolved) {
      resolved = withTsconfig(explicit, dir);
      byDir.set(dir, resolved);
    }
    return { ...resolved, filename: file, sourceMaps: maps };
  };

  return {
    name: 'compiler-js',
    // Vite: before its own plugins, so the source reaches us untouched.
    enforce: 'pre',

    // Vite only. Runs after other plugins' `config` hooks (their JSX settings included) so
    // that Vite's esbuild/Oxc transform stays off for the files compiled here.
    config: {
      order: 'post',
      handler(config) {
        inVite = true;
        explicit = withViteOptions(transformOptions, config);
        byDir = new Map();
        // Up to Vite 7, `esbuild: false` would also turn off minification (esbuild's renderChunk),
        // so esbuild stays on for that with its transform limited to no file at all.
        return usesOxc(this?.meta) ? { oxc: false } : { esbuild: { include: NO_FILE } };
      },
    },

    // Vite only: no maps for a build without them; the mode in the cache key; the root the
    // default cache folder is found from; and the automatic runtime's development mode when
    // Vite is not building for production, as Vite does.
    configResolved(config) {
      if (config.command === 'build' && config.build && !config.build.sourcemap) maps = false;
      extra = `vite mode ${config.mode ?? (config.isProduction ? 'production' : 'development')}`;
      cacheRoot = config.root ?? cacheRoot;
      if (explicit.jsx?.development === undefined && explicit.jsx?.runtime !== 'classic') {
        explicit = { ...explicit, jsx: { ...explicit.jsx, development: !config.isProduction } };
        byDir = new Map();
      }
    },

    // Plain Rollup only: extensionless and `.js`-for-`.ts` relative imports of TypeScript files.
    resolveId(source, importer) {
      if (inVite) return null;
      return resolveSource(source, importer?.split('?', 1)[0]) ?? null;
    },

    async transform(code, id) {
      const [file] = id.split('?', 1);
      if (id.startsWith('\0') || !filter(file)) return null;
      let output;
      try {
        // Re-exports of names that the other module exports only as types are dropped.
        const found = await typeExports.find(code, file, async (specifier, importer) => {
          // Not skipping this plugin: in plain Rollup it is what finds `./x` as `x.ts`.
          const r = await this.resolve(specifier, importer, { skipSelf: false });
          return r && !r.external && !r.id.startsWith('\0') ? r.id.split('?', 1)[0] : undefined;
        });
        const options = optionsFor(file);
        if (found) {
          options.typeOnlyExports = found.types;
          for (const f of found.read) this.addWatchFile(f);
        }
        output = await theCache().transform(code, options, extra);
      } catch (err) {
        return report(this, err, file);
      }
      // `map` is null only when Vite builds without maps (see `configResolved`).
      return { code: output.code, map: output.map ?? null, moduleType: 'js' };
    },

    async renderChunk(code, chunk, outputOptions) {
      if (!minifyOption) return null;
      const format = outputOptions.format;
      const sourceMap = !!outputOptions.sourcemap;
      const options = {
        module: format === 'es' || format === 'esm',
        toplevel: format === 'cjs',
        ...(minifyOption === true ? {} : minifyOption),
        sourceMap,
      };
      const result = await minifier.minify(code, chunk.fileName, options);
      return { code: result.code, map: sourceMap ? (result.map ?? null) : null };
    },

    // Writes out what was compiled: at the end of each build, and when Vite's server closes.
    buildEnd() {
      cache?.flush();
    },
    closeBundle() {
      cache?.flush();
    },

    api: {
      cacheStats: () => theCache().stats(),
      minifyCalls: () => ({ ...minifier.calls }),
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace compiler {
  /** The plugin's options, as `import('compiler-js/vite').Options` in JSDoc. */
  export type Options = CompilerPluginOptions;
}

// `module.exports` is the plugin factory, so `import compiler from 'compiler-js/rollup'`
// works from ESM configs, CommonJS and bundled Vite configs alike.
export = compiler;
