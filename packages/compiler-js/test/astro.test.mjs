// compiler-js/vite in Astro: examples/astro-site, whose React island is compiled by the plugin
// added through an Astro integration, built with `astro build`, served on 127.0.0.1 and
// loaded in headless Chromium.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { browserSkip, examplesRoot, runNode, serveStatic, withPage } from './support/examples.mjs';

const site = path.join(examplesRoot, 'astro-site');
const astroBin = path.join(path.dirname(createRequire(path.join(site, 'package.json')).resolve('astro/package.json')), 'astro.js');

describe('examples/astro-site built by `astro build` with compiler-js/vite', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-astro-'));
  let build;
  let server;

  before(async () => {
    build = await runNode(astroBin, ['build', '--outDir', outDir], { cwd: site, env: { ASTRO_TELEMETRY_DISABLED: '1' } });
    if (build.code === 0) server = await serveStatic(outDir);
  });
  after(async () => {
    await server?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  test('builds; the page and the island are rendered on the server', () => {
    assert.equal(build.code, 0, `${build.stdout}\n${build.stderr}`);
    const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const has = (re, what) => assert.ok(re.test(html), what);
    has(/<h1>Astro \+ compiler-js<\/h1>/, 'the page');
    has(/<astro-island [^>]*component-export="LikeButton"[^>]*client="load"/, 'the island');
    has(/<button [^>]*>Like<!-- --> \(<!-- -->3<!-- -->\)<\/button>/, 'the island rendered on the server');
    has(/compiled by <!-- -->compiler-js/, 'the server build of the island was compiled by compiler-js (its `define`)');
  });

  test('in Chromium: the island hydrates, a click updates its state, no console errors', { skip: browserSkip }, async () => {
    assert.ok(server, 'the build succeeded');
    const { errors } = await withPage(server.url, async (page) => {
      assert.equal(await page.textContent('h1'), 'Astro + compiler-js');
      assert.deepEqual(await page.$$eval('li', (items) => items.map((li) => li.textContent)), ['TypeScript', 'JSX', 'styled-jsx']);
      await page.waitForSelector('astro-island:not([ssr])'); // Astro drops `ssr` once hydrated
      const button = page.locator('astro-island button');
      assert.equal(await button.textContent(), 'Like (3)');
      await button.click();
      assert.equal(await button.textContent(), 'Like (4)');
      assert.equal(await button.getAttribute('aria-pressed'), 'true');
      await button.click();
      assert.equal(await button.textContent(), 'Like (3)');
      assert.equal(await page.textContent('astro-island small'), 'compiled by compiler-js');
    });
    assert.deepEqual(errors, []);
  });

  test('in Chromium: the island’s styled-jsx rules apply', { skip: browserSkip }, async () => {
    assert.ok(server, 'the build succeeded');
    const { errors } = await withPage(server.url, async (page) => {
      await page.waitForSelector('astro-island:not([ssr])');
      const css = await page.$eval('astro-island button', (el) => {
        const s = getComputedStyle(el);
        return { border: s.borderTopColor, background: s.backgroundColor, scope: [...el.classList].find((c) => c.startsWith('jsx-')) };
      });
      assert.deepEqual({ border: css.border, background: css.background }, { border: 'rgb(120, 40, 200)', background: 'rgb(250, 240, 255)' });
      assert.ok(css.scope, 'the button carries the scope class');
      assert.equal(await page.$eval('astro-island .like', (el) => getComputedStyle(el).marginTop), '12px');
    });
    assert.deepEqual(errors, []);
  });
});
