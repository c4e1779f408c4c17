import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import * as acorn from 'acorn';

import { CompilerError, buildId, transform, transformFile, transformSync, version } from '../dist/index.js';
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

  test('version is the native version; buildId names this build of the addon', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(version, pkg.version);
    assert.match(buildId, /^[0-9a-f]{16,}$/);
  });
});

describe('targets in Babel’s object form', () => {
  const source = 'export const f = (a) => a?.b ?? 1;\n';
  const lowered = (targets) => transformSync(source, { targets }).code;

  test('browser versions are the browserslist queries they name', () => {
    assert.equal(lowered({ chrome: '120', firefox: 120 }), lowered(['chrome 120', 'firefox 120']));
    assert.equal(lowered({ ios: '12', opera_mobile: '80' }), lowered(['ios_saf 12', 'op_mob 80']));
    assert.equal(lowered({ ie: '11', esmodules: false }), lowered('ie 11'));
    assert.equal(lowered({ browsers: ['chrome 120'], safari: '17' }), lowered(['chrome 120', 'safari 17']));
    assert.doesNotMatch(lowered({ chrome: '120' }), /void 0/);
    assert.match(lowered({ chrome: '70' }), /void 0/, 'chrome 70 has neither ?. nor ??');
  });

  test("node: 'current' is the Node.js running the build", () => {
    const major = process.versions.node.split('.')[0];
    assert.equal(lowered({ node: 'current' }), lowered(`node ${major}`));
    assert.equal(lowered({ node: true }), lowered({ node: major }));
    assert.match(lowered({ node: '12' }), /void 0/, 'node 12 has no ?.');
  });

  test('a wrong shape says which key, what was given and what is allowed, in our words', () => {
    const message = (targets) => {
      try {
        transformSync(source, { targets });
      } catch (err) {
        assert.ok(err instanceof CompilerError);
        return err.message;
      }
      assert.fail('no error');
    };
    assert.equal(message(42), 'Invalid option `targets`: expected a browserslist query (a string or a list of them) or an object of versions such as { "chrome": "100" }, found 42');
    assert.match(message({ chrome: '100', netscape: '4' }), /^Invalid option `targets`: unknown target `netscape`: expected one of android, chrome, .*, `browsers` or `esmodules`$/);
    assert.equal(message({ chrome: ['100'] }), 'Invalid option `targets`: `chrome`: expected a version such as "100", found ["100"]');
    assert.equal(message({}), 'Invalid option `targets`: names no browser or Node.js version');
    for (const bad of [42, { netscape: '4' }, { chrome: [] }]) assert.doesNotMatch(message(bad), /untagged|enum|variant|serde/);
  });
});

describe('Babel macros', () => {
  test('an import of a macro is an error naming it, where it is, and what to do', () => {
    const source = "import React from 'react';\nimport tw from 'twin.macro';\nexport const B = tw.button`px-4`;\n";
    assert.throws(
      () => transformSync(source, { filename: '/app/src/Button.tsx' }),
      (err) =>
        err instanceof CompilerError &&
        err.code === 'TRANSFORM_ERROR' &&
        err.filename === '/app/src/Button.tsx' &&
        err.line === 2 &&
        err.column === 16 &&
        err.errors[0].message.startsWith('"twin.macro" is a Babel macro (babel-plugin-macros): macros run only under Babel') &&
        /babel-jest/.test(err.errors[0].message),
    );
    assert.throws(() => transformSync("const m = require('preval.macro');\n"), /"preval\.macro" is a Babel macro/);
    assert.doesNotThrow(() => transformSync("import x from './macro-utils';\n"));
  });
});

describe('the published package', () => {
  test('every source map points at sources the package ships, and carries their text', () => {
    const pkgDir = path.resolve(import.meta.dirname, '..');
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const shipped = new Set(JSON.parse(r.stdout)[0].files.map((f) => f.path));
    const maps = [...shipped].filter((f) => f.startsWith('dist/') && f.endsWith('.js.map'));
    assert.ok(maps.length > 20, `${maps.length} maps`);
    for (const file of maps) {
      const map = JSON.parse(fs.readFileSync(path.join(pkgDir, file), 'utf8'));
      map.sources.forEach((source, i) => {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), map.sourceRoot ?? '', source));
        assert.ok(shipped.has(resolved), `${file}: ${resolved} is not in the package`);
        assert.equal(typeof map.sourcesContent?.[i], 'string', `${file}: no sourcesContent for ${source}`);
      });
    }
  });
});
