// Every minifier, configured as "compress + mangle, keep legal comments", which is Terser's
// default. `load()` requires only that tool. A loaded minifier has `minify(code, lib)` on the
// calling thread and, where the tool can work off it, `minifyAsync(code, lib)`.
import { createRequire } from 'node:module';

import { loadNext, ours } from './transformers.mjs';

const require = createRequire(import.meta.url);
const version = (pkg) => require(`${pkg}/package.json`).version;
const isModule = (lib) => lib.kind === 'esm';

/** Whether our build has a minifier yet (another change is adding it). */
export function oursMinifier() {
  const api = ours();
  return typeof api.minifySync === 'function' ? api : null;
}
const oursOptions = (lib) => ({ compress: {}, mangle: {}, module: isModule(lib) });
const oursCode = (out) => (typeof out === 'string' ? out : out.code);

/** What `next build` passes its minifier (MinifyPlugin in next/dist/build/webpack/plugins). */
const nextOptions = {
  compress: { inline: 2, global_defs: { 'process.env.__NEXT_PRIVATE_MINIMIZE_MACRO_FALSE': false }, keep_classnames: false, keep_fnames: false },
  mangle: { reserved: ['AbortSignal'], disableCharFreq: false },
  module: 'unknown',
  output: { comments: false },
};

const swcOptions = (lib) => ({ compress: {}, mangle: {}, module: isModule(lib), format: { comments: 'some' } });
const esbuildOptions = (lib) => ({ minify: true, loader: 'js', legalComments: 'inline', ...(isModule(lib) ? { format: 'esm' } : {}) });
const oxcOptions = (lib) => ({ module: isModule(lib), compress: {}, mangle: {}, codegen: { legalComments: 'inline' } });
function oxcCode(result) {
  if (result.errors?.length) throw new Error(result.errors[0].message);
  return result.code;
}

export const MINIFIERS = {
  ours: {
    label: 'compiler-js minifySync',
    asyncLabel: 'compiler-js minify',
    version: () => ours().version,
    available: () => (oursMinifier() ? true : 'compiler-js has no minifySync yet'),
    load() {
      const api = oursMinifier();
      if (!api) throw new Error('compiler-js has no minifySync yet');
      return {
        minify: (code, lib) => oursCode(api.minifySync(code, oursOptions(lib))),
        minifyAsync: typeof api.minify === 'function' ? async (code, lib) => oursCode(await api.minify(code, oursOptions(lib))) : undefined,
      };
    },
  },
  terser: {
    label: 'Terser',
    version: () => version('terser'),
    load() {
      const terser = require('terser');
      // Terser is JavaScript on the calling thread: no off-thread variant.
      return { minify: (code, lib) => terser.minify_sync(code, { module: isModule(lib) }).code };
    },
  },
  esbuild: {
    label: 'esbuild',
    asyncLabel: 'esbuild transform',
    version: () => version('esbuild'),
    load() {
      const esbuild = require('esbuild');
      return {
        minify: (code, lib) => esbuild.transformSync(code, esbuildOptions(lib)).code,
        minifyAsync: async (code, lib) => (await esbuild.transform(code, esbuildOptions(lib))).code,
      };
    },
  },
  swc: {
    label: '@swc/core',
    asyncLabel: '@swc/core minify',
    version: () => version('@swc/core'),
    load() {
      const swc = require('@swc/core');
      return {
        minify: (code, lib) => swc.minifySync(code, swcOptions(lib)).code,
        minifyAsync: async (code, lib) => (await swc.minify(code, swcOptions(lib))).code,
      };
    },
  },
  oxc: {
    label: 'oxc-minify',
    asyncLabel: 'oxc-minify minify',
    version: () => version('oxc-minify'),
    load() {
      const oxc = require('oxc-minify');
      return {
        minify: (code, lib) => oxcCode(oxc.minifySync(lib.file, code, oxcOptions(lib))),
        minifyAsync: async (code, lib) => oxcCode(await oxc.minify(lib.file, code, oxcOptions(lib))),
      };
    },
  },
  next: {
    label: 'Next.js (next-swc)',
    asyncLabel: 'Next.js (next-swc) minify',
    version: () => version('next'),
    async load() {
      const next = await loadNext();
      return {
        minify: (code) => next.minifySync(code, nextOptions).code,
        minifyAsync: async (code) => (await next.minify(code, nextOptions)).code,
      };
    },
  },
};
