// `compiler build` and `createCompiler`: what the graph compiles, how outputs are laid out
// and linked (proven by running them), the persistent cache, errors and the cache commands.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { cliPath, listFiles, repoRoot, runCli as run, tempDir } from './helpers.mjs';
import { appFiles } from './support/app.mjs';

const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { createCompiler } = api.default ?? api;

const read = (dir, rel) => fs.readFileSync(path.join(dir, rel), 'utf8');

const EXPECTED_RUN = '3 8 HI! cfg 42 mts lazy y.txt\n';

describe('compiler build', () => {
  test('compiles what the entry reaches, links outputs by their emitted names, and the output runs', () => {
    const dir = tempDir(appFiles());
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '-s', 'true', '--stats', 'stats.json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^Built 8 modules \(0 from cache\) in \d+\.\d\d s\n$/);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), [
      '.graph.json',
      'config.js', 'config.js.map',
      'data.json',
      'esm.mjs', 'esm.mjs.map',
      'lazy.js', 'lazy.js.map',
      'lib/text.js', 'lib/text.js.map',
      'main.js', 'main.js.map',
      'math/index.js', 'math/index.js.map',
      'math/twice.js', 'math/twice.js.map',
    ]);
    const main = read(dir, 'dist/main.js');
    for (const spec of ["'./math/index.js'", "'./math/twice.js'", "'./lib/text.js'", "'./config.js'", "'./data.json'", "'./esm.mjs'", "'./lazy.js'", "'node:path'"]) {
      assert.ok(main.includes(spec), `${spec} in\n${main}`);
    }
    assert.equal(read(dir, 'dist/math/twice.js'), "import { add } from './index.js';\nexport const twice = (n)=>add(n, n);\n//# sourceMappingURL=twice.js.map\n");
    assert.deepEqual(JSON.parse(read(dir, 'dist/main.js.map')).sources, ['../src/main.ts']);
    assert.deepEqual(JSON.parse(read(dir, 'stats.json')), {
      modules: 8, transformed: 7, fromCache: 0, changed: 8, written: 8, removed: 0, errors: 0, ms: JSON.parse(read(dir, 'stats.json')).ms,
    });

    const graph = JSON.parse(read(dir, 'dist/.graph.json'));
    assert.equal(graph.root, '../src');
    assert.deepEqual(graph.entries, ['main.ts']);
    assert.deepEqual(graph.modules['math/index.ts'], { output: 'math/index.js', dependencies: [], externals: [], importers: ['main.ts', 'math/twice.ts'] });
    assert.deepEqual(graph.modules['main.ts'].externals, ['node:path']);

    const ran = spawnSync(process.execPath, [path.join(dir, 'dist/main.js')], { encoding: 'utf8' });
    assert.equal(ran.stderr, '');
    assert.equal(ran.stdout, EXPECTED_RUN);
  });

  test('a second build comes from the cache, rewrites nothing, and a new checkout path stays warm', () => {
    const dir = tempDir(appFiles());
    assert.equal(run(dir, 'build', 'src/main.ts', '-d', 'dist').status, 0);
    const mtimes = () => listFiles(path.join(dir, 'dist')).map((f) => fs.statSync(path.join(dir, 'dist', f)).mtimeMs);
    const before = mtimes();
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--stats', 'stats.json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^Built 8 modules \(7 from cache\) in/);
    assert.deepEqual(mtimes(), before);
    const stats = JSON.parse(read(dir, 'stats.json'));
    assert.deepEqual([stats.transformed, stats.written, stats.changed], [0, 0, 0]);

    // The same sources at another path, with the cache dir passed along: no module is compiled again.
    const moved = tempDir();
    fs.cpSync(dir, moved, { recursive: true, filter: (src) => !src.includes(`${path.sep}dist`) });
    const cacheDir = path.join(dir, 'node_modules/.cache/compiler-js');
    const r2 = run(moved, 'build', 'src/main.ts', '-d', 'dist', '--cache-dir', cacheDir, '--stats', 'stats.json');
    assert.equal(r2.status, 0, r2.stderr);
    assert.equal(JSON.parse(read(moved, 'stats.json')).transformed, 0);
    assert.equal(read(moved, 'dist/main.js'), read(dir, 'dist/main.js'));
  });

  test('errors name file, line and column with a code frame; every other module is built; exit 1', () => {
    const dir = tempDir({
      ...appFiles(),
      'src/lib/text.ts': 'export function shout(s: string): string { return s.toUpperCase() + ; }\n',
      'src/lazy.ts': "import { gone } from './gone';\nexport const lazy = () => gone;\n",
    });
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/lazy\.ts:1:22: Could not resolve "\.\/gone": Cannot find module '\.\/gone'\n {2}Looked for: \.\/gone, \.\/gone\.ts, \.\/gone\.tsx, \.\/gone\.mts/);
    assert.match(r.stderr, /> 1 \| import \{ gone \} from '\.\/gone';\n {4}\| {22}\^/);
    assert.match(r.stderr, /src\/lib\/text\.ts:1:\d+: Expression expected/);
    assert.match(r.stderr, /Built 8 modules \(0 from cache\) with 2 errors in/);
    assert.ok(!fs.existsSync(path.join(dir, 'dist/lib/text.js')));
    assert.ok(read(dir, 'dist/lazy.js').includes("'./gone'"), 'an unresolved specifier is left as written');
    assert.ok(fs.existsSync(path.join(dir, 'dist/config.js')));

    // A warm start reports the same errors, without compiling anything again.
    const again = run(dir, 'build', 'src/main.ts', '-d', 'dist');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /with 2 errors/);
  });

  test('bad usage exits 2', () => {
    const dir = tempDir(appFiles());
    assert.equal(run(dir, 'build', 'src/main.ts').status, 2);
    assert.equal(run(dir, 'build', 'src/nope.ts', '-d', 'dist').status, 2);
    assert.equal(run(dir, 'build', 'src/main.ts', '-d', 'dist', '--cache-max-size', 'lots').status, 2);
    const r = run(dir, 'build', 'src/main.ts', '-d', '.');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /outputs would overwrite sources/);
    assert.deepEqual(listFiles(dir).filter((f) => f.endsWith('.js')), []);
  });

  test('--no-cache and an unwritable cache dir build the same outputs, the latter with one warning', () => {
    const dir = tempDir({ ...appFiles(), 'not-a-dir': 'a file where a folder should be' });
    const a = run(dir, 'build', 'src/main.ts', '-d', 'a', '--no-cache');
    assert.equal(a.status, 0, a.stderr);
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules')));
    const b = run(dir, 'build', 'src/main.ts', '-d', 'b', '--cache-dir', 'not-a-dir/cache');
    assert.equal(b.status, 0, b.stderr);
    assert.equal(b.stderr.match(/warning/g)?.length, 1, b.stderr);
    assert.match(b.stderr, /compiler: warning: the cache at .*not-a-dir\/cache cannot be written \(.*\); running without a cache/);
    for (const f of listFiles(path.join(dir, 'a')).filter((f) => f !== '.graph.json')) {
      assert.equal(read(dir, `b/${f}`), read(dir, `a/${f}`), f);
    }
  });

  test('a damaged cache entry is a miss: the output is still right and the entry is written again', () => {
    const dir = tempDir(appFiles());
    assert.equal(run(dir, 'build', 'src/main.ts', '-d', 'dist', '--cache-dir', 'cache').status, 0);
    const good = listFiles(path.join(dir, 'dist')).map((f) => [f, read(dir, `dist/${f}`)]);
    const packs = listFiles(path.join(dir, 'cache/packs'));
    assert.equal(packs.length, 2, 'one pack and its index');
    const pack = path.join(dir, 'cache/packs', packs.find((f) => f.endsWith('.pack')));
    const bytes = fs.readFileSync(pack);
    // One byte flipped in the middle, and the last third cut off.
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(pack, bytes.subarray(0, Math.floor((bytes.length * 2) / 3)));
    fs.rmSync(path.join(dir, 'dist'), { recursive: true });
    fs.rmSync(path.join(dir, 'cache/graphs'), { recursive: true });
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--cache-dir', 'cache', '--stats', 's.json');
    assert.equal(r.status, 0, r.stderr);
    const { transformed } = JSON.parse(read(dir, 's.json'));
    assert.ok(transformed >= 3 && transformed < 7, `${transformed} damaged entries compiled again`);
    assert.deepEqual(listFiles(path.join(dir, 'dist')).map((f) => [f, read(dir, `dist/${f}`)]), good);
    const r2 = run(dir, 'build', 'src/main.ts', '-d', 'dist2', '--cache-dir', 'cache', '--stats', 's.json');
    assert.equal(r2.status, 0, r2.stderr);
    assert.equal(JSON.parse(read(dir, 's.json')).transformed, 0, 'the damaged entries were written again');
  });

  test('two builds at once share one cache dir safely', async () => {
    const dir = tempDir(appFiles());
    const spawnBuild = (out) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [cliPath, 'build', 'src/main.ts', '-d', out, '--cache-dir', 'cache'], { cwd: dir });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const results = await Promise.all([spawnBuild('one'), spawnBuild('two'), spawnBuild('three')]);
    for (const r of results) assert.equal(r.status, 0, r.stderr);
    for (const f of listFiles(path.join(dir, 'one')).filter((f) => f !== '.graph.json')) {
      assert.equal(read(dir, `two/${f}`), read(dir, `one/${f}`));
      assert.equal(read(dir, `three/${f}`), read(dir, `one/${f}`));
    }
    assert.equal(listFiles(path.join(dir, 'cache/tmp')).length, 0);
  });

  test('--trace writes Chrome trace events: module tasks and transform passes', () => {
    const dir = tempDir(appFiles());
    assert.equal(run(dir, 'build', 'src/main.ts', '-d', 'dist', '--no-cache', '--trace', 'trace.json').status, 0);
    const { traceEvents } = JSON.parse(read(dir, 'trace.json'));
    const names = new Set(traceEvents.map((e) => e.name));
    for (const name of ['main.ts', 'math/index.ts', 'read', 'transform', 'resolve', 'parse', 'resolver', 'typescript', 'codegen']) {
      assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`);
    }
    for (const e of traceEvents) {
      assert.equal(e.ph, 'X');
      assert.ok(e.ts >= 0 && e.dur >= 0 && Number.isInteger(e.tid));
    }
    const module = traceEvents.find((e) => e.name === 'main.ts');
    assert.equal(module.args.path, 'main.ts');
  });

  test('cache stats and cache clean', () => {
    const dir = tempDir(appFiles());
    assert.equal(run(dir, 'build', 'src/main.ts', '-d', 'dist').status, 0);
    const stats = run(dir, 'cache', 'stats', '--json');
    assert.equal(stats.status, 0, stats.stderr);
    const s = JSON.parse(stats.stdout);
    assert.equal(s.dir, path.join(dir, 'node_modules/.cache/compiler-js'));
    assert.equal(s.entries, 7);
    assert.equal(s.packs, 1);
    assert.equal(s.graphs, 1);
    assert.ok(s.entryBytes > 0 && s.graphBytes > 0);
    fs.writeFileSync(path.join(s.dir, 'mine.txt'), 'not the cache’s');
    const clean = run(dir, 'cache', 'clean');
    assert.match(clean.stdout, /^Removed 7 compiled modules in 1 pack \(0\.0 MB\), 1 saved graph/);
    assert.deepEqual(listFiles(s.dir), ['mine.txt']);
    assert.match(run(dir, 'cache', 'stats').stdout, /: 0 compiled modules/);
    assert.equal(run(dir, 'cache', 'wipe').status, 2);
  });
});

describe('createCompiler', () => {
  test('build, graph queries, update and an early cutoff', async () => {
    const dir = tempDir(appFiles());
    const compiler = createCompiler({ cwd: dir, entries: ['src/main.ts'], outDir: 'dist', cacheDir: 'cache' });
    const first = await compiler.build();
    assert.deepEqual([first.modules, first.transformed, first.errors], [8, 7, 0]);
    const at = (rel) => path.join(fs.realpathSync(dir), rel);
    assert.deepEqual(compiler.graph.importers(at('src/math/index.ts')), [at('src/main.ts'), at('src/math/twice.ts')]);
    assert.deepEqual(compiler.graph.dependencies(path.join(dir, 'src/math/twice.ts')), [at('src/math/index.ts')]);

    // A type-only edit: compiled again, but the output is the same and is not rewritten.
    const out = path.join(dir, 'dist/math/index.js');
    const mtime = fs.statSync(out).mtimeMs;
    fs.writeFileSync(path.join(dir, 'src/math/index.ts'), 'export const add = (a: number, b: number): 3 | number => a + b;\n');
    compiler.update(['src/math/index.ts']);
    const second = await compiler.build();
    assert.deepEqual([second.transformed, second.written, second.changed], [1, 0, 1]);
    assert.equal(fs.statSync(out).mtimeMs, mtime);
    await compiler.close();
  });

  test('invalid options are CompilerErrors naming the key', async () => {
    const dir = tempDir(appFiles());
    const compiler = createCompiler({ cwd: dir, entries: ['src/main.ts'], outDir: 'dist', jsx: { runtim: 'classic' } });
    await assert.rejects(compiler.build(), (err) => err.name === 'CompilerError' && err.code === 'INVALID_OPTION' && /jsx\.runtim/.test(err.message));
  });
});

describe('compiler build --include-node-modules', () => {
  test('compiles an included package as the project’s own modules and links it relatively', () => {
    const dir = tempDir({
      'package.json': '{ "type": "module" }\n',
      'src/main.ts': "import { shout } from 'shout';\nimport { keep } from 'kept';\nconsole.log(shout('hi'), keep);\n",
      'node_modules/shout/package.json': '{ "name": "shout", "type": "module", "exports": "./src/index.ts" }\n',
      'node_modules/shout/src/index.ts': 'export const shout = (s: string): string => s.toUpperCase();\n',
      'node_modules/kept/package.json': '{ "name": "kept", "type": "module", "main": "index.js" }\n',
      'node_modules/kept/index.js': 'export const keep = "kept";\n',
    });
    const r = run(dir, 'build', 'src/main.ts', '-d', 'dist', '--root', '.', '--include-node-modules', 'shout');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), ['.graph.json', 'node_modules/shout/src/index.js', 'src/main.js']);
    assert.ok(read(dir, 'dist/src/main.js').includes("'../node_modules/shout/src/index.js'"));
    assert.ok(read(dir, 'dist/src/main.js').includes("'kept'"));
    fs.writeFileSync(path.join(dir, 'dist/package.json'), '{ "type": "module" }\n');
    fs.symlinkSync(path.join(dir, 'node_modules/kept'), path.join(dir, 'dist/node_modules/kept'));
    const ran = spawnSync(process.execPath, [path.join(dir, 'dist/src/main.js')], { encoding: 'utf8' });
    assert.equal(ran.stdout, 'HI kept\n', ran.stderr);
  });
});
