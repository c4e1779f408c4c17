// `compiler-js/rollup` (also `compiler-js/vite`): a Rollup/Vite plugin over the API.
//
//   import compiler from 'compiler-js/rollup';
//   export default { input: 'src/index.ts', plugins: [compiler({ minify: true })] };
//
// `transform` compiles .ts/.tsx/.jsx/.js/.mts/.cts files (not node_modules by default) with
// the nearest tsconfig.json's defaults under the plugin's options; `renderChunk` minifies
// each chunk when `minify` is set. In Vite it runs before Vite's own transform, which it
// turns off (`oxc: false` from Vite 8, esbuild limited to no file before), and takes
// `jsx`/`define` from the Vite config.
import * as path from 'node:path';

import { createFilter } from '@rollup/pluginutils';

import { CompilerError } from '../api/errors';
import { minify } from '../api/minify';
import type { TransformOptions } from '../api/options';
import { transform } from '../api/transform';
import { withTsconfig } from '../config/tsconfig';
import type { CompilerPluginOptions } from './options';
import { resolveSource } from './resolve';
import { type ViteUserConfig, usesOxc, withViteOptions } from './vite';

const DEFAULT_INCLUDE = /\.(?:[cm]?ts|[jt]sx|js)$/;
const DEFAULT_EXCLUDE = /[\\/]node_modules[\\/]/;
/** Matches nothing. */
const NO_FILE = /(?!)/;

/** The parts of Rollup's and Vite's plugin contexts and options used here. */
interface ErrorProps {
  message: string;
  id?: string;
  loc?: { file?: string; line: number; column: number };
  frame?: string;
}
interface TransformContext {
  error(props: ErrorProps): never;
}
interface ConfigContext {
  meta?: { viteVersion?: string; rolldownVersion?: string };
}
interface ResolvedViteConfig {
  isProduction: boolean;
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
    // Rollup's `loc.column` is 0-based; ours are 1-based.
    loc: first.line ? { file, line: first.line, column: Math.max(0, (first.column ?? 1) - 1) } : undefined,
    frame: first.frame,
  });
}

function compiler(options: CompilerPluginOptions = {}): CompilerPlugin {
  const { include, exclude, minify: minifyOption, ...transformOptions } = options;
  const filter = createFilter(include ?? DEFAULT_INCLUDE, exclude ?? DEFAULT_EXCLUDE);
  let explicit: TransformOptions = transformOptions;
  let byDir = new Map<string, TransformOptions>();
  let inVite = false;

  const optionsFor = (file: string): TransformOptions => {
    const dir = path.dirname(file);
    let resolved = byDir.get(dir);
    if (!resolved) {
      resolved = withTsconfig(explicit, dir);
      byDir.set(dir, resolved);
    }
    return { ...resolved, filename: file, sourceMaps: true };
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

    // Vite only: the automatic runtime's development mode when Vite is not building for
    // production, as Vite does.
    configResolved(config) {
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
        output = await transform(code, optionsFor(file));
      } catch (err) {
        return report(this, err, file);
      }
      return { code: output.code, map: output.map ?? null, moduleType: 'js' };
    },

    async renderChunk(code, chunk, outputOptions) {
      if (!minifyOption) return null;
      const format = outputOptions.format;
      const sourceMap = !!outputOptions.sourcemap;
      const result = await minify(code, {
        module: format === 'es' || format === 'esm',
        toplevel: format === 'cjs',
        ...(minifyOption === true ? {} : minifyOption),
        sourceMap,
        filename: chunk.fileName,
      });
      return { code: result.code, map: sourceMap ? (result.map ?? null) : null };
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
