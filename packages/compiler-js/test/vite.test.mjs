// compiler-js/vite in Vite 8: examples/vite-app built with the plugin, served on 127.0.0.1
// and loaded in headless Chromium; errors through the plugin context, in builds and in dev.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { tempDir } from './helpers.mjs';
import { browserSkip, examplesRoot, serveStatic, withPage } from './support/examples.mjs';

const app = path.join(examplesRoot, 'vite-app');
const requireFromApp = createRequire(path.join(app, 'package.json'));
const compiler = requireFromApp('compiler-js/vite');
const vite = await import(pathToFileURL(requireFromApp.resolve('vite')).href);

describe('examples/vite-app built by Vite 8 with compiler-js/vite', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-vite-'));
  let seen; // what the build's resolved config and module graph looked like
  let server;

  before(async () => {
    seen = { transformed: [] };
    const inspect = {
      name: 'inspect',
      configResolved(config) {
        seen.plugin = config.plugins.find((p) => p.name === 'compiler-js');
        seen.oxc = config.oxc;
        seen.pluginOrder = config.plugins.map((p) => p.name);
      },
      transform(code, id) {
        // Runs after compiler-js (enforce: 'pre'): app modules arrive as plain JavaScript.
        if (id.startsWith(path.join(app, 'src'))) seen.transformed.push([path.relative(app, id), code]);
      },
    };
    await vite.build({ root: app, logLevel: 'warn', plugins: [inspect], build: { outDir, emptyOutDir: true } });
    server = await serveStatic(outDir);
  });
  after(async () => {
    await server?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  test('Vite’s Oxc transform is off and compiler-js compiled the app’s modules', () => {
    assert.equal(seen.oxc, false);
    assert.ok(seen.pluginOrder.indexOf('compiler-js') < seen.pluginOrder.indexOf('vite:build-import-analysis'));
    const files = seen.transformed.map(([f]) => f).sort();
    assert.deepEqual(files, ['src/App.tsx', 'src/components/Counter.tsx', 'src/components/Note.tsx', 'src/components/Tag.tsx', 'src/main.tsx', 'src/ui-lib/Badge.tsx', 'src/ui-lib/Button.tsx']);
    for (const [file, code] of seen.transformed) {
      assert.doesNotMatch(code, /<\w|: (string|number)\b/, `${file} reached later plugins as JavaScript`);
    }
  });

  test('a second build serves every module from the persistent cache and writes the same bundle', async () => {
    // The app's own vite.config.ts makes the plugin, with the default cache folder.
    const stats = () => seen.plugin.api.cacheStats();
    const before = stats();
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-vite-'));
    try {
      const inspect = { name: 'inspect', configResolved: (config) => void (seen.plugin = config.plugins.find((p) => p.name === 'compiler-js')) };
      await vite.build({ root: app, logLevel: 'warn', plugins: [inspect], build: { outDir: again, emptyOutDir: true } });
      const after = stats();
      assert.deepEqual([after.hits - before.hits, after.misses - before.misses], [7, 0], 'the seven app modules, all from the cache');
      const js = (dir) => fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, 'assets', f), 'utf8'));
      assert.deepEqual(js(again), js(outDir));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });

  test('the bundle: removeConsole, modularizeImports (no barrel), define, source maps', () => {
    const js = fs.readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    assert.equal(js.length, 1);
    const code = fs.readFileSync(path.join(outDir, 'assets', js[0]), 'utf8');
    assert.doesNotMatch(code, /removeConsole-marker/, 'console.log removed');
    assert.match(code, /console\.error\(`kept by removeConsole\.exclude`/, 'console.error kept (exclude)');
    assert.doesNotMatch(code, /__uiLibBarrelLoaded|unused-member-marker/, 'the ui-lib barrel and its unused member are not bundled');
    assert.match(code, /Vite \+ compiler-js/);
    assert.ok(code.length < 300_000, 'minified by Vite as usual');
    const map = JSON.parse(fs.readFileSync(path.join(outDir, 'assets', `${js[0]}.map`), 'utf8'));
    const app_ = map.sources.findIndex((s) => s.endsWith('src/App.tsx'));
    assert.ok(app_ >= 0, 'the map names src/App.tsx');
    assert.equal(map.sourcesContent[app_], fs.readFileSync(path.join(app, 'src/App.tsx'), 'utf8'), 'with the original TSX');
  });

  test('in Chromium: renders, a click updates state, no console errors', { skip: browserSkip }, async () => {
    const { errors, messages } = await withPage(server.url, async (page) => {
      await page.waitForSelector('h1');
      assert.equal(await page.textContent('h1'), 'Vite + compiler-js');
      assert.equal(await page.textContent('.badge-info'), 'vite');
      const counter = page.locator('.counter button');
      assert.equal(await counter.textContent(), 'Clicked 1 times');
      await counter.click();
      await counter.click();
      assert.equal(await counter.textContent(), 'Clicked 3 times');
      assert.equal(await page.evaluate(() => globalThis.__uiLibBarrelLoaded), undefined);
    });
    assert.deepEqual(errors, []);
    assert.ok(!messages.some((m) => m.includes('removeConsole-marker')), messages.join('\n'));
  });

  test('in Chromium: the styled-jsx rules apply, scoped to their component', { skip: browserSkip }, async () => {
    const { errors } = await withPage(server.url, async (page) => {
      await page.waitForSelector('.counter button');
      const style = (selector) => page.$eval(selector, (el) => getComputedStyle(el).backgroundColor);
      assert.equal(await style('.counter button'), 'rgb(12, 34, 56)');
      assert.notEqual(await style('.ui-button'), 'rgb(12, 34, 56)', 'a button outside the component is not styled');
      assert.equal(await page.$eval('.counter', (el) => getComputedStyle(el).display), 'flex');
    });
    assert.deepEqual(errors, []);
  });

  test('in Chromium: the styled-components component has its styles', { skip: browserSkip }, async () => {
    const { errors } = await withPage(server.url, async (page) => {
      await page.waitForSelector('.note');
      const note = await page.$eval('.note', (el) => {
        const s = getComputedStyle(el);
        return { text: el.textContent, border: s.borderLeft, padding: s.padding, style: s.fontStyle, classes: el.className.split(' ').length };
      });
      assert.deepEqual(note, { text: 'styled-components', border: '4px solid rgb(10, 120, 60)', padding: '3px 9px', style: 'italic', classes: 3 });
    });
    assert.deepEqual(errors, []);
  });

  test('in Chromium: the emotion component has its styled and css-prop styles', { skip: browserSkip }, async () => {
    const { errors } = await withPage(server.url, async (page) => {
      await page.waitForSelector('.tag');
      const tag = await page.$eval('.tag', (el) => {
        const s = getComputedStyle(el);
        return { text: el.textContent, color: s.color, display: s.display, padding: s.padding, radius: s.borderRadius, weight: s.fontWeight, classes: el.className };
      });
      assert.deepEqual({ ...tag, classes: undefined }, {
        text: 'emotion', color: 'rgb(200, 30, 90)', display: 'inline-block', padding: '2px 6px', radius: '9px', weight: '700', classes: undefined,
      });
      // The styled component's target class (component selectors) and emotion's class.
      const classes = tag.classes.split(' ').sort();
      assert.equal(classes.length, 3, tag.classes);
      assert.match(classes[0], /^css-[0-9a-z]+$/);
      assert.match(classes[1], /^e[0-9a-z]+0$/);
      assert.equal(classes[2], 'tag');
    });
    assert.deepEqual(errors, []);
  });
});

