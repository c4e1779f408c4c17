import type { FilterPattern } from '@rollup/pluginutils';

import type { MinifyOptions, TransformOptions } from '../api/options';

/** Options of `compiler-js/rollup` (and `compiler-js/vite`): transform options, filters and `minify`. */
export interface CompilerPluginOptions extends Omit<TransformOptions, 'filename' | 'sourceFileName' | 'sourceMaps' | 'module' | 'minify'> {
  /** Ids to compile (picomatch globs or regexes). Default: `.ts .tsx .jsx .js .mts .cts` files. */
  include?: FilterPattern;
  /** Ids to leave alone. Default: anything under `node_modules`. */
  exclude?: FilterPattern;
  /** Minify every chunk in `renderChunk` (Terser's options); source maps follow the output's `sourcemap`. */
  minify?: boolean | Omit<MinifyOptions, 'sourceMap' | 'filename'>;
  /** Keep compiled modules in the persistent cache and serve them from it. Default `true`. */
  cache?: boolean;
  /** Where that cache lives. Default: `node_modules/.cache/compiler-js` of the nearest package.json (Vite: from its `root`). */
  cacheDir?: string;
}
