// compiler-js/vite on the persistent cache: a generated 2,000-module app built and served
// by Vite 8 in separate processes, as a second `vite build` and a restarted dev server are.
// Each process reports what the plugin compiled and what it served from the cache.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';

import { repoRoot, tempDir } from './helpers.mjs';
import { browserSkip, runNode, serveStatic, withPage } from './support/examples.mjs';

const { viteApp, sumOf } = await import(path.join(repoRoot, 'tests/fixtures/vite-app/generate.mjs'));
const child = path.join(repoRoot, 'tests/fixtures/vite-app/child.mjs');
const MODULES = 2000;

const SUM = sumOf(MODULES);

describe('compiler-js/vite: the persistent cache across Vite processes (2,000 modules)', () => {
  const root = tempDir(viteApp(MODULES));
  const cacheDir = path.join(root, 'node_modules/.cache/compiler-js');
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const run = async (...args) => {
    const r = await runNode(child, [args[0], root, cacheDir, ...args.slice(1)], { cwd: root, timeout: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const bundle = (out) => {
    const assets = path.join(out, 'assets');
    return fs.readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(assets, f), 'utf8')).join('\n');
  };
  const modules = MODULES + 2; // the tree, the view and main.ts

  test('a second `vite build` compiles nothing and writes the same bundle', async () => {
    const first = await run('build', path.join(root, 'dist-1'));
    assert.equal(first.modules, modules);
    assert.deepEqual([first.stats.hits, first.stats.misses], [0, modules]);
    const second = await run('build', path.join(root, 'dist-2'));
    assert.deepEqual([second.stats.hits, second.stats.misses], [modules, 0]);
    assert.equal(bundle(path.join(root, 'dist-2')), bundle(path.join(root, 'dist-1')));
  });

  test('in Chromium: the cached build renders', { skip: browserSkip }, async () => {
    const server = await serveStatic(path.join(root, 'dist-2'));
    try {
      const { errors } = await withPage(server.url, async (page) => {
        await page.waitForSelector('#total');
        assert.equal(await page.textContent('#total'), `graph-app: ${SUM}`);
      });
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });

  test('a restarted dev server serves every module from the cache, and an edit made between restarts', async () => {
    const first = await run('dev', '/src/m7.ts');
    assert.equal(first.modules, modules);
    // Development output differs from the build's (the mode is in the key): compiled once.
    assert.deepEqual([first.stats.hits, first.stats.misses], [0, modules]);
    const second = await run('dev', '/src/m7.ts');
    assert.deepEqual([second.stats.hits, second.stats.misses], [modules, 0]);
    assert.equal(second.code, first.code);

    const m7 = path.join(root, 'src/m7.ts');
    fs.writeFileSync(m7, fs.readFileSync(m7, 'utf8').replace("label: 'm7'", "label: 'edited between restarts'"));
    const third = await run('dev', '/src/m7.ts');
    assert.deepEqual([third.stats.hits, third.stats.misses], [modules - 1, 1]);
    assert.match(third.code, /label: "edited between restarts"|label: 'edited between restarts'/);
    assert.doesNotMatch(third.code, /label: ["']m7["']/);
  });
});
