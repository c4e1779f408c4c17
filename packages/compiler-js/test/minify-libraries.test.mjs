// Differential execution: each library is minified, then the original and the minified
// file run the same real API calls and must give the same results. Every output also
// re-parses with acorn, and minifying the output again still runs (idempotency).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import * as vm from 'node:vm';

import * as acorn from 'acorn';

import { minifySync } from '../dist/index.js';
import { repoRoot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const modulesDir = path.join(repoRoot, 'node_modules');

/** Runs CommonJS code as if it were the file at `filename` (its `require` resolves from there). */
function runCjs(code, filename) {
  const m = new Module(filename);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(path.dirname(filename));
  m._compile(code, filename);
  return m.exports;
}

/** Runs a browser global build in a fresh context and returns the global it defines. */
function runGlobal(code, name) {
  const context = vm.createContext({ console, setTimeout, clearTimeout, queueMicrotask });
  vm.runInContext(code, context);
  return context[name];
}

const VARIANTS = [
  { name: 'default (compress + mangle)', options: {} },
  { name: 'unmangled', options: { mangle: false } },
  { name: 'toplevel', options: { toplevel: true } },
  { name: 'toplevel, unmangled', options: { toplevel: true, mangle: false } },
];

const libraries = [
  {
    name: 'lodash',
    file: 'lodash/lodash.js',
    load: runCjs,
    smoke: (_) => ({
      chunk: _.chunk([1, 2, 3, 4, 5], 2),
      template: _.template('hello <%= user %>, <%- html %>!')({ user: 'ada', html: '<b>' }),
      sortBy: _.sortBy([{ n: 3 }, { n: 1 }, { n: 2 }], 'n'),
      merge: _.merge({ a: { b: 1 } }, { a: { c: [1, 2] } }),
      camel: _.camelCase('Foo Bar-baz'),
      groupBy: _.groupBy([6.1, 4.2, 6.3], Math.floor),
      isEqual: _.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
      debounced: typeof _.debounce(() => {}, 10),
    }),
  },
  {
    name: 'moment',
    file: 'moment/moment.js',
    load: runCjs,
    smoke: (moment) => ({
      format: moment.utc('2020-01-02T03:04:05Z').format('dddd, MMMM Do YYYY, h:mm:ss a'),
      add: moment.utc('2020-01-31').add(1, 'month').toISOString(),
      diff: moment.utc('2021-03-01').diff(moment.utc('2020-03-01'), 'days'),
      duration: moment.duration(90, 'minutes').humanize(),
      valid: moment('not a date', 'YYYY-MM-DD', true).isValid(),
    }),
  },
  {
    name: 'd3',
    file: 'd3/dist/d3.js',
    load: runCjs,
    smoke: (d3) => ({
      linear: d3.scaleLinear().domain([0, 10]).range([0, 100])(2.5),
      ticks: d3.scaleLinear().domain([0, 1]).ticks(5),
      format: d3.format('$,.2f')(1234567.891),
      extent: d3.extent([3, 1, 4, 1, 5, 9, 2, 6]),
      utc: d3.utcFormat('%Y-%m-%d %H:%M')(new Date(Date.UTC(2020, 0, 2, 3, 4))),
      color: d3.interpolateRgb('red', 'blue')(0.5),
      path: (() => { const p = d3.path(); p.moveTo(0, 0); p.lineTo(10, 10); p.arc(5, 5, 5, 0, Math.PI); return p.toString(); })(),
    }),
  },
  {
    name: 'react-dom server (development)',
    file: 'react-dom/cjs/react-dom-server-legacy.node.development.js',
    load: runCjs,
    smoke: (server) => {
      const React = require('react');
      const h = React.createElement;
      function List({ items }) {
        return h('ul', { className: 'list' }, items.map((i) => h('li', { key: i }, `item ${i}`)));
      }
      return { html: server.renderToString(h('main', null, h('h1', { id: 't' }, 'Title & more'), h(List, { items: [1, 2, 3] }))) };
    },
  },
  {
    name: 'vue (global build)',
    file: 'vue/dist/vue.global.js',
    global: 'Vue',
    // A global build's top-level `var Vue` is its output: toplevel mangling would remove it.
    variants: VARIANTS.filter((v) => !v.options.toplevel),
    load: (code) => runGlobal(code, 'Vue'),
    smoke: (Vue) => {
      const state = Vue.reactive({ n: 2, items: ['a'] });
      const doubled = Vue.computed(() => state.n * 2);
      state.n = 21;
      state.items.push('b');
      const render = Vue.compile('<ul><li v-for="i in items" :key="i">{{ i.toUpperCase() }}</li></ul>');
      const vnode = render.call(null, { items: ['x', 'y'], ...Vue }, []);
      return { doubled: doubled.value, items: [...state.items], render: typeof render, vnodeType: typeof vnode };
    },
  },
  {
    name: 'typescript',
    file: 'typescript/lib/typescript.js',
    load: runCjs,
    // 9 MB: two variants keep the suite quick; the others are covered by smaller libraries.
    variants: [VARIANTS[0], VARIANTS[3]],
    smoke: (ts) => ({
      js: ts.transpileModule('enum E { A = 1 } export const f = (x: number): E => x as E;', {
        compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.CommonJS },
      }).outputText,
      diagnostics: ts.transpileModule('let x: = 1;', { reportDiagnostics: true }).diagnostics.map((d) => d.code),
    }),
  },
];

