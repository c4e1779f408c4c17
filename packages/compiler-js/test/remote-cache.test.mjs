// The remote cache against a real nginx (WebDAV, Bazel's HTTP cache protocol): two
// "machines" (separate checkouts, local caches and out dirs) share work through it, and
// every fault (down, 500s, a corrupted blob, a slow server, a server stopped mid-build)
// leaves outputs equal to a clean build's.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { syntheticApp } from '../../../bench/synthetic.mjs';
import { startNginx } from '../../../tests/servers/nginx.mjs';
import { cliPath, listFiles, runCli } from './helpers.mjs';

const EXTERNAL = ['--external', 'react*', '--external', 'ui-lib', '--external', 'styled-jsx*'];

/** The synthetic app of `n` modules and an entry that reaches them all, under `dir`. */
function writeApp(dir, n) {
  const files = syntheticApp(n);
  const imported = new Set();
  for (const f of files) for (const [, d] of f.code.matchAll(/from '\.\/m(\d+)'/g)) imported.add(Number(d));
  const roots = files.map((_, i) => i).filter((i) => !imported.has(i));
  for (const f of [...files, { name: 'src/main.tsx', code: `${roots.map((i) => `import * as m${i} from './m${i}';`).join('\n')}\nexport const all = [${roots.map((i) => `m${i}`).join(', ')}];\n` }]) {
    fs.mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.name), f.code);
  }
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  return files.length + 1;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-remote-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A checkout of the `n`-module app at a path of its own (a "machine"). */
function machine(name, n, from) {
  const dir = path.join(scratch, name, 'work', 'app');
  if (from) fs.cpSync(from, dir, { recursive: true, filter: (src) => !/[\\/](out|cache|stats\.json)$/.test(src) });
  else writeApp(dir, n);
  return dir;
}

/** `compiler build` of the app in `dir`, into its own out dir and local cache. */
function build(dir, args = [], { env = {}, during } = {}) {
  const child = spawn(
    process.execPath,
    [cliPath, 'build', 'src/main.tsx', '-d', 'out', '-s', 'true', '--cache-dir', 'cache', '--stats', 'stats.json', ...EXTERNAL, ...args],
    { cwd: dir, env: { ...process.env, COMPILER_REMOTE_CACHE: '', ...env } },
  );
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  const started = Date.now();
  during?.(child);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const statsFile = path.join(dir, 'stats.json');
      const stats = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : undefined;
      resolve({ status, stderr, stdout, stats, ms: Date.now() - started });
    });
  });
}

