// Deeply nested input never kills the process: 10,000 levels of every shape compile and
// minify through every entry point (main thread, worker thread, async pool, CLI batch, the
// graph, Jest, Vite), and input nested past the limit (up to the 2.5 million levels a 5 MB
// file can hold) is a NESTING_TOO_DEEP error with its location. Each entry point runs in a
// child process of its own, so a crash is seen as a crash (a signal), not as a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { cliPath, repoRoot, tempDir } from './helpers.mjs';

const N = 10_000;
/** `[name, file name, source]`: each nests N levels deep. */
const SHAPES = [
  ['arrays', 'arrays.js', `export const x = ${'['.repeat(N)}${']'.repeat(N)};\n`],
  ['parentheses', 'parens.js', `export const x = ${'('.repeat(N)}1${')'.repeat(N)};\n`],
  ['calls', 'calls.js', `const f = (a) => a;\nexport const x = ${'f('.repeat(N)}1${')'.repeat(N)};\n`],
  ['JSX', 'jsx.jsx', `const h = () => 1;\nexport const x = ${'<a>'.repeat(N)}${'</a>'.repeat(N)};\n`],
  ['a binary chain', 'binary.js', `const a = 1;\nexport const x = ${'a + '.repeat(N)}a;\n`],
  ['nested functions', 'functions.js', `export ${'function f() { return '.repeat(N)}1${'; }'.repeat(N)}\n`],
  ['nested blocks', 'blocks.js', `let y = 0;\n${'{ '.repeat(N)}y++;${' }'.repeat(N)}\nexport const x = y;\n`],
];

const dist = path.join(repoRoot, 'packages/compiler-js/dist');

