import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import * as acorn from 'acorn';
import { SourceMapConsumer } from 'source-map';

import { cliPath, listFiles, runCli as run, tempDir } from './helpers.mjs';

const project = () =>
  tempDir({
    'src/index.ts': 'import { greet } from "./lib/greet";\nexport const message: string = greet("world");\n',
    'src/lib/greet.ts': 'export function greet(name: string) { return `hello ${name}`; }\n',
    'src/lib/deep/view.tsx': 'export const View = ({ n }: { n: number }) => <p>{n}</p>;\n',
    'src/esm.mts': 'export const esm: number = 1;\n',
    'src/common.cts': 'export const cjs: number = 2;\n',
    'src/types.d.ts': 'export type T = string;\n',
    'src/styles.css': 'p { color: red }\n',
    'src/broken.ts': 'export const ok = 1;\nexport const bad = ;\n',
  });

describe('compiler transform', () => {
  test('compiles a directory with the @babel/cli layout, reports the broken file, exits 1', () => {
    const dir = project();
    const r = run(dir, 'transform', 'src', '-d', 'dist', '-s', 'true');
    assert.equal(r.status, 1);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), [
      'common.cjs',
      'common.cjs.map',
      'esm.mjs',
      'esm.mjs.map',
      'index.js',
      'index.js.map',
      'lib/deep/view.js',
      'lib/deep/view.js.map',
      'lib/greet.js',
      'lib/greet.js.map',
    ]);
    assert.equal(
      fs.readFileSync(path.join(dir, 'dist/lib/greet.js'), 'utf8'),
      'export function greet(name) {\n    return `hello ${name}`;\n}\n//# sourceMappingURL=greet.js.map\n',
    );
    for (const f of ['index.js', 'lib/deep/view.js', 'esm.mjs', 'common.cjs']) {
      acorn.parse(fs.readFileSync(path.join(dir, 'dist', f), 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
    }
    assert.match(r.stderr, /^src\/broken\.ts:2:20: Expression expected\n\n  1 \| export const ok = 1;\n> 2 \| export const bad = ;\n    \|                    \^\n/m);
    assert.match(r.stderr, /Failed to compile 1 file; compiled 5 files in \d+\.\d+ s\n$/);
  });

  test('maps in the out dir point back at the sources', async () => {
    const dir = project();
    fs.rmSync(path.join(dir, 'src/broken.ts'));
    const r = run(dir, 'transform', 'src', '-d', 'out/js', '-s', 'true', '-q');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const map = JSON.parse(fs.readFileSync(path.join(dir, 'out/js/lib/greet.js.map'), 'utf8'));
    assert.deepEqual(map.sources, ['../../../src/lib/greet.ts']);
    await SourceMapConsumer.with(map, null, (c) => {
      assert.deepEqual(c.originalPositionFor({ line: 2, column: 18 }).line, 1);
    });
  });

  test('prints a summary, copies other files and honours --ignore', () => {
    const dir = project();
    fs.rmSync(path.join(dir, 'src/broken.ts'));
    const r = run(dir, 'transform', 'src', '-d', 'lib', '--copy-files', '--ignore', 'src/lib/deep/**');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^Compiled 4 files, copied 2 files in \d+\.\d+ s\n$/);
    assert.deepEqual(listFiles(path.join(dir, 'lib')), ['common.cjs', 'esm.mjs', 'index.js', 'lib/greet.js', 'styles.css', 'types.d.ts']);
  });

  test('--extensions limits what is compiled; a file argument lands at the top of the out dir', () => {
    const dir = project();
    const r = run(dir, 'transform', 'src/lib/greet.ts', 'src/esm.mts', '-d', 'o', '--extensions', '.ts');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(listFiles(path.join(dir, 'o')), ['greet.js']);
  });

  test('-o writes one file; inline maps', () => {
    const dir = project();
    const r = run(dir, 'transform', 'src/lib/greet.ts', '-o', 'single.js', '-s', 'inline');
    assert.equal(r.status, 0, r.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'single.js'), 'utf8'), /^export function greet\(name\) \{[\s\S]*\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,/);
  });

  test('reads compiler.config.json from the cwd upwards', () => {
    const dir = project();
    fs.rmSync(path.join(dir, 'src/broken.ts'));
    fs.writeFileSync(path.join(dir, 'compiler.config.json'), JSON.stringify({ module: 'commonjs', target: 'es5' }));
    const r = run(path.join(dir, 'src'), 'transform', 'lib', '-d', '../cjs');
    assert.equal(r.status, 0, r.stderr);
    const code = fs.readFileSync(path.join(dir, 'cjs/greet.js'), 'utf8');
    assert.match(code, /^"use strict";/);
    acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  });

  test('a bad config names the file and the key, exit 2', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'compiler.config.json'), JSON.stringify({ jsx: { runtime: 'classic', pragmaa: 'h' } }));
    const r = run(dir, 'transform', 'src', '-d', 'dist');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /compiler\.config\.json: Invalid option `jsx\.pragmaa`: unknown field `pragmaa`/);
    assert.equal(fs.existsSync(path.join(dir, 'dist')), false);
  });

  test('an .mjs config is loaded', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'compiler.config.mjs'), 'export default { jsx: { runtime: "classic", pragma: "h" } };\n');
    const r = run(dir, 'transform', 'src/lib/deep', '-d', 'dist');
    assert.equal(r.status, 0, r.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'dist/view.js'), 'utf8'), /h\("p", null, n\)/);
  });

  test('refuses an out dir equal to or inside a source dir, and bad usage, with exit 2', () => {
    const dir = project();
    const before = fs.readFileSync(path.join(dir, 'src/index.ts'), 'utf8');
    for (const args of [
      ['src', '-d', 'src'],
      ['src', '-d', 'src/out'],
      ['src'],
      ['src', '-d', 'a', '-o', 'b.js'],
      ['src', '-o', 'b.js'],
      ['src', '-d', 'x', '-s', 'maybe'],
      ['missing-dir', '-d', 'x'],
      ['src/index.ts', '-o', 'src/index.ts'],
    ]) {
      const r = run(dir, 'transform', ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^compiler: /);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'src/index.ts'), 'utf8'), before);
    assert.deepEqual(listFiles(path.join(dir, 'src/out')), []);
    assert.equal(run(dir, 'nope').status, 2);
    assert.equal(run(dir).status, 2);
    assert.equal(run(dir, '--help').status, 0);
  });

  test('one file and no -o or -d: the output goes to stdout, as babel and swc do', () => {
    const dir = project();
    const r = run(dir, 'transform', 'src/lib/greet.ts');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'export function greet(name) {\n    return `hello ${name}`;\n}\n');
    assert.equal(r.stderr, '');
    const inline = run(dir, 'transform', 'src/lib/greet.ts', '-s', 'inline');
    assert.match(inline.stdout, /\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,/);
    const broken = run(dir, 'transform', 'src/broken.ts');
    assert.equal(broken.status, 1);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /^src\/broken\.ts:2:20: Expression expected\n/);
    assert.equal(run(dir, 'transform', 'src').status, 2, 'a directory needs -d');
    assert.equal(run(dir, 'transform', 'src/lib/greet.ts', '-s', 'true').status, 2, 'a map file needs -o');
  });

  test('--stdin-filename reads the source from stdin; the name picks the syntax', () => {
    const dir = project();
    const r = spawnSync(process.execPath, [cliPath, 'transform', '--stdin-filename', 'view.tsx'], {
      cwd: dir,
      input: 'export const View = ({ n }: { n: number }) => <p>{n}</p>;\n',
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^import \{ jsx as _jsx \} from "react\/jsx-runtime";\nexport const View = \(\{ n \}\)=>\/\*#__PURE__\*\/ _jsx\("p", \{\n/);
    assert.equal(run(dir, 'transform', 'src/index.ts', '--stdin-filename', 'a.ts').status, 2);
  });

  test('a usage error is one line and a pointer to --help; a missing file says so', () => {
    const dir = project();
    const missing = run(dir, 'transform', 'src/one.ts', '-o', 'out.js');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'compiler: src/one.ts: no such file or directory\nRun `compiler --help` for the commands and options.\n');
    assert.equal(run(dir, 'transform', 'src/one.ts').stderr.split('\n')[0], 'compiler: src/one.ts: no such file or directory');
    assert.equal(run(dir, 'minify', 'gone.js', '-o', 'x.js').stderr.split('\n')[0], 'compiler: gone.js: no such file or directory');
    const bad = run(dir, 'transform', 'src', '-d', 'x', '-s', 'maybe');
    assert.equal(bad.stderr, 'compiler: -s takes true, inline or false, not "maybe"\nRun `compiler --help` for the commands and options.\n');
    assert.doesNotMatch(bad.stderr, /Commands:/);
  });
});