/** Every output file of `dir`'s build, by relative path. */
function outputs(dir) {
  const out = path.join(dir, 'out');
  return new Map(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
}

function assertSameOutputs(dir, reference) {
  const got = outputs(dir);
  assert.deepEqual([...got.keys()], [...reference.keys()]);
  for (const [file, text] of reference) assert.equal(got.get(file), text, file);
}

const count = (text, word) => text.split(word).length - 1;

/** A clean build's outputs of the `n`-module app (no cache, no remote). */
async function reference(n) {
  const dir = machine(`reference-${n}`, n);
  const r = await build(dir);
  assert.equal(r.status, 0, r.stderr);
  return { dir, outputs: outputs(dir) };
}

describe('remote cache (Bazel HTTP protocol) against nginx', () => {
  let nginx;
  let small;
  const N = 400;
  before(async () => {
    nginx = await startNginx({ slowRate: 20000 });
    small = await reference(N);
  });
  after(() => nginx?.close());

  test('two machines share the 10,000-module app: the second builds from remote hits only, byte for byte', async () => {
    const n = 10_000;
    const a = machine('first', n);
    const first = await build(a, ['--remote-cache', nginx.url('cache')]);
    assert.equal(first.status, 0, first.stderr);
    const modules = first.stats.modules;
    assert.equal(modules, n + 1);
    assert.equal(first.stats.transformed, modules);
    assert.equal(first.stats.remoteMisses, modules);
    assert.equal(first.stats.remoteErrors, 0);
    assert.ok(first.stats.bytesUp > 1e6, `uploaded ${first.stats.bytesUp} bytes`);

    // Another checkout at another path, with an empty local cache.
    const b = machine('second/deeper', n, a);
    assert.notEqual(path.dirname(a), path.dirname(b));
    const before = nginx.requests().length;
    const second = await build(b, [], { env: { COMPILER_REMOTE_CACHE: nginx.url('cache') } });
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stats.transformed, 0);
    assert.equal(second.stats.remoteHits, modules);
    assert.equal(second.stats.remoteMisses, 0);
    assert.equal(second.stats.localHits, 0);
    assert.equal(second.stats.bytesUp, 0, 'nothing new to upload');
    assertSameOutputs(b, outputs(a));
    // Chunks, not one request per module: the action result, the manifest and a few chunks.
    const gets = nginx.requests().slice(before).filter(([m]) => m === 'GET');
    assert.ok(gets.length >= 3 && gets.length <= 20, `${gets.length} GETs`);
    assert.ok(gets.every(([, , status]) => status === 200));

    // Its local cache now has everything.
    fs.rmSync(path.join(b, 'out'), { recursive: true });
    const third = await build(b, ['--remote-cache', nginx.url('cache')]);
    assert.equal(third.stats.transformed, 0);
    assert.equal(third.stats.remoteHits, 0);
    assert.equal(third.stats.localHits, modules);
  });

  test('a server that is down: the build is local and correct, with one warning', async () => {
    const dir = machine('down', N, small.dir);
    const closed = nginx.url('cache').replace(`:${nginx.port}/`, ':9/');
    const r = await build(dir, ['--remote-cache', closed]);
    assert.equal(r.status, 0, r.stderr);
    assertSameOutputs(dir, small.outputs);
    assert.equal(r.stats.remoteErrors, 1);
    assert.equal(r.stats.transformed, r.stats.modules);
    assert.equal(count(r.stderr, 'remote cache'), 1, r.stderr);
  });

  test('a prefix that answers 500: the build is local and correct', async () => {
    const dir = machine('broken', N, small.dir);
    const r = await build(dir, ['--remote-cache', nginx.url('broken')]);
    assert.equal(r.status, 0, r.stderr);
    assertSameOutputs(dir, small.outputs);
    assert.equal(r.stats.remoteErrors, 1);
    assert.match(r.stderr, /remote cache http:\/\/127\.0\.0\.1:\d+\/broken: reading failed \(HTTP 500\)/);
  });

  test('a blob corrupted on the server: a miss, warned once, compiled here and uploaded again', async () => {
    const server = await startNginx();
    try {
      const a = machine('corrupt-a', N, small.dir);
      assert.equal((await build(a, ['--remote-cache', server.url('cache')])).status, 0);
      const cas = path.join(server.data('cache'), 'cas');
      const largest = fs.readdirSync(cas).map((f) => path.join(cas, f)).sort((x, y) => fs.statSync(y).size - fs.statSync(x).size)[0];
      const bytes = fs.readFileSync(largest);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      fs.writeFileSync(largest, bytes);

      const b = machine('corrupt-b', N, small.dir);
      const r = await build(b, ['--remote-cache', server.url('cache')]);
      assert.equal(r.status, 0, r.stderr);
      assertSameOutputs(b, small.outputs);
      assert.ok(r.stats.transformed > 0, 'the damaged chunk\'s modules are compiled here');
      assert.equal(r.stats.remoteHits + r.stats.remoteMisses, r.stats.modules);
      assert.ok(r.stats.remoteErrors >= 1);
      assert.equal(count(r.stderr, 'does not match its sha256'), 1, r.stderr);
      assert.ok(r.stats.bytesUp > 0, 'uploaded again');

      const c = machine('corrupt-c', N, small.dir);
      const again = await build(c, ['--remote-cache', server.url('cache')]);
      assert.equal(again.stats.remoteHits, again.stats.modules);
      assert.equal(again.stats.transformed, 0);
      assertSameOutputs(c, small.outputs);
    } finally {
      await server.close();
    }
  });

  test('a slow server: the request times out and the build goes on locally', async () => {
    const a = machine('slow-a', N, small.dir);
    // Filled through /cache/; /slow/ serves the same files at 20 KB/s.
    assert.equal((await build(a, ['--remote-cache', nginx.url('cache')])).status, 0);
    const b = machine('slow-b', N, small.dir);
    const r = await build(b, ['--remote-cache', nginx.url('slow'), '--remote-cache-timeout', '1000']);
    assert.equal(r.status, 0, r.stderr);
    assertSameOutputs(b, small.outputs);
    assert.equal(r.stats.remoteErrors, 1);
    assert.match(r.stderr, /timed out/);
    // A chunk of about 1 MB at 20 KB/s would take most of a minute.
    assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
  });

  test('a server stopped mid-build: the build finishes locally and correctly', async () => {
    const server = await startNginx({ slowRate: 20000 });
    try {
      const a = machine('stopped-a', N, small.dir);
      assert.equal((await build(a, ['--remote-cache', server.url('cache')])).status, 0);
      const b = machine('stopped-b', N, small.dir);
      // The chunk trickles down from /slow/; the server stops while it does.
      const r = await build(b, ['--remote-cache', server.url('slow'), '--remote-cache-timeout', '120000'], {
        during: () => setTimeout(() => void server.stop(), 1500),
      });
      assert.equal(r.status, 0, r.stderr);
      assertSameOutputs(b, small.outputs);
      assert.equal(r.stats.remoteErrors, 1, r.stderr);
      assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
    } finally {
      await server.close();
    }
  });

  test('read-only: hits are used, nothing is uploaded', async () => {
    const a = machine('ro-a', N, small.dir);
    assert.equal((await build(a, ['--remote-cache', nginx.url('cache')])).status, 0);
    const b = machine('ro-b', N, small.dir);
    fs.appendFileSync(path.join(b, 'src/m0.tsx'), '\nexport const edited = 1;\n');
    const puts = () => nginx.requests().filter(([m]) => m === 'PUT').length;
    const before = puts();
    const r = await build(b, ['--remote-cache', nginx.url('cache'), '--remote-cache-read-only']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stats.transformed, 1);
    assert.equal(r.stats.remoteHits, r.stats.modules - 1);
    assert.equal(r.stats.bytesUp, 0);
    assert.equal(puts(), before);
    assert.match(fs.readFileSync(path.join(b, 'out/m0.js'), 'utf8'), /edited = 1/);
  });

  test('auth from an environment variable named in compiler.config.json; its value is never printed or stored', async () => {
    const config = JSON.stringify({ remoteCache: { url: nginx.url('auth'), authEnv: 'TEAM_CACHE_AUTH' } });
    const secret = `Bearer ${nginx.token}`;
    const a = machine('auth-a', N, small.dir);
    fs.writeFileSync(path.join(a, 'compiler.config.json'), config);
    const first = await build(a, [], { env: { TEAM_CACHE_AUTH: secret } });
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stats.remoteErrors, 0, first.stderr);
    assert.ok(first.stats.bytesUp > 0);

    const b = machine('auth-b', N, small.dir);
    fs.writeFileSync(path.join(b, 'compiler.config.json'), config);
    const second = await build(b, [], { env: { TEAM_CACHE_AUTH: secret } });
    assert.equal(second.stats.remoteHits, second.stats.modules);
    assertSameOutputs(b, small.outputs);

    // Without the variable: a warning naming it, a 401, a local build.
    const c = machine('auth-c', N, small.dir);
    fs.writeFileSync(path.join(c, 'compiler.config.json'), config);
    const third = await build(c, []);
    assert.equal(third.status, 0, third.stderr);
    assert.match(third.stderr, /TEAM_CACHE_AUTH is not set/);
    assert.match(third.stderr, /HTTP 401/);
    assertSameOutputs(c, small.outputs);

    for (const dir of [a, b]) {
      for (const file of listFiles(dir)) {
        assert.ok(!fs.readFileSync(path.join(dir, file)).includes(nginx.token), `${file} holds the token`);
      }
    }
    for (const r of [first, second, third]) assert.ok(!(r.stderr + r.stdout).includes(nginx.token));
  });

  test('bad remote-cache options are errors naming the key', async () => {
    const dir = machine('bad-options', N, small.dir);
    fs.writeFileSync(path.join(dir, 'compiler.config.json'), JSON.stringify({ remoteCache: { url: 'ftp://x', readonly: true, timeout: 'soon' } }));
    const r = await build(dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown key remoteCache\.readonly/);
    assert.match(r.stderr, /remoteCache\.timeout must be a number of milliseconds/);
    fs.writeFileSync(path.join(dir, 'compiler.config.json'), JSON.stringify({ remoteCache: 'ftp://x' }));
    const bad = await build(dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /compiler\.config\.json: remoteCache\.url must be an http:\/\/ or https:\/\/ URL, not "ftp:\/\/x"/);
    fs.rmSync(path.join(dir, 'compiler.config.json'));
    const usage = runCli(dir, 'build', 'src/main.tsx', '-d', 'out', ...EXTERNAL, '--no-cache', '--remote-cache', nginx.url('cache'));
    assert.notEqual(usage.status, 0);
    assert.match(usage.stderr, /remote cache works through the local cache/);
  });
});
