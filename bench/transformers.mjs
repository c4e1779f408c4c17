// Every transform tool with equivalent options: TS/TSX → ES2020 ESM, automatic JSX runtime,
// no source maps. `extras` turns on the Next.js-style transforms (removeConsole,
// reactRemoveProperties, modularizeImports, styledJsx) for the tools that have them.
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
export const EXTRAS = ['removeConsole', 'reactRemoveProperties', 'modularizeImports', 'styledJsx'];
/** The library whose member imports `modularizeImports` rewrites (see synthetic.mjs). */
export const UI_LIB = 'ui-lib';
const isTsx = (name) => name.endsWith('.tsx');
const version = (pkg) => require(`${pkg}/package.json`).version;

// ---- compiler-js ------------------------------------------------------------------------
export const ours = require('../packages/compiler-js/dist/index.js');

/** Whether our build accepts an option: a missing one throws INVALID_OPTION "is not supported". */
export function oursSupports(option, value) {
  try {
    ours.transformSync('', { [option]: value });
    return { ok: true };
  } catch (err) {
    return { ok: false, why: String(err.message).split('\n')[0] };
  }
}

const OUR_EXTRAS = {
  removeConsole: true,
  reactRemoveProperties: true, // `^data-test`, as Next.js
  modularizeImports: { [UI_LIB]: { transform: `${UI_LIB}/{{member}}` } },
  styledJsx: true,
};

function oursOptions(extras) {
  const supports = {};
  const extra = {};
  for (const key of EXTRAS) {
    const probe = oursSupports(key, OUR_EXTRAS[key]);
    supports[key] = probe.ok || probe.why;
    if (extras && probe.ok) extra[key] = OUR_EXTRAS[key];
  }
  return { supports, base: { target: 'es2020', jsx: { runtime: 'automatic' }, module: 'esm', ...extra } };
}

// ---- Babel ------------------------------------------------------------------------------
export function babelOptions(name, extras) {
  const plugins = [];
  if (extras) {
    plugins.push(
      require.resolve('babel-plugin-transform-remove-console'),
      [require.resolve('babel-plugin-react-remove-properties'), { properties: [/^data-test/] }],
      [require.resolve('babel-plugin-transform-imports'), { [UI_LIB]: { transform: `${UI_LIB}/\${member}`, preventFullImport: false } }],
      require.resolve('styled-jsx/babel'),
    );
  }
  // preset-typescript and preset-react leave ES2021+ syntax alone; these are the plugins
  // that lower ES2021 and ES2022 syntax to ES2020 (what target es2020 does in the others).
  plugins.push(
    '@babel/plugin-transform-class-static-block',
    '@babel/plugin-transform-class-properties',
    '@babel/plugin-transform-private-methods',
    '@babel/plugin-transform-private-property-in-object',
    '@babel/plugin-transform-logical-assignment-operators',
    '@babel/plugin-transform-numeric-separator',
  );
  return {
    filename: name,
    babelrc: false,
    configFile: false,
    sourceMaps: false,
    sourceType: 'module',
    // TypeScript below ES2022 assigns class fields (useDefineForClassFields: false).
    assumptions: { setPublicClassFields: true },
    presets: [
      [require.resolve('@babel/preset-typescript'), { allowDeclareFields: true }],
      [require.resolve('@babel/preset-react'), { runtime: 'automatic' }],
    ],
    plugins: plugins.map((p) => (Array.isArray(p) ? [require.resolve(p[0]), p[1]] : require.resolve(p))),
  };
}

