import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import * as acorn from 'acorn';

import { CompilerError, transform, transformFile, transformSync, version } from '../dist/index.js';
import { fixtureCases, tempDir } from './helpers.mjs';

const cases = fixtureCases();

describe('fixtures through the JS API', () => {
  test('there are at least 40 cases', () => assert.ok(cases.length >= 40, `${cases.length} cases`));

  for (const c of cases) {
    test(c.name, () => {
      if (c.output !== undefined) {
        const { code } = transformSync(c.source, c.options);
        assert.equal(code, c.output);
        // Every expected output is valid JavaScript.
        acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
      } else {
        assert.throws(() => transformSync(c.source, c.options), CompilerError);
      }
    });
  }
});

describe('transform API', () => {
  const source = 'const add = (a: number, b: number): number => a + b;\nexport default add(1, 2);\n';
  const expected = 'const add = (a, b)=>a + b;\nexport default add(1, 2);\n';

  test('transformSync', () => {
    assert.deepEqual(transformSync(source, { filename: 'a.ts' }), { code: expected });
  });

  test('transform returns a promise of the same result', async () => {
    const pending = transform(source, { filename: 'a.ts' });
    assert.ok(pending instanceof Promise);
    assert.deepEqual(await pending, { code: expected });
  });

  test('many async transforms in parallel', async () => {
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => transform(`export const v${i}: number = ${i};`, { filename: `f${i}.ts` })),
    );
    results.forEach((r, i) => assert.equal(r.code, `export const v${i} = ${i};\n`));
  });

  test('transformFile takes the filename from the path', async () => {
    const dir = tempDir({ 'comp.tsx': 'export const C = (p: { n: number }) => <b>{p.n}</b>;\n' });
    const { code } = await transformFile(path.join(dir, 'comp.tsx'), { jsx: { runtime: 'classic' } });
    assert.equal(code, 'export const C = (p)=>/*#__PURE__*/ React.createElement("b", null, p.n);\n');
  });

  test('transformFile rejects with IO_ERROR for a missing file', async () => {
    await assert.rejects(transformFile('/no/such/file.ts'), (err) => {
      assert.ok(err instanceof CompilerError);
      assert.equal(err.code, 'IO_ERROR');
      assert.equal(err.filename, '/no/such/file.ts');
      return true;
    });
  });

  test('CommonJS output runs', () => {
    const { code } = transformSync('export const twice = (n: number) => n * 2;', { filename: 'm.ts', module: 'commonjs' });
    const module = { exports: {} };
    new Function('module', 'exports', code)(module, module.exports);
    assert.equal(module.exports.twice(21), 42);
  });

  test('es5 output runs and has no arrows or classes', () => {
    const { code } = transformSync('class A { constructor(public x = 2) {} get double() { return [this.x].map((v) => v * 2)[0]; } }\nexport const out = new A().double;', {
      filename: 'x.ts',
      target: 'es5',
      module: 'commonjs',
    });
    acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
    const module = { exports: {} };
    new Function('module', 'exports', code)(module, module.exports);
    assert.equal(module.exports.out, 4);
  });

  test('version is the native version', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(version, pkg.version);
  });
});
