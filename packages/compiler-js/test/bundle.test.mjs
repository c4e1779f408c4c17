// `compiler build --bundle` and `bundle()`: Rollup with our plugin on the persistent cache,
// chunks minified in one native call, packages bundled (CommonJS ones too), errors with
// frames, watch mode. Outputs are proven by running them.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as vm from 'node:vm';

import { cliPath, repoRoot, runCli as run, tempDir } from './helpers.mjs';
import { appFiles } from './support/app.mjs';

const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { bundle } = api.default ?? api;

const read = (dir, rel) => fs.readFileSync(path.join(dir, rel), 'utf8');
const node = (file) => spawnSync(process.execPath, [file], { encoding: 'utf8' });

/** The app of build.test.mjs, plus a CommonJS package and an ESM package with `exports`. */
const bundleApp = () => ({
  ...appFiles(),
  'src/main.ts': [
    "import { add } from './math';",
    "import { shout } from '@lib/text';",
    "import config from '#config';",
    "import data from './data.json' with { type: 'json' };",
    "import { esm } from './esm.mjs';",
    "import type { Shape } from './types';",
    "import * as path from 'node:path';",
    "import cjs from 'cjs-pkg';",
    "import { fromExports } from 'esm-pkg/feature';",
    'const shape: Shape = { n: add(1, 2) };',
    "const { lazy } = await import('./lazy.js');",
    "console.log([shape.n, shout('hi'), config.name, data.answer, esm, lazy(), path.basename('/x/y.txt'), cjs.mode, fromExports].join(' '));",
    '',
  ].join('\n'),
  'node_modules/cjs-pkg/package.json': '{ "name": "cjs-pkg", "main": "index.js" }\n',
  'node_modules/cjs-pkg/index.js':
    "if (process.env.NODE_ENV === 'production') module.exports = require('./prod.js');\nelse module.exports = require('./dev.js');\n",
  'node_modules/cjs-pkg/prod.js': "exports.mode = 'prod';\n",
  'node_modules/cjs-pkg/dev.js': "exports.mode = 'dev';\n",
  'node_modules/esm-pkg/package.json': '{ "name": "esm-pkg", "type": "module", "exports": { "./feature": "./lib/feature.js" } }\n',
  'node_modules/esm-pkg/lib/feature.js': "export const fromExports = 'exports';\n",
});

