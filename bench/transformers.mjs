// Every transform tool with equivalent options: TS/TSX → ES2020 ESM, automatic JSX runtime,
// no source maps. `extras` turns on the Next.js-style transforms (removeConsole,
// reactRemoveProperties, modularizeImports, styledJsx) for the tools that have them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import { benchDir } from './corpus.mjs';

const require = createRequire(import.meta.url);
export const EXTRAS = ['removeConsole', 'reactRemoveProperties', 'modularizeImports', 'styledJsx'];
/** The library whose member imports `modularizeImports` rewrites (see synthetic.mjs). */
export const UI_LIB = 'ui-lib';
const isTsx = (name) => name.endsWith('.tsx');
const version = (pkg) => require(`${pkg}/package.json`).version;

// ---- compiler-js ------------------------------------------------------------------------
/** Our package: the repo's build, or a copy of it named by BENCH_COMPILER_JS (see README). */
export const oursDir = process.env.BENCH_COMPILER_JS ? path.resolve(process.env.BENCH_COMPILER_JS) : path.join(benchDir, '../packages/compiler-js');
let oursApi;
/** Our package, required on first use (a child measuring another tool never loads it). */
export const ours = () => (oursApi ??= require(path.join(oursDir, 'dist/index.js')));

/** Which build of ours a run measured: the addon's size and time, the repo's commit. */
export function oursBuild() {
  const native = fs.readdirSync(path.join(oursDir, 'native')).find((f) => f.endsWith('.node'));
  const stat = fs.statSync(path.join(oursDir, 'native', native));
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchDir, encoding: 'utf8' }).stdout.trim();
  return { dir: oursDir, version: ours().version, addon: native, addonBytes: stat.size, addonBuilt: stat.mtime.toISOString(), repoHead: head };
}

