import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { SourceMapConsumer } from 'source-map';

import { CompilerError, minify, minifySync, transformSync } from '../dist/index.js';
import { native } from '../dist/binding.js';
import { cliPath, fixturesRoot, tempDir } from './helpers.mjs';

const minifyFixtures = path.join(fixturesRoot, '../minify');

function positionOf(text, needle) {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, `${needle} not found`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

describe('minify API', () => {
  test('the fixtures give the same output through the JS API', () => {
    let count = 0;
    for (const name of fs.readdirSync(minifyFixtures)) {
      const dir = path.join(minifyFixtures, name);
      if (!fs.existsSync(path.join(dir, 'output.js'))) continue;
      const options = fs.existsSync(path.join(dir, 'options.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'options.json'), 'utf8')) : {};
      const { code } = minifySync(fs.readFileSync(path.join(dir, 'input.js'), 'utf8'), { filename: 'input.js', ...options });
      assert.equal(code, fs.readFileSync(path.join(dir, 'output.js'), 'utf8'), name);
      count++;
    }
    assert.ok(count >= 30, `${count} cases`);
  });

  test('async minify matches sync', async () => {
    const code = 'function hello(name) { return "hello " + name; } window.hello = hello;';
    assert.deepEqual(await minify(code), minifySync(code));
    assert.equal(minifySync(code).code, 'function hello(l){return"hello "+l}window.hello=hello;');
  });

  test('syntax errors and unknown options are CompilerErrors', async () => {
    assert.throws(() => minifySync('let a = ;', { filename: 'x.js' }), (err) => {
      assert.ok(err instanceof CompilerError);
      assert.deepEqual([err.code, err.filename, err.line, err.column], ['SYNTAX_ERROR', 'x.js', 1, 9]);
      assert.match(err.frame, /> 1 \| let a = ;/);
      return true;
    });
    await assert.rejects(minify('a(', {}), { code: 'SYNTAX_ERROR' });
    assert.throws(() => minifySync('', { compress: { unsafe_fast: true } }), /Invalid option `compress.unsafe_fast`/);
    assert.throws(() => minifySync('', { mangle: { properties: true } }), { code: 'INVALID_OPTION' });
  });

  test('a panic inside the minifier is INTERNAL and the process survives', () => {
    const r = native.__panicForTestsSync('minifier boom');
    assert.equal(r.errors[0].code, 'INTERNAL');
    assert.equal(minifySync('window.a = 1 + 2;').code, 'window.a=3;');
  });

  test('positions in the output map back to the original file and line', async () => {
    const source = 'function outer(value) {\n  var doubled = value * 2;\n  return Math.sqrt(doubled);\n}\nwindow.outer = outer;\n';
    const { code, map } = minifySync(source, { filename: 'lib.js', sourceMap: {} });
    await SourceMapConsumer.with(JSON.parse(map), null, (c) => {
      const pos = c.originalPositionFor(positionOf(code, 'Math.sqrt'));
      assert.deepEqual([pos.source, pos.line, pos.column], ['lib.js', 3, 9]);
    });
  });

  test('the map chains through an input map (TS → JS → minified)', async () => {
    const ts = 'interface P { x: number }\nexport function norm(p: P): number {\n  return Math.abs(p.x);\n}\n';
    const js = transformSync(ts, { filename: 'norm.ts', sourceMaps: true });
    const min = minifySync(js.code, { module: true, sourceMap: { content: js.map, url: 'norm.min.js.map' } });
    assert.match(min.code, /\n\/\/# sourceMappingURL=norm\.min\.js\.map$/);
    await SourceMapConsumer.with(JSON.parse(min.map), null, (c) => {
      const pos = c.originalPositionFor(positionOf(min.code, 'Math.abs'));
      assert.deepEqual([pos.source, pos.line], ['norm.ts', 3]);
    });
  });

  test('transform with `minify` does both in one call, maps chained', async () => {
    const ts = 'const unused: number = 1;\nexport function area(w: number, h: number): number {\n  return w * h;\n}\n';
    const { code, map } = transformSync(ts, { filename: 'area.ts', sourceMaps: true, minify: { module: true } });
    assert.equal(code, 'export function area(r,e){return r*e}');
    await SourceMapConsumer.with(JSON.parse(map), null, (c) => {
      const pos = c.originalPositionFor(positionOf(code, 'r*e'));
      assert.deepEqual([pos.source, pos.line], ['area.ts', 3]);
    });
    assert.match(transformSync(ts, { filename: 'a.ts', sourceMaps: 'inline', minify: true }).code, /\n\/\/# sourceMappingURL=data:application\/json/);
    assert.throws(() => transformSync('', { minify: { mangel: true } }), /Invalid option `minify.mangel`/);
  });
});

describe('compiler minify', () => {
  const run = (cwd, ...args) => spawnSync(process.execPath, [cliPath, 'minify', ...args], { cwd, encoding: 'utf8' });

  test('minifies a directory in parallel, writes maps and prints sizes with gzip', () => {
    const dir = tempDir({
      'src/a.js': 'function first(longName) { return longName + 1; }\nwindow.first = first;\n',
      'src/deep/b.mjs': 'export const value = [1, 2, 3].map(function (x) { return x * 2; });\n',
      'src/bad.js': 'window.x = ;\n',
      'src/readme.txt': 'not js',
    });
    const r = run(dir, 'src', '-d', 'min', '--source-map');
    assert.equal(r.status, 1);
    assert.match(fs.readFileSync(path.join(dir, 'min/a.js'), 'utf8'), /^function first\((\w)\)\{return \1\+1\}window\.first=first;\n\/\/# sourceMappingURL=a\.js\.map\n$/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'min/a.js.map'), 'utf8')).sources, ['../src/a.js']);
    assert.ok(fs.existsSync(path.join(dir, 'min/deep/b.mjs')));
    assert.equal(fs.existsSync(path.join(dir, 'min/readme.txt')), false);
    assert.match(r.stderr, /src\/bad\.js:1:12: Expression expected/);
    assert.match(r.stderr, /Failed to compile 1 file; minified 2 files in [\d.]+ s\n[\d,]+ bytes → [\d,]+ bytes \([\d.]+ %\), gzip [\d,]+ bytes\n$/);
  });

  test('-o with a Terser config file', () => {
    const dir = tempDir({
      'in.js': '/*! license */\nconsole.log("x");\nwindow.a = 1;\n',
      'terser.json': JSON.stringify({ compress: { drop_console: true }, format: { comments: false } }),
    });
    const r = run(dir, 'in.js', '-o', 'out.js', '--config', 'terser.json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'out.js'), 'utf8'), 'window.a=1;');
    assert.match(r.stderr, /^Minified 1 file in/);
  });

  test('bad usage and bad options exit 2', () => {
    const dir = tempDir({ 'in.js': 'x();', 'bad.json': '{"compress": {"nope": 1}}' });
    assert.equal(run(dir, 'in.js').status, 2);
    assert.equal(run(dir, 'in.js', '-o', 'in.js').status, 2);
    const r = run(dir, 'in.js', '-o', 'o.js', '--config', 'bad.json');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Invalid option `compress.nope`/);
  });
});