describe('minified libraries behave like the originals', () => {
  for (const lib of libraries) {
    const file = path.join(modulesDir, lib.file);
    const source = fs.readFileSync(file, 'utf8');
    const expected = lib.smoke(lib.load(source, file));
    for (const variant of lib.variants ?? VARIANTS) {
      test(`${lib.name}: ${variant.name}`, () => {
        const { code } = minifySync(source, variant.options);
        assert.ok(code.length < source.length * 0.8, `${code.length} of ${source.length} bytes`);
        acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
        assert.deepEqual(lib.smoke(lib.load(code, file)), expected);
        if (variant === VARIANTS[0]) {
          const again = minifySync(code, variant.options).code;
          assert.deepEqual(lib.smoke(lib.load(again, file)), expected, 'minifying the output again');
        }
      });
    }
  }
});

describe('three (ES module build)', () => {
  const files = ['three.module.js', 'three.core.js'];
  const smoke = (THREE) => {
    const v = new THREE.Vector3(1, 2, 3).applyMatrix4(new THREE.Matrix4().makeRotationZ(Math.PI / 2));
    const box = new THREE.Box3().setFromPoints([new THREE.Vector3(0, 0, 0), new THREE.Vector3(2, 4, 6)]);
    const color = new THREE.Color('#ff8800').getHexString();
    const geometry = new THREE.BoxGeometry(1, 2, 3);
    return {
      v: v.toArray().map((n) => Math.round(n * 1e6) / 1e6),
      center: box.getCenter(new THREE.Vector3()).toArray(),
      color,
      vertices: geometry.getAttribute('position').count,
      quaternion: new THREE.Quaternion().setFromEuler(new THREE.Euler(0.1, 0.2, 0.3)).toArray().map((n) => n.toFixed(6)),
    };
  };
  for (const variant of [{ module: true }, { module: true, mangle: false }]) {
    test(`minified with ${JSON.stringify(variant)}`, async () => {
      const expected = smoke(await import(pathToFileURL(path.join(modulesDir, 'three/build/three.module.js')).href));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'three-min-'));
      for (const f of files) {
        const { code } = minifySync(fs.readFileSync(path.join(modulesDir, 'three/build', f), 'utf8'), variant);
        acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
        fs.writeFileSync(path.join(dir, f.replace(/\.js$/, '.mjs')), code.replaceAll('./three.core.js', './three.core.mjs'));
      }
      assert.deepEqual(smoke(await import(pathToFileURL(path.join(dir, 'three.module.mjs')).href)), expected);
    });
  }
});