/** Whether our build accepts an option: a missing one throws INVALID_OPTION "is not supported". */
export function oursSupports(option, value) {
  try {
    ours().transformSync('', { [option]: value });
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
const babelShared = new Map();
/**
 * Babel's options for one file. The presets and plugins are built once per `extras`: Babel
 * caches loaded plugins by the identity of these arrays, as with a config loaded once by
 * babel-loader or @babel/register.
 */
export function babelOptions(name, extras) {
  if (!babelShared.has(extras)) babelShared.set(extras, babelConfig(extras));
  return { ...babelShared.get(extras), filename: name };
}

function babelConfig(extras) {
  const plugins = [];
  if (extras) {
    plugins.push(
      'babel-plugin-transform-remove-console',
      ['babel-plugin-react-remove-properties', { properties: [/^data-test/] }],
      ['babel-plugin-transform-imports', { [UI_LIB]: { transform: `${UI_LIB}/\${member}`, preventFullImport: false } }],
      'styled-jsx/babel',
    );
  }
  // preset-typescript and preset-react leave ES2021+ syntax alone; these plugins lower
  // ES2021 and ES2022 syntax to ES2020 (what target es2020 does in the others). In a preset
  // listed first so that they run last, after TypeScript's `declare` fields are gone.
  const es2020 = {
    plugins: [
      '@babel/plugin-transform-class-static-block',
      '@babel/plugin-transform-class-properties',
      '@babel/plugin-transform-private-methods',
      '@babel/plugin-transform-private-property-in-object',
      '@babel/plugin-transform-logical-assignment-operators',
      '@babel/plugin-transform-numeric-separator',
    ].map((p) => require.resolve(p)),
  };
  return {
    babelrc: false,
    configFile: false,
    sourceMaps: false,
    sourceType: 'module',
    compact: false,
    // TypeScript below ES2022 assigns class fields (useDefineForClassFields: false).
    assumptions: { setPublicClassFields: true },
    presets: [
      es2020,
      [require.resolve('@babel/preset-react'), { runtime: 'automatic' }],
      [require.resolve('@babel/preset-typescript'), { allowDeclareFields: true }],
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

const none = Object.fromEntries(EXTRAS.map((k) => [k, 'n/a']));
const all = Object.fromEntries(EXTRAS.map((k) => [k, true]));
const cores = os.cpus().length;
const each = (fn) => async (files) => files.map(fn);
const gather = (fn) => (files) => Promise.all(files.map(fn));

/**
 * Every variant, by id: `{ tool, label, threads, package, load(extras) → variant }`, where a
 * loaded variant is `{ supports, one?(file) → code, run(files) → codes | bytesOut, prepare?, close? }`.
 * `load` requires only that tool, so a child process measuring one tool holds only it.
 */
export const TRANSFORM_VARIANTS = {
  'ours-sync': {
    tool: 'compiler-js', label: 'compiler-js transformSync', threads: 1, package: 'compiler-js',
    load(extras) {
      const { supports, base } = oursOptions(extras);
      const one = (f) => ours().transformSync(f.code, { ...base, filename: f.name }).code;
      return { supports, one, run: each(one) };
    },
  },
  'babel-sync': {
    tool: 'Babel', label: 'Babel transformSync', threads: 1, package: '@babel/core',
    load(extras) {
      const babel = require('@babel/core');
      const one = (f) => babel.transformSync(f.code, babelOptions(f.name, extras)).code;
      return { supports: all, one, run: each(one) };
    },
  },
  'swc-sync': {
    tool: '@swc/core', label: '@swc/core transformSync', threads: 1, package: '@swc/core',
    load() {
      const swc = require('@swc/core');
      const one = (f) => swc.transformSync(f.code, swcOptions(f.name)).code;
      return { supports: none, one, run: each(one) };
    },
  },
  'esbuild-sync': {
    tool: 'esbuild', label: 'esbuild transformSync', threads: 1, package: 'esbuild',
    load(extras) {
      const esbuild = require('esbuild');
      const one = (f) => esbuild.transformSync(f.code, esbuildOptions(f.name, extras)).code;
      return { supports: { ...none, removeConsole: true }, one, run: each(one) };
    },
  },
  'oxc-sync': {
    tool: 'oxc-transform', label: 'oxc-transform transformSync', threads: 1, package: 'oxc-transform',
    load() {
      const oxc = require('oxc-transform');
      const one = (f) => oxcCode(oxc.transformSync(f.name, f.code, oxcOptions));
      return { supports: none, one, run: each(one) };
    },
  },
  'next-sync': {
    tool: 'Next.js', label: 'Next.js (next-swc) transformSync', threads: 1, package: 'next',
    async load(extras) {
      const next = await loadNext();
      const one = (f) => next.transformSync(f.code, nextOptions(f.name, extras)).code;
      return { supports: all, one, run: each(one) };
    },
  },
  'ours-async': {
    tool: 'compiler-js', label: 'compiler-js transform (Promise.all)', threads: cores, package: 'compiler-js',
    load(extras) {
      const { supports, base } = oursOptions(extras);
      return { supports, run: gather((f) => ours().transform(f.code, { ...base, filename: f.name }).then((r) => r.code)) };
    },
  },
  'ours-batch': {
    tool: 'compiler-js', label: 'compiler-js transformFiles (batch, file I/O)', threads: cores, package: 'compiler-js',
    load(extras) {
      const { supports, base } = oursOptions(extras);
      let dir, jobs;
      return {
        supports,
        prepare(files) {
          dir = writeTree(files);
          jobs = files.map((f) => ({ input: path.join(dir, 'src', f.name), output: path.join(dir, 'out', f.name.replace(/\.tsx?$/, '.js')) }));
        },
        async run() {
          const results = await ours().transformFiles(jobs, base);
          const failed = results.find((r) => r.errors.length);
          if (failed) throw new Error(`${failed.input}: ${failed.errors[0].message}`);
          return results.reduce((n, r) => n + r.bytesOut, 0);
        },
        close: () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  'ours-cli': {
    tool: 'compiler-js', label: 'compiler transform CLI (process, file I/O)', threads: cores, package: 'compiler-js',
    load() {
      let dir;
      const cli = path.join(oursDir, 'dist/cli/index.js');
      return {
        supports: none,
        prepare(files) {
          dir = writeTree(files);
        },
        async run() {
          const r = spawnSync(process.execPath, [cli, 'transform', 'src', '-d', 'cli-out', '-q', '--extensions', '.ts,.tsx'], { cwd: dir, encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
          return null;
        },
        close: () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  'babel-pool': {
    tool: 'Babel', label: `Babel, ${cores} worker threads`, threads: cores, package: '@babel/core',
    load(extras) {
      const pool = new BabelPool(cores, extras);
      return { supports: all, run: (files) => pool.run(files), close: () => pool.close() };
    },
  },
  'swc-async': {
    tool: '@swc/core', label: '@swc/core transform (Promise.all)', threads: cores, package: '@swc/core',
    load() {
      const swc = require('@swc/core');
      return { supports: none, run: gather((f) => swc.transform(f.code, swcOptions(f.name)).then((r) => r.code)) };
    },
  },
  'esbuild-async': {
    tool: 'esbuild', label: 'esbuild transform (Promise.all)', threads: cores, package: 'esbuild',
    load(extras) {
      const esbuild = require('esbuild');
      return { supports: { ...none, removeConsole: true }, run: gather((f) => esbuild.transform(f.code, esbuildOptions(f.name, extras)).then((r) => r.code)) };
    },
  },
  'oxc-async': {
    tool: 'oxc-transform', label: 'oxc-transform transform (Promise.all)', threads: cores, package: 'oxc-transform',
    load() {
      const oxc = require('oxc-transform');
      return { supports: none, run: gather((f) => oxc.transform(f.name, f.code, oxcOptions).then(oxcCode)) };
    },
  },
  'next-async': {
    tool: 'Next.js', label: 'Next.js (next-swc) transform (Promise.all)', threads: cores, package: 'next',
    async load(extras) {
      const next = await loadNext();
      return { supports: all, run: gather((f) => next.transform(f.code, nextOptions(f.name, extras)).then((r) => r.code)) };
    },
  },
};

/** The version of a variant's package. */
export function variantVersion(id) {
  const pkg = TRANSFORM_VARIANTS[id].package;
  return pkg === 'compiler-js' ? ours().version : version(pkg);
}

/** Writes the files under a new temporary directory's `src/`; returns the directory. */
function writeTree(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-bench-'));
  for (const f of files) {
    const p = path.join(dir, 'src', f.name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.code);
  }
  return dir;
}
