import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { CompilerError, transform, transformSync } from '../dist/index.js';
import { native } from '../dist/binding.js';

describe('errors', () => {
  test('a syntax error carries code, filename, line, column, frame and message', () => {
    const source = 'const ok = 1;\nconst broken = ;\nexport { ok };\n';
    assert.throws(
      () => transformSync(source, { filename: 'src/bad.ts' }),
      (err) => {
        assert.ok(err instanceof CompilerError);
        assert.ok(err instanceof Error);
        assert.equal(err.code, 'SYNTAX_ERROR');
        assert.equal(err.filename, 'src/bad.ts');
        assert.equal(err.line, 2);
        assert.equal(err.column, 16);
        const frame = '  1 | const ok = 1;\n> 2 | const broken = ;\n    |                ^\n  3 | export { ok };\n  4 |';
        assert.equal(err.frame, frame);
        assert.equal(err.errors.length, 1);
        assert.equal(err.message, `src/bad.ts:2:16: Expression expected\n\n${frame}`);
        return true;
      },
    );
  });

  test('several errors in one file are all reported', () => {
    assert.throws(
      () => transformSync('const a;\nconst b;\n', { filename: 'two.js' }),
      (err) => {
        assert.deepEqual(
          err.errors.map((e) => [e.code, e.line, e.column]),
          [
            ['SYNTAX_ERROR', 1, 7],
            ['SYNTAX_ERROR', 2, 7],
          ],
        );
        assert.match(err.message, /\(and 1 more error\)$/);
        return true;
      },
    );
  });

  test('async errors reject with the same CompilerError', async () => {
    await assert.rejects(transform('let = ;', { filename: 'x.js' }), (err) => {
      assert.ok(err instanceof CompilerError);
      assert.equal(err.code, 'SYNTAX_ERROR');
      assert.equal(err.line, 1);
      return true;
    });
  });

  test('an unknown option names the key', () => {
    assert.throws(
      () => transformSync('', { jsx: { runtim: 'classic' } }),
      (err) => {
        assert.equal(err.code, 'INVALID_OPTION');
        assert.match(err.message, /Invalid option `jsx\.runtim`: unknown field `runtim`/);
        return true;
      },
    );
    assert.throws(() => transformSync('', { modul: 'commonjs' }), /unknown field `modul`/);
  });

  test('a bad value names the key and what was expected', () => {
    assert.throws(
      () => transformSync('', { module: 'amd' }),
      (err) => {
        assert.equal(err.code, 'INVALID_OPTION');
        assert.match(err.message, /Invalid option `module`: unknown variant `amd`, expected `esm` or `commonjs`/);
        return true;
      },
    );
    assert.throws(() => transformSync('', { sourceMaps: 'yes' }), /expected true, false or "inline"/);
  });

  test('every unknown or ill-typed key is named in the one error, a line each', () => {
    assert.throws(
      () => transformSync('', { jsx: { runtim: 'classic', pragma: 1 }, module: 'amd', modul: 'esm', targets: 42, sourceMaps: true }),
      (err) => {
        assert.equal(err.code, 'INVALID_OPTION');
        const lines = err.message.split('\n');
        assert.equal(lines.length, 5, err.message);
        for (const [key, what] of [['jsx.runtim', /unknown field `runtim`/], ['jsx.pragma', /invalid type: integer `1`, expected a string/], ['module', /unknown variant `amd`/], ['modul', /unknown field `modul`/], ['targets', /found 42/]]) {
          const line = lines.find((l) => l.startsWith(`Invalid option \`${key}\`: `));
          assert.ok(line, `${key} in:\n${err.message}`);
          assert.match(line, what);
        }
        assert.doesNotMatch(err.message, /Invalid option `sourceMaps`|line \d+ column/);
        return true;
      },
    );
  });

  test('transform errors from passes have a location', () => {
    assert.throws(
      () => transformSync('export const x = <a:b />;', { filename: 'ns.jsx' }),
      (err) => {
        assert.equal(err.code, 'TRANSFORM_ERROR');
        assert.deepEqual([err.line, err.column], [1, 19]);
        assert.match(err.message, /jsx\.throwIfNamespace/);
        return true;
      },
    );
  });
});

describe('a Rust panic never takes the process down', () => {
  test('sync: 1,000 panics become INTERNAL errors', () => {
    for (let i = 0; i < 1000; i++) {
      const result = native.__panicForTestsSync(`boom ${i}`);
      assert.equal(result.code, undefined);
      assert.equal(result.errors[0].code, 'INTERNAL');
      assert.match(result.errors[0].message, new RegExp(`boom ${i}$`));
    }
    // The process still compiles afterwards.
    assert.equal(transformSync('export const ok = 1;').code, 'export const ok = 1;\n');
  });

  test('async: 1,000 panics on the thread pool become INTERNAL errors', async () => {
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => native.__panicForTests(`async boom ${i}`)));
    results.forEach((r, i) => {
      assert.equal(r.errors[0].code, 'INTERNAL');
      assert.match(r.errors[0].message, new RegExp(`async boom ${i}$`));
    });
    assert.equal((await transform('export const ok = 2;')).code, 'export const ok = 2;\n');
  });
});
