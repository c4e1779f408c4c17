// A smoke test of the benchmark harness itself, on tiny inputs: `npm test` in bench/ (after
// `npm install` there). Not part of the root test command: the bench deps live in bench/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { barChart } from '../charts.mjs';
import { libraryPath, LIBRARIES, readLibrary } from '../libraries.mjs';
import { runChild } from '../measure.mjs';
import { syntheticApp } from '../synthetic.mjs';

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function run(script, args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
  const r = spawnSync(process.execPath, [path.join(benchDir, script), ...args], { encoding: 'utf8', env: { ...process.env, BENCH_RESULTS_DIR: dir } });
  assert.equal(r.status, 0, `${script} failed:\n${r.stdout}\n${r.stderr}`);
  return { dir, stdout: r.stdout };
}

test('the synthetic app is the same for the same N, with every feature the extras need', () => {
  const app = syntheticApp(60);
  assert.equal(app.length, 60);
  assert.deepEqual(app, syntheticApp(60));
  const all = app.map((f) => f.code).join('\n');
  for (const needle of ['console.log(', '<style jsx>', "from 'ui-lib'", 'data-test=', 'enum ', '#items']) assert.ok(all.includes(needle), needle);
  for (const [i, f] of app.entries()) {
    for (const [, dep] of f.code.matchAll(/from '\.\/m(\d+)'/g)) assert.ok(Number(dep) > i && Number(dep) < 60, `${f.name} imports m${dep}`);
  }
});

test('bar charts are SVG with every label and value', () => {
  const svg = barChart({ title: 'T <&>', unit: 'MB/s', bars: [{ label: 'a', value: 12.5, group: 'g' }, { label: 'b', value: null, note: 'n/a', group: 'g' }] });
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.includes('T &lt;&amp;&gt;') && svg.includes('>a<') && svg.includes('12.5 MB/s') && svg.includes('n/a'));
  assert.equal(svg.match(/<rect /g).length, 3);
});

test('a smoke run tells a changed build from the original', async () => {
  const lib = LIBRARIES.find((l) => l.name === 'moment');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
  const broken = path.join(dir, 'moment.js');
  fs.writeFileSync(broken, readLibrary(lib).replace('return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;', 'return false;'));
  const a = await runChild(['smoke', 'moment', libraryPath(lib)], { nodeFlags: ['--experimental-vm-modules', '--no-warnings'] });
  const b = await runChild(['smoke', 'moment', broken], { nodeFlags: ['--experimental-vm-modules', '--no-warnings'] });
  assert.equal(a.error, undefined);
  assert.equal(a.version, b.version);
  assert.notDeepEqual(a.formats, b.formats); // 2020-02-29 is no longer a date
});

test('transform.mjs measures every tool on a tiny corpus and writes its results', () => {
  const { dir, stdout } = run('transform.mjs', ['--corpus', 'synthetic-40', '--extras-corpus', 'synthetic-40', '--passes', '1', '--warmup', '0']);
  const result = JSON.parse(fs.readFileSync(path.join(dir, 'transform.json'), 'utf8'));
  assert.equal(result.runs.length, 2);
  for (const r of result.runs) {
    assert.equal(r.files, 40);
    assert.deepEqual(r.dropped, []);
    for (const row of r.rows) assert.ok(row.median > 0 && row.peakRss > 0, row.label);
  }
  assert.ok(result.runs[0].rows.some((r) => r.id === 'babel-pool'));
  assert.ok(stdout.includes('vs Babel'));
  for (const f of ['transform.md', 'transform-synthetic-40.svg', 'transform-synthetic-40-extras.svg']) assert.ok(fs.existsSync(path.join(dir, f)), f);
});

test('minify.mjs minifies, parses and smoke-runs a library with every tool', () => {
  const { dir } = run('minify.mjs', ['--libs', 'moment', '--passes', '1', '--warmup', '0']);
  const result = JSON.parse(fs.readFileSync(path.join(dir, 'minify.json'), 'utf8'));
  assert.ok(result.rows.length >= 5);
  for (const r of result.rows) {
    assert.equal(r.parses, true, r.label);
    assert.equal(r.smoke, true, r.label);
    assert.ok(r.gzip < result.originals.moment.gzip, r.label);
  }
  for (const f of ['minify.md', 'minify-time.svg', 'minify-gzip.svg']) assert.ok(fs.existsSync(path.join(dir, f)), f);
});

test('graph.mjs builds a tiny project with every peer, edits it and writes its results', () => {
  const { dir, stdout } = run('graph.mjs', ['--projects', 'synthetic-40', '--tools', 'ours,esbuild,esbuild-bundle,rspack,tsc', '--passes', '1']);
  const result = JSON.parse(fs.readFileSync(path.join(dir, 'graph.json'), 'utf8'));
  const [{ project, rows }] = result.runs;
  assert.equal(project.modules, 41);
  const kinds = ['cold', 'warm', 'watch', 'leaf', 'hub', 'add', 'nochange'];
  for (const tool of ['esbuild', 'esbuild-bundle', 'rspack', 'tsc']) {
    for (const kind of kinds) {
      const r = rows.find((x) => x.tool === tool && x.kind === kind);
      assert.ok(r && !r.error, `${tool} ${kind}: ${r?.error}`);
      if (kind !== 'nochange') assert.ok(r.median > 0 && r.peakRss > 0, `${tool} ${kind}`);
    }
  }
  assert.ok(rows.find((r) => r.tool === 'rspack' && r.kind === 'cold').cacheBytesPerModule > 0);
  assert.ok(result.skipped.some((s) => s.tool === 'ours') || rows.some((r) => r.tool === 'ours'));
  assert.ok(stdout.includes('save with no change'));
  assert.ok(fs.existsSync(path.join(dir, 'graph.md')));
});