describe('compiler-js/vite errors in Vite 8', () => {
  const dir = tempDir({
    'index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
    'src/main.tsx': "import { x } from './bad';\nconsole.log(x);\n",
    'src/bad.tsx': 'export const ok = 1;\n\nexport const x = (a: number => a;\n',
  });
  const bad = path.join(dir, 'src/bad.tsx');
  const expectError = (err) => {
    assert.equal(err.plugin, 'compiler-js');
    assert.equal(err.id, bad);
    assert.deepEqual(err.loc, { file: bad, line: 3, column: 32 });
    assert.match(err.frame, /> 3 \| export const x = \(a: number => a;\n\s+\|\s{33}\^/);
    assert.match(err.message, /Expected ',', got ';'/);
  };

  test('a build fails with the error’s id, loc and frame', async () => {
    await assert.rejects(
      vite.build({ root: dir, configFile: false, logLevel: 'silent', plugins: [compiler()], build: { write: false } }),
      (err) => {
        // Rolldown collects plugin errors in `errors`.
        expectError(err.errors?.[0] ?? err);
        return true;
      },
    );
  });

  test('the dev server’s transform error carries what the overlay shows', async () => {
    const server = await vite.createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [compiler()],
      server: { middlewareMode: true, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      await assert.rejects(server.transformRequest('/src/bad.tsx'), (err) => {
        expectError(err);
        return true;
      });
      const ok = await server.transformRequest('/src/main.tsx');
      assert.match(ok.code, /^import \{ x \} from "\/src\/bad\.tsx";/m);
    } finally {
      await server.close();
    }
  });
});
