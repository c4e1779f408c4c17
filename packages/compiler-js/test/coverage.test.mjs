// `coverage`: Istanbul's counters from our instrumenter, against babel-plugin-istanbul
// (istanbul-lib-instrument 6.0.3, what babel-jest runs) with Babel's TypeScript and React
// presets and legacy decorators. For each module both coverage objects are read off the code as Jest reads them
// (`readInitialCoverage`) and must be equal, hash included; then both outputs run the same
// calls and must count the same. The whole real corpus is compared map for map by
// bench/test/coverage.test.mjs.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { loadCommonJs as load, repoRoot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { transformSync } = api.default ?? api;
const babel = require('@babel/core');
const { readInitialCoverage } = require('istanbul-lib-instrument');

const dir = path.join(repoRoot, 'tests/fixtures/coverage-modules');

function ours(source, filename, coverage = true) {
  return transformSync(source, { filename, coverage, module: 'commonjs', target: 'es2022', decorators: { legacy: true } }).code;
}

/**
 * babel-jest's way: the presets, then babel-plugin-istanbul on the source as written. (Not
 * examples/jest-app's jest.babel.config.js: its loose class fields, which the app's decorated
 * fields need, refuse the private methods these modules have.)
 */
function reference(source, filename) {
  return babel.transformSync(source, {
    filename,
    babelrc: false,
    configFile: false,
    presets: [
      ['@babel/preset-typescript', { allowDeclareFields: true }],
      ['@babel/preset-react', { runtime: 'automatic' }],
    ],
    plugins: [
      ['@babel/plugin-proposal-decorators', { version: 'legacy' }],
      '@babel/plugin-transform-modules-commonjs',
      ['babel-plugin-istanbul', { cwd: repoRoot, exclude: [] }],
    ],
  }).code;
}

/** The counts after loading `code` and calling `run` on its exports. */
function counts(code, filename, run) {
  globalThis.__coverage__ = {};
  try {
    run(load(code, filename));
    const { s, f, b } = globalThis.__coverage__[filename];
    return { s, f, b };
  } finally {
    delete globalThis.__coverage__;
  }
}

const MODULES = {
  'hints.ts': {
    source: `
/* istanbul ignore next */
export function debug(value: unknown): string {
  return JSON.stringify(value);
}

/* istanbul ignore next: only on servers */
export const onServer = () => typeof window === 'undefined';

// istanbul ignore next
export default function fallback() {
  return 'fallback';
}

export function sign(n: number): string {
  /* istanbul ignore if */
  if (Number.isNaN(n)) {
    throw new TypeError('NaN');
  } else if (n < 0) {
    return '-';
  }
  /* istanbul ignore else */
  if (n >= 0) {
    return '+';
  } else {
    return '?';
  }
}

export const pick = (a: number | null, b: number) => (a !== null ? a : /* istanbul ignore next */ b);
export const either = (a?: string, b?: string) => a || /* istanbul ignore next */ b || 'none';

// Babel moves a comment to the sequence that wraps an initializer or a default, so these
// hints are lost, in Istanbul as here.
export const lost = /* istanbul ignore next */ either('x') || 'y';
export function lostDefault(cb = /* istanbul ignore next */ () => 1) {
  return cb();
}

export class Service {
  /* istanbul ignore next */
  dispose() {
    return null;
  }
  run() {
    return { /* istanbul ignore next */ skipped() {}, kept() { return 1; } }.kept();
  }
}
`,
    run: (m) => {
      m.sign(2);
      m.sign(-1);
      m.pick(null, 3);
      m.either(undefined, undefined);
      m.lostDefault();
      new m.Service().run();
    },
  },
  'branches.ts': {
    source: `
export function shipping(total: number, zone: 'eu' | 'us' | 'other' = 'eu', express = false): number {
  let cost = 0;
  switch (zone) {
    case 'eu':
      cost = total > 50 ? 0 : 5;
    case 'us':
      cost += 10;
      break;
    default:
      cost = 20;
  }
  if (express) cost *= 2;
  return cost;
}

export function name(user?: { first?: string | null; last?: string }, { fallback = 'anonymous', upper = false } = {}) {
  const full = ((user?.first ?? '') + ' ' + (user?.last || '')).trim() || fallback;
  return upper && full.length > 0 ? full.toUpperCase() : full;
}

export function remember(cache: Record<string, number>, key: string, compute: () => number) {
  cache[key] ??= compute();
  cache.hits ||= 0;
  cache.hits &&= cache.hits + 1;
  return cache[key];
}

export function pairs([first = 1, second = first * 2]: number[] = []) {
  const out = [];
  for (let i = 0; i < 2; i++) out.push(i ? second : first);
  let n = 0;
  do n++; while (n < 3);
  while (n > 0) n--;
  for (const k in { a: 1 }) out.push(k.length);
  outer: for (const x of [1, 2]) {
    for (const y of [1, 2]) {
      if (x === y) continue outer;
    }
  }
  return out;
}
`,
    run: (m) => {
      m.shipping(60);
      m.shipping(10, 'us', true);
      m.name({ first: 'Ada' });
      m.name(undefined, { upper: true });
      const cache = {};
      m.remember(cache, 'a', () => 1);
      m.remember(cache, 'a', () => 2);
      m.pairs();
      m.pairs([5]);
    },
  },
  'functions.tsx': {
    source: `
import { useState } from 'react';

export const double = (n: number) => n * 2;
export const named = function namedFn() { return 1; }, anonymous = function () { return 2; };

export class Counter<T> {
  static created = 0;
  #secret = 1;
  label = 'counter';
  value: number;
  static {
    Counter.created = 0;
  }
  constructor(private readonly start = 0, public step = 1) {
    this.value = start;
    Counter.created++;
  }
  get current() { return this.value; }
  set current(v) { this.value = v; }
  increment(by?: number) { this.value += by ?? this.step; return this; }
  #reset() { this.value = this.start; }
  static of(start: number) { return new Counter(start); }
  async *ticks() { yield this.value; }
}

export const store = {
  items: [] as string[],
  add(item: string) { this.items.push(item); },
  get size() { return this.items.length; },
  set first(v: string) { this.items[0] = v; },
};

export function List({ items, empty }: { items: string[]; empty?: string }) {
  const [open] = useState(true);
  return (
    <ul>
      {items.length === 0 && <li>{empty ?? 'nothing'}</li>}
      {open ? items.map((item) => <li key={item}>{item}</li>) : null}
    </ul>
  );
}
`,
    run: (m) => {
      m.double(2);
      m.named();
      const c = new m.Counter(1);
      c.increment().increment(2);
      void c.current;
      m.store.add('x');
      void m.store.size;
    },
  },
  'typescript.ts': {
    source: `
export enum Color { Red = 1, Green = Red * 2 }

export namespace Geometry {
  export const origin = { x: 0, y: 0 };
  export function distance(a = origin, b = origin) {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
}

export function format(value: string): string;
export function format(value: number): string;
export function format(value: string | number): string {
  return typeof value === 'number' ? value.toFixed(2) : value;
}

function logged(_target: object, key: string, descriptor: PropertyDescriptor) {
  const method = descriptor.value;
  descriptor.value = function (this: unknown, ...args: unknown[]) {
    return method.apply(this, args);
  };
}

export abstract class Shape {
  abstract area(): number;
  declare kind: string;
  @logged
  describe() {
    return \`\${this.kind ?? 'shape'} of \${this.area()}\`;
  }
}

export class Square extends Shape {
  constructor(private side: number) { super(); }
  area() { return this.side! ** 2; }
}

export const config = { retries: 3 } satisfies Record<string, number>;
export type Point = typeof Geometry.origin;
`,
    run: (m) => {
      m.Geometry.distance({ x: 3, y: 4 });
      m.format(1.234);
      new m.Square(2).describe();
    },
  },
};