describe('compiler build --bundle', () => {
  test('bundles through Rollup: chunks split at import(), packages included, maps chained, and it runs', () => {
    const dir = tempDir(bundleApp());
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--bundle', '--minify', '-s', 'true', '--stats', 'stats.json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^Bundled 1[0-9] modules \(0 from cache\) into 2 chunks in \d+ ms\n$/);
    const stats = JSON.parse(read(dir, 'stats.json'));
    assert.equal(stats.fromCache, 0);
    assert.equal(stats.transformed, 6, 'the project’s six script modules (types.ts is imported for types only)');
    assert.equal(stats.chunks.length, 2);
    assert.equal(stats.chunks[0], 'main.js');
    assert.match(stats.chunks[1], /^lazy-[\w-]+\.js$/);
    const ran = node(path.join(dir, 'dist/main.js'));
    assert.equal(ran.stderr, '');
    assert.equal(ran.stdout, '3 HI! cfg 42 mts lazy y.txt prod exports\n', 'minified: the production branch of the CommonJS package');
    const main = read(dir, 'dist/main.js');
    assert.ok(!main.includes("'dev'") && !main.includes('"dev"'), 'the development module is not bundled');
    assert.ok(main.split('\n').length <= 3, 'minified');
    const map = JSON.parse(read(dir, 'dist/main.js.map'));
    // What the minifier folded away (add(1, 2), the package's index) leaves no mapping.
    assert.ok(map.sources.includes('../src/main.ts'), String(map.sources));
    for (const source of map.sources) assert.ok(fs.existsSync(path.join(dir, 'dist', source)), `${source} is a file of the project`);
    const index = map.sources.indexOf('../src/main.ts');
    assert.equal(map.sourcesContent[index], read(dir, 'src/main.ts'), 'the map holds the TypeScript source');

    // Again, in a new process: everything from the cache, the same bundle.
    const before = read(dir, 'dist/main.js');
    const again = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--bundle', '--minify', '-s', 'true', '--stats', 'stats.json');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /\(6 from cache\)/);
    assert.deepEqual([JSON.parse(read(dir, 'stats.json')).transformed, JSON.parse(read(dir, 'stats.json')).fromCache], [0, 6]);
    assert.equal(read(dir, 'dist/main.js'), before);
  });

  test('--format cjs and iife; without --minify the development branch; --external leaves a package out', () => {
    const dir = tempDir({
      ...bundleApp(),
      'src/main.ts': "import cjs from 'cjs-pkg';\nimport { fromExports } from 'esm-pkg/feature';\nexport const out: string = `${cjs.mode} ${fromExports}`;\n",
    });
    const cjs = run(dir, 'build', 'src/main.ts', '-d', 'cjs', '--bundle', '--format', 'cjs', '--external', 'esm-pkg/*');
    assert.equal(cjs.status, 0, cjs.stderr);
    const code = read(dir, 'cjs/main.js');
    assert.match(code, /require\('esm-pkg\/feature'\)/);
    assert.match(code, /exports\.out = /);
    assert.match(code, /'dev'/);

    const iife = run(dir, 'build', 'src/main.ts', '-d', 'iife', '--bundle', '--format', 'iife', '--name', 'App', '--minify');
    assert.equal(iife.status, 0, iife.stderr);
    const context = {};
    vm.runInNewContext(read(dir, 'iife/main.js'), context);
    assert.equal(context.App.out, 'prod exports');

    const noPackages = run(dir, 'build', 'src/main.ts', '-d', 'nopkg', '--bundle', '--packages', 'external');
    assert.equal(noPackages.status, 0, noPackages.stderr);
    assert.match(read(dir, 'nopkg/main.js'), /^import cjs from 'cjs-pkg';\nimport \{ fromExports \} from 'esm-pkg\/feature';/m);

    const bad = run(dir, 'build', 'src/main.ts', '-d', 'x', '--bundle', '--format', 'umd');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format takes esm, cjs or iife, not "umd"/);
    assert.match(run(dir, 'build', 'src/main.ts', '-d', 'x', '--minify').stderr, /--minify needs --bundle/);
  });

  test('errors: an unresolved import and a syntax error carry file, line, column and a frame; exit 1', () => {
    const dir = tempDir({ ...bundleApp(), 'src/lazy.ts': "import { gone } from './gone';\nexport const lazy = () => gone;\n" });
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--bundle');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/lazy\.ts:1:22: Could not resolve "\.\/gone": Cannot find module '\.\/gone'\n {2}Looked for: \.\/gone, \.\/gone\.ts/);
    assert.match(r.stderr, /> 1 \| import \{ gone \} from '\.\/gone';\n {4}\| {22}\^/);
    assert.match(r.stderr, /Bundled 0 modules \(0 from cache\) with 1 error in/);

    const syntax = tempDir({ ...bundleApp(), 'src/lib/text.ts': 'export function shout(s: string): string { return s + ; }\n' });
    const s = run(syntax, 'build', 'src/main.ts', '-d', 'dist', '--bundle');
    assert.equal(s.status, 1);
    assert.match(s.stderr, /src\/lib\/text\.ts:1:\d+: Expression expected/);
    assert.match(s.stderr, /> 1 \| export function shout/);
  });

  test('type-only re-exports written without `export type` are dropped: the graph sees the other module', async () => {
    // The layout of a popular form library: types re-exported through barrels as if values.
    const dir = tempDir({
      'src/index.ts': "export * from './types';\nexport { useForm } from './useForm';\n",
      'src/types/index.ts': "export * from './path';\nexport { FieldValues } from './fields';\n",
      'src/types/path/index.ts': "export { PathString, Path, pathSeparator } from './common';\nexport { FieldPath } from './eager';\n",
      'src/types/path/common.ts': "export type PathString = string;\nexport type Path<T> = keyof T & string;\nexport const pathSeparator = '.';\n",
      'src/types/path/eager.ts': "import { PathString } from './common';\nexport type FieldPath = PathString;\nexport { PathString };\n",
      'src/types/fields.ts': 'export type FieldValues = Record<string, unknown>;\n',
      'src/useForm.ts': "import { FieldValues, pathSeparator } from './types';\nexport function useForm<T extends FieldValues>(v: T): string { return Object.keys(v).join(pathSeparator); }\n",
    });
    const r = run(dir, 'build', 'src/index.ts', '-d', 'dist', '--bundle', '--format', 'esm');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /warning/, r.stderr);
    const lib = await import(path.join(dir, 'dist/index.js'));
    assert.deepEqual(Object.keys(lib).sort(), ['pathSeparator', 'useForm']);
    assert.equal(lib.useForm({ a: 1, b: 2 }), 'a.b');

    // Through the Rollup plugin on its own (as in a library's rollup.config.js).
    const rollupPlugin = (await import('compiler-js/rollup')).default;
    const { rollup } = await import('rollup');
    const built = await rollup({ input: path.join(dir, 'src/index.ts'), plugins: [rollupPlugin({ cache: false })] });
    const { output } = await built.generate({ format: 'es' });
    assert.match(output[0].code, /export \{ pathSeparator, useForm \};/);
  });

  test('a chain of 3,000 calls across modules: Rollup runs where its recursion fits', () => {
    // On the main thread Rollup's tree-shaking fails on this with "Maximum call stack size exceeded".
    const files = { 'src/main.ts': "import { f } from './m0';\nconsole.log(f());\n" };
    for (let i = 0; i < 3000; i++) {
      files[`src/m${i}.ts`] = i < 2999 ? `import { f as g } from './m${i + 1}';\nexport const f = (): number => g() + 1;\n` : 'export const f = (): number => 0;\n';
    }
    const dir = tempDir(files);
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--bundle', '--no-cache');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^Bundled 3,001 modules \(0 from cache\) into 1 chunk in \d+ ms\n$/);
    assert.equal(node(path.join(dir, 'dist/main.js')).stdout, '2999\n');
  });

  test('bundle() from the API: all chunks minified in one native call', async () => {
    const dir = tempDir({
      'src/main.ts': "export const a = async () => (await import('./one')).one + (await import('./two')).two;\n",
      'src/one.ts': 'export const one: number = 1;\n',
      'src/two.ts': 'export const two: number = 2;\n',
    });
    const rollupPlugin = (await import('compiler-js/rollup')).default;
    const { rollup } = await import('rollup');
    const plugin = rollupPlugin({ minify: true, cache: false });
    const built = await rollup({ input: path.join(dir, 'src/main.ts'), plugins: [plugin] });
    const { output } = await built.generate({ format: 'es' });
    assert.equal(output.length, 3);
    assert.deepEqual(plugin.api.minifyCalls(), { batches: 1, chunks: 3 });
    assert.ok(output.every((c) => !c.code.includes(': number')));

    const result = await bundle({ entries: [path.join(dir, 'src/main.ts')], outDir: path.join(dir, 'dist'), minify: true, cache: false });
    assert.equal(result.errors, 0);
    assert.deepEqual(result.chunks.map((c) => c.isEntry), [true, false, false]);
    const { a } = await import(path.join(dir, 'dist/main.js'));
    assert.equal(await a(), 3);
  });

  test('--watch rebuilds an edit through Rollup’s watch mode', async () => {
    const dir = tempDir(bundleApp());
    const child = spawn(process.execPath, [cliPath, 'build', 'src/main.ts', '-d', 'dist', '--bundle', '--watch'], { cwd: dir });
    let stderr = '';
    const waitFor = (re) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}:\n${stderr}`)), 60_000);
        const check = () => {
          if (re.test(stderr)) {
            clearTimeout(timer);
            child.stderr.off('data', check);
            resolve();
          }
        };
        child.stderr.on('data', (d) => {
          stderr += d;
          check();
        });
        check();
      });
    try {
      await waitFor(/Watching for changes/);
      assert.equal(node(path.join(dir, 'dist/main.js')).stdout, '3 HI! cfg 42 mts lazy y.txt dev exports\n');
      fs.writeFileSync(path.join(dir, 'src/lib/text.ts'), 'export function shout(s: string): string { return s + "?"; }\n');
      await waitFor(/Rebundled \d+ modules \(0 from cache\) into 2 chunks/);
      assert.equal(node(path.join(dir, 'dist/main.js')).stdout, '3 hi? cfg 42 mts lazy y.txt dev exports\n');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.on('close', resolve));
    }
    assert.match(stderr, /Stopped watching/);
  });
});