/** Runs `script` (an ES module body) in a child Node process; never throws. */
function child(script, cwd, nodeFlags = []) {
  const file = path.join(cwd, `child-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, script);
  const r = spawnSync(process.execPath, [...nodeFlags, file], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function assertRan(r, what) {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal}\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.status, 0, `${what}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
}

describe(`${N.toLocaleString('en')} levels of nesting`, () => {
  const dir = tempDir({
    ...Object.fromEntries(SHAPES.map(([, file, source]) => [`src/${file}`, source])),
    // The JSX shape calls its own `h`, so the built output runs without React.
    'compiler.config.json': '{ "jsx": { "runtime": "classic", "pragma": "h" } }',
  });
  fs.writeFileSync(path.join(dir, 'src/main.js'), SHAPES.map(([, file], i) => `export * as m${i} from './${file}';`).join('\n'));
  const files = JSON.stringify(SHAPES.map(([name, file]) => [name, path.join(dir, 'src', file)]));
  // Compiles and minifies each shape with `call`, prints a line each (what the output does
  // is checked by running the graph's). Indentation stops at 64 levels: output is linear.
  const body = (call) => `
    import * as fs from 'node:fs';
    const api = await import(${JSON.stringify(path.join(dist, 'index.js'))});
    for (const [name, file] of ${files}) {
      const source = fs.readFileSync(file, 'utf8');
      const { code, minified } = await (${call})(api, source, file);
      if (!code || !minified || code.length > 300 * source.length) throw new Error(name + ': ' + code.length + ' bytes of output');
      console.log(name, code.length, minified.length);
    }`;

  test('on the main thread (transformSync, minifySync)', () => {
    const r = child(body(`async (api, source, file) => {
      const code = api.transformSync(source, { filename: file }).code;
      return { code, minified: api.minifySync(code).code };
    }`), dir);
    assertRan(r, 'main thread');
    assert.equal(r.stdout.trim().split('\n').length, SHAPES.length);
  });

  test('on the async pool (transform, minify)', () => {
    const r = child(body(`async (api, source, file) => {
      const code = (await api.transform(source, { filename: file })).code;
      return { code, minified: (await api.minify(code)).code };
    }`), dir);
    assertRan(r, 'async pool');
  });

  test('in a worker thread (transformSync, minifySync)', () => {
    const worker = path.join(dir, 'worker.mjs');
    fs.writeFileSync(worker, body(`async (api, source, file) => {
      const code = api.transformSync(source, { filename: file }).code;
      return { code, minified: api.minifySync(code).code };
    }`));
    const r = child(`
      import { Worker } from 'node:worker_threads';
      const w = new Worker(${JSON.stringify(worker)}, { stdout: false });
      await new Promise((resolve, reject) => { w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('worker exit ' + code)))); w.on('error', reject); });
    `, dir);
    assertRan(r, 'worker thread');
    assert.equal(r.stdout.trim().split('\n').length, SHAPES.length, r.stdout);
  });

  test('in the CLI batch (compiler transform, compiler minify)', () => {
    const out = path.join(dir, 'out-batch');
    let r = spawnSync(process.execPath, [cliPath, 'transform', 'src', '-d', out, '-q'], { cwd: dir, encoding: 'utf8' });
    assertRan(r, 'compiler transform');
    r = spawnSync(process.execPath, [cliPath, 'minify', out, '-d', path.join(dir, 'out-min'), '-q'], { cwd: dir, encoding: 'utf8' });
    assertRan(r, 'compiler minify');
    for (const [, file] of SHAPES) {
      const js = file.replace(/\.jsx$/, '.js');
      assert.ok(fs.readFileSync(path.join(dir, 'out-min', js), 'utf8').length > 0, js);
    }
  });

  test('through the module graph (compiler build), and the output runs', () => {
    const r = spawnSync(process.execPath, [cliPath, 'build', 'src/main.js', '-d', 'out-graph', '--no-cache', '-q'], { cwd: dir, encoding: 'utf8' });
    assertRan(r, 'compiler build');
    // Run what it built, in a worker with a big stack: V8's own parser recurses too.
    const out = (file) => JSON.stringify(path.join(dir, 'out-graph', file));
    const worker = path.join(dir, 'run-output.mjs');
    fs.writeFileSync(worker, `
      const [arrays, parens, calls, binary, blocks] = await Promise.all([${['arrays.js', 'parens.js', 'calls.js', 'binary.js', 'blocks.js'].map(out).join(', ')}].map((f) => import(f)));
      let depth = 0;
      for (let x = arrays.x; Array.isArray(x); x = x[0]) depth++;
      console.log(depth, parens.x, calls.x, binary.x, blocks.x);
    `);
    const run = child(`
      import { Worker } from 'node:worker_threads';
      const w = new Worker(${JSON.stringify(worker)}, { resourceLimits: { stackSizeMb: 256 } });
      await new Promise((resolve, reject) => { w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('exit ' + code)))); w.on('error', reject); });
    `, dir);
    assertRan(run, 'running the output');
    assert.equal(run.stdout.trim(), `${N} 1 1 ${N + 1} 1`);
  });

  test('through the Jest transformer and the Vite plugin', () => {
    const r = child(`
      import { createRequire } from 'node:module';
      import * as fs from 'node:fs';
      const require = createRequire(${JSON.stringify(path.join(dist, 'index.js'))});
      const jest = require(${JSON.stringify(path.join(dist, 'jest/index.js'))}).createTransformer({ cache: false });
      const plugin = require(${JSON.stringify(path.join(dist, 'rollup/index.js'))})({ cache: false });
      const context = { error(e) { throw e; }, warn() {} };
      for (const [name, file] of ${files}) {
        const source = fs.readFileSync(file, 'utf8');
        const a = jest.process(source, file, { config: { rootDir: ${JSON.stringify(dir)} }, configString: '{}', instrument: false, supportsStaticESM: false });
        const b = await plugin.transform.call(context, source, file);
        if (!a.code || !b.code) throw new Error(name);
        console.log(name);
      }
    `, dir);
    assertRan(r, 'Jest and Vite');
    assert.equal(r.stdout.trim().split('\n').length, SHAPES.length, r.stdout);
  });
});

describe('nesting past the limit', () => {
  test('2.5 million levels (5 MB): NESTING_TOO_DEEP with its location, from every API, and the process lives', () => {
    const dir = tempDir({});
    const r = child(`
      const api = await import(${JSON.stringify(path.join(dist, 'index.js'))});
      const source = 'x = ' + '['.repeat(2_500_000) + ']'.repeat(2_500_000);
      const seen = [];
      const check = (e) => {
        if (!(e instanceof api.CompilerError)) throw e;
        const d = e.errors[0];
        seen.push([d.code, d.line, d.column].join(' '));
      };
      try { api.transformSync(source, { filename: 'deep.js' }); } catch (e) { check(e); }
      try { await api.transform(source, { filename: 'deep.js' }); } catch (e) { check(e); }
      try { api.minifySync(source); } catch (e) { check(e); }
      try { await api.minify(source); } catch (e) { check(e); }
      console.log(seen.join('\\n'));
      console.log(String(api.transformSync('const ok = 1;', { filename: 'ok.js' }).code).trim());
    `, dir);
    assertRan(r, 'past the limit');
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, 4), Array(4).fill('NESTING_TOO_DEEP 1 120004'));
    assert.equal(lines[4], 'const ok = 1;');
  });

  test('the message says what is wrong, with a code frame', () => {
    const dir = tempDir({ 'deep.js': `const a = 1;\nx = ${'('.repeat(140_000)}` });
    const r = spawnSync(process.execPath, [cliPath, 'transform', 'deep.js', '-o', 'out.js'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.signal, null);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /NESTING_TOO_DEEP|nesting too deep/);
    assert.match(r.stderr, /more than 120000 levels deep/);
    assert.match(r.stderr, /deep\.js:2:120004: nesting too deep/);
  });
});