describe('coverage: our counters are babel-plugin-istanbul’s', () => {
  for (const [name, { source, run }] of Object.entries(MODULES)) {
    const filename = path.join(dir, name);
    const mine = ours(source, filename);
    const theirs = reference(source, filename);

    test(`${name}: the same coverage object, read as Jest reads it (maps, path, hash)`, () => {
      const a = readInitialCoverage(mine);
      const b = readInitialCoverage(theirs);
      assert.ok(a, 'Jest finds our coverage object');
      assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
      assert.ok(Object.keys(a.coverageData.statementMap).length > 5);
    });

    test(`${name}: the same counts when both run`, () => {
      assert.deepEqual(counts(mine, filename, run), counts(theirs, filename, run));
    });
  }

  test('an if without else taken one way: the implicit else is a path of its own', () => {
    const filename = path.join(dir, 'implicit-else.ts');
    const source = 'export function f(a: boolean) {\n  if (a) {\n    return 1;\n  }\n  return 2;\n}\n';
    const { b, coverage } = (() => {
      const code = ours(source, filename);
      const c = counts(code, filename, (m) => m.f(true));
      return { b: c.b, coverage: readInitialCoverage(code).coverageData };
    })();
    assert.deepEqual(coverage.branchMap[0].locations, [
      { start: { line: 2, column: 2 }, end: { line: 4, column: 3 } },
      { start: {}, end: {} },
    ]);
    assert.deepEqual(b[0], [1, 0], 'the else was never taken: 50 % of branches, not 100 %');
  });

  test('`istanbul ignore file` leaves the file alone, as Istanbul does', () => {
    const filename = path.join(dir, 'ignored.ts');
    const source = '/* istanbul ignore file */\nexport const a = 1 || 2;\n';
    assert.equal(readInitialCoverage(ours(source, filename)), null);
    assert.equal(readInitialCoverage(reference(source, filename)), null);
    assert.ok(!ours(source, filename).includes('cov_'));
  });

  test('options: the global variable, and class methods left out by name', () => {
    const filename = path.join(dir, 'options.ts');
    const source = 'export class A { render() { return 1; } keep() { return 2; } }\n';
    const code = ours(source, filename, { coverageVariable: '__cov__', ignoreClassMethods: ['render'] });
    const data = readInitialCoverage(code);
    assert.equal(data.gcv, '__cov__');
    assert.deepEqual(
      Object.values(data.coverageData.fnMap).map((f) => f.loc.start.column),
      [source.indexOf('{ return 2')],
      'only keep() is a function',
    );
    globalThis.__cov__ = {};
    try {
      new (load(code, filename).A)().keep();
      assert.deepEqual(globalThis.__cov__[filename].f, { 0: 1 });
    } finally {
      delete globalThis.__cov__;
    }
  });

  test('a bad option names its key', () => {
    assert.throws(() => ours('', path.join(dir, 'a.ts'), { coverageVar: 'x' }), /`coverage\.coverageVar`|coverageVar/);
    assert.throws(
      () => ours('', path.join(dir, 'a.ts'), { coverageGlobalScopeFunc: false, coverageGlobalScope: 'this is not' }),
      /Invalid option `coverage\.coverageGlobalScope`: must be a JavaScript expression/,
    );
  });
});
