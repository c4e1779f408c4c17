// Every output runs on its target: each piece of syntax an ES edition added, alone in its
// file, compiled for every earlier target, parses with acorn at that target's version and,
// run here, gives what the untouched source gives. Each snippet avoids the words the
// pipeline's cheap pre-checks look for (facts.rs: `class`, `using`, `...`, a backquote, `||=`)
// unless its syntax needs them, so a pre-check that skipped a pass it should not have run
// is caught here. The real-corpus version of this test is bench/test/targets.test.mjs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as acorn from 'acorn';

import { transformSync } from '../dist/index.js';

const TARGETS = { es5: 5, es2015: 2015, es2016: 2016, es2017: 2017, es2018: 2018, es2019: 2019, es2020: 2020, es2021: 2021, es2022: 2022 };

/** `[edition, name, source]`: the source exports `result`, a value or a promise of one. */
const SYNTAX = [
  [2015, 'arrow functions and let', 'let f = (a) => a * 2; export const result = f(21);'],
  [2015, 'const and block scope in loops', 'const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); export const result = fs.map((f) => f());'],
  [2015, 'template literals', 'const n = 2; export const result = `n=${n}`;'],
  [2015, 'destructuring and defaults', 'const { a, b: [c] = [3] } = { a: 1 }; function g(x = a + c) { return x; } export const result = g();'],
  [2015, 'spread arguments', 'function g(a, b) { return a + b; } const xs = [1, 2]; export const result = g(...xs);'],
  [2015, 'for-of and generators', 'function* g() { yield 1; yield 2; } let s = 0; for (const x of g()) s += x; export const result = s;'],
  [2015, 'shorthand and computed properties', 'const k = "a"; const o = { [k + 1]: 1, m() { return 2; } }; export const result = [o.a1, o.m()];'],
  [2015, 'classes', 'class A { constructor(x) { this.x = x; } get y() { return this.x + 1; } } class B extends A { z() { return super.y; } } export const result = new B(1).z();'],
  [2016, 'exponent', 'let x = 2; x **= 3; export const result = x ** 2;'],
  [2016, 'rest parameter that destructures', 'const f = (a, ...[b, c]) => a + b + c; function g(...{ length }) { return length; } export const result = [f(1, 2, 3), g(1, 2)];'],
  [2017, 'async functions', 'async function f() { return await Promise.resolve(4); } export const result = f();'],
  [2018, 'object rest and spread', 'const { a, ...r } = { a: 1, b: 2 }; export const result = { ...r, c: a };'],
  [2018, 'async generators and for await', 'async function* g() { yield 1; yield 2; } async function f() { let s = 0; for await (const x of g()) s += x; return s; } export const result = f();'],
  [2018, 'regex named groups and the s flag', 'export const result = /(?<y>\\d+).x/s.exec("12\\nx").groups.y;'],
  [2018, 'escapes only a tagged template allows', 'const raw = (s) => s.raw[0] + (s[0] === undefined); export const result = raw`\\unicode`;'],
  [2019, 'optional catch binding', 'let r; try { throw 1; } catch { r = 2; } export const result = r;'],
  [2020, 'nullish coalescing and optional chaining', 'const o = { a: null }; export const result = [o.a ?? 1, o.b?.c, o.m?.()];'],
  [2021, 'logical assignment', 'let a = null, b = 1, c = 0; a ??= 2; b &&= 3; c ||= 4; export const result = [a, b, c];'],
  [2021, 'numeric separators', 'export const result = 1_000_000 + 0xff_ff;'],
  [2022, 'class fields and private methods', 'class A { x = 1; static y = 2; #z = 3; #m() { return this.#z; } get z() { return this.#m(); } } export const result = [new A().x, A.y, new A().z];'],
  [2022, 'static blocks and #x in o', 'class A { #p; static s; static { A.s = 5; } static has(o) { return #p in o; } } export const result = [A.s, A.has(new A()), A.has({})];'],
];

/** Syntax no pass can lower; it is listed, not compiled for earlier targets. */
const CANNOT_BE_LOWERED = [
  [2018, 'regex lookbehind', 'export const result = /(?<=a)b/.test("ab");'],
  [2020, 'BigInt literals', 'export const result = String(10n * 3n);'],
  [2020, 'import.meta', 'export const result = typeof import.meta;'],
  [2022, 'regex d flag', 'export const result = /a/d.exec("ba").indices[0];'],
  [2024, 'regex v flag', 'export const result = [/[\\p{L}--[a-z]]/v.test("A"), /[\\p{L}--[a-z]]/v.test("a")];'],
];

function run(code) {
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, () => {
    throw new Error('no require here');
  });
  return module.exports.result;
}

const compile = (source, target) => transformSync(source, { filename: 'a.ts', target, module: 'commonjs' }).code;

describe('every output parses at its target and runs as its source does', () => {
  for (const [edition, name, source] of SYNTAX) {
    test(`${name} (ES${edition})`, async () => {
      acorn.parse(compile(source, 'esnext'), { ecmaVersion: 'latest', sourceType: 'script' });
      const expected = edition <= 2022 ? await run(compile(source, 'esnext')) : undefined;
      const earlier = Object.entries(TARGETS).filter(([, v]) => (v === 5 ? 2009 : v) < edition);
      assert.ok(earlier.length > 0);
      for (const [target, ecmaVersion] of earlier) {
        const code = compile(source, target);
        try {
          acorn.parse(code, { ecmaVersion, sourceType: 'script' });
        } catch (e) {
          assert.fail(`${target}: ${e.message}\n${code}`);
        }
        if (expected !== undefined) assert.deepEqual(await run(code), expected, `${target}:\n${code}`);
      }
    });
  }
});

describe('syntax that cannot be lowered is kept as written, and runs as its source does', () => {
  for (const [edition, name, source] of CANNOT_BE_LOWERED) {
    test(`${name} (ES${edition})`, () => {
      const sourceType = name === 'import.meta' ? 'module' : 'script';
      for (const target of Object.keys(TARGETS)) {
        const code = compile(source, target);
        acorn.parse(code, { ecmaVersion: Math.max(TARGETS[target], edition), sourceType });
        if (sourceType === 'script') assert.deepEqual(run(code), run(compile(source, 'esnext')), `${target}:\n${code}`);
      }
      assert.throws(() => acorn.parse(compile(source, 'es5'), { ecmaVersion: edition - 1, sourceType }), SyntaxError);
    });
  }
});