/** A pool of worker threads running Babel: how Babel uses more than one core (jest, thread-loader). */
class BabelPool {
  constructor(size, extras) {
    this.workers = Array.from({ length: size }, () => new Worker(new URL('./babel-worker.mjs', import.meta.url), { workerData: { extras } }));
  }
  /** Hands out chunks of files to whichever worker is free; resolves to the outputs in order. */
  run(files, chunk = 16) {
    const out = new Array(files.length);
    let next = 0;
    return new Promise((resolve, reject) => {
      let busy = 0;
      const feed = (w) => {
        if (next >= files.length) {
          if (busy === 0) resolve(out);
          return;
        }
        const start = next;
        const part = files.slice(start, (next += chunk)).map((f) => ({ name: f.name, code: f.code }));
        busy++;
        w.once('message', (msg) => {
          busy--;
          if (msg.error) return reject(new Error(msg.error));
          msg.codes.forEach((c, i) => (out[start + i] = c));
          feed(w);
        });
        w.postMessage(part);
      };
      this.workers.forEach(feed);
    });
  }
  close() {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

// ---- @swc/core --------------------------------------------------------------------------
const swcOptions = (name) => ({
  filename: name,
  swcrc: false,
  configFile: false,
  isModule: true,
  sourceMaps: false,
  module: { type: 'es6' },
  jsc: {
    target: 'es2020',
    parser: { syntax: 'typescript', tsx: isTsx(name), decorators: true },
    transform: { react: { runtime: 'automatic' }, useDefineForClassFields: false },
  },
});

// ---- esbuild ----------------------------------------------------------------------------
const esbuildOptions = (name, extras) => ({
  loader: isTsx(name) ? 'tsx' : 'ts',
  sourcefile: name,
  jsx: 'automatic',
  target: 'es2020',
  format: 'esm',
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  ...(extras ? { drop: ['console'] } : {}),
});

// ---- oxc-transform ----------------------------------------------------------------------
const oxcOptions = { target: 'es2020', sourceType: 'module', jsx: { runtime: 'automatic' }, assumptions: { setPublicClassFields: true } };
function oxcCode(result) {
  if (result.errors?.length) throw new Error(result.errors[0].message);
  return result.code;
}

// ---- Next.js ----------------------------------------------------------------------------
let nextBinding;
/** Next.js's native binding (@next/swc-*), loaded the way `next build` loads it. */
export async function loadNext() {
  nextBinding ??= await require('next/dist/build/swc').loadBindings();
  return nextBinding;
}

/** The options `next build`'s webpack loader gives SWC for a client-side app file, at ES2020. */
export function nextOptions(name, extras) {
  const { getLoaderSWCOptions } = require('next/dist/build/swc/options');
  const filename = `/app/${name}`;
  const options = getLoaderSWCOptions({
    filename,
    development: false,
    isServer: false,
    isPageFile: false,
    hasReactRefresh: false,
    relativeFilePathFromRoot: name,
    jsConfig: {},
    esm: true,
    modularizeImports: extras ? { [UI_LIB]: { transform: `${UI_LIB}/{{member}}` } } : undefined,
    compilerOptions: extras ? { removeConsole: true, reactRemoveProperties: true } : {},
  });
  // Next lowers client code to its browserslist targets (ES5 without one); ES2020 here, as the others.
  options.jsc.target = 'es2020';
  delete options.env;
  // Next always runs styled-jsx; off unless asked, as for the others.
  if (!extras) delete options.styledJsx;
  return { ...options, filename };
}

/**
 * The transform variants: `{ name, tool, version, threads, supports, run(files) → outputs }`.
 * `run` returns the output code of every file, in order. `close()` frees worker pools.
 */
export async function transformVariants({ extras = false } = {}) {
  const swc = require('@swc/core');
  const esbuild = require('esbuild');
  const oxc = require('oxc-transform');
  const babel = require('@babel/core');
  const next = await loadNext();
  const cores = os.cpus().length;
  const { supports: oursSupport, base } = oursOptions(extras);
  const none = Object.fromEntries(EXTRAS.map((k) => [k, 'n/a']));
  const all = Object.fromEntries(EXTRAS.map((k) => [k, true]));
  let pool;

  const variants = [
    {
      name: 'compiler-js transformSync', tool: 'compiler-js', version: ours.version, threads: 1, supports: oursSupport,
      one: (f) => ours.transformSync(f.code, { ...base, filename: f.name }).code,
    },
    {
      name: 'Babel transformSync', tool: 'babel', version: version('@babel/core'), threads: 1, supports: all,
      one: (f) => babel.transformSync(f.code, babelOptions(f.name, extras)).code,
    },
    {
      name: '@swc/core transformSync', tool: 'swc', version: version('@swc/core'), threads: 1, supports: none,
      one: (f) => swc.transformSync(f.code, swcOptions(f.name)).code,
    },
    {
      name: 'esbuild transformSync', tool: 'esbuild', version: esbuild.version, threads: 1, supports: { ...none, removeConsole: true },
      one: (f) => esbuild.transformSync(f.code, esbuildOptions(f.name, extras)).code,
    },
    {
      name: 'oxc-transform transformSync', tool: 'oxc', version: version('oxc-transform'), threads: 1, supports: none,
      one: (f) => oxcCode(oxc.transformSync(f.name, f.code, oxcOptions)),
    },
    {
      name: 'Next.js (next-swc) transformSync', tool: 'next', version: version('next'), threads: 1, supports: all,
      one: (f) => next.transformSync(f.code, nextOptions(f.name, extras)).code,
    },
    {
      name: 'compiler-js transform (Promise.all)', tool: 'compiler-js', threads: cores, supports: oursSupport,
      all: (files) => Promise.all(files.map((f) => ours.transform(f.code, { ...base, filename: f.name }).then((r) => r.code))),
    },
    {
      name: `Babel, ${cores} worker threads`, tool: 'babel', threads: cores, supports: all,
      all: (files) => (pool ??= new BabelPool(cores, extras)).run(files),
    },
    {
      name: '@swc/core transform (Promise.all)', tool: 'swc', threads: cores, supports: none,
      all: (files) => Promise.all(files.map((f) => swc.transform(f.code, swcOptions(f.name)).then((r) => r.code))),
    },
    {
      name: 'esbuild transform (Promise.all)', tool: 'esbuild', threads: cores, supports: { ...none, removeConsole: true },
      all: (files) => Promise.all(files.map((f) => esbuild.transform(f.code, esbuildOptions(f.name, extras)).then((r) => r.code))),
    },
    {
      name: 'oxc-transform transform (Promise.all)', tool: 'oxc', threads: cores, supports: none,
      all: (files) => Promise.all(files.map((f) => oxc.transform(f.name, f.code, oxcOptions).then(oxcCode))),
    },
    {
      name: 'Next.js (next-swc) transform (Promise.all)', tool: 'next', threads: cores, supports: all,
      all: (files) => Promise.all(files.map((f) => next.transform(f.code, nextOptions(f.name, extras)).then((r) => r.code))),
    },
  ];
  for (const v of variants) v.run = v.one ? async (files) => files.map(v.one) : v.all;
  return { variants, oursOptions: base, close: () => pool?.close() };
}
