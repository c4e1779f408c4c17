// compiler-js/rollup: the plugin's hooks on their own, then a plain Rollup build of
// examples/rollup-lib with `minify`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';

import { SourceMapConsumer } from 'source-map';

import { tempDir } from './helpers.mjs';
import { examplesRoot, lineOf } from './support/examples.mjs';

const require = createRequire(import.meta.url);
const compiler = require('compiler-js/rollup');

/** A stand-in for the plugin context's `error`, which throws what it is given. */
const context = {
  error(props) {
    throw Object.assign(new Error(props.message), props);
  },
};

describe('compiler-js/rollup plugin hooks', () => {
  const dir = tempDir({
    'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true, "jsx": "react", "jsxFactory": "h" } }',
    'src/a.tsx': 'export const a = (n: number) => <b>{n}</b>;\n',
  });
  const file = path.join(dir, 'src/a.tsx');
  const source = fs.readFileSync(file, 'utf8');

  test('module.exports is the factory; the same module is compiler-js/vite', () => {
    assert.equal(typeof compiler, 'function');
    assert.equal(require('compiler-js/vite'), compiler);
    const plugin = compiler();
    assert.equal(plugin.name, 'compiler-js');
    assert.equal(plugin.enforce, 'pre');
  });

  test('transform: TypeScript/JSX with tsconfig defaults, a source map, moduleType js', async () => {
    const out = await compiler().transform.call(context, source, file);
    assert.equal(out.code, 'export const a = (n)=>/*#__PURE__*/ h("b", null, n);\n');
    assert.equal(out.moduleType, 'js');
    const map = JSON.parse(out.map);
    assert.deepEqual(map.sources, [file]);
    assert.equal(map.sourcesContent[0], source);
  });

  test('transform: query strings ignored; node_modules, virtual ids and other extensions skipped', async () => {
    const plugin = compiler({ jsx: { pragma: 'createElement' } });
    const withQuery = await plugin.transform.call(context, source, `${file}?v=123&lang.tsx`);
    assert.match(withQuery.code, /createElement\("b"/);
    assert.deepEqual(JSON.parse(withQuery.map).sources, [file]);
    assert.equal(await plugin.transform.call(context, source, path.join(dir, 'node_modules/pkg/a.tsx')), null);
    assert.equal(await plugin.transform.call(context, source, '\0virtual:a.tsx'), null);
    assert.equal(await plugin.transform.call(context, 'body {}', path.join(dir, 'a.css')), null);
    for (const ext of ['.ts', '.tsx', '.jsx', '.js', '.mts', '.cts']) {
      const out = await plugin.transform.call(context, 'export const x = 1;\n', path.join(dir, `x${ext}`));
      assert.equal(out?.code, 'export const x = 1;\n', ext);
    }
  });

  test('transform: include/exclude filters', async () => {
    const plugin = compiler({ include: ['**/*.ts'], exclude: [/skip/] });
    assert.equal(await plugin.transform.call(context, source, file), null, '.tsx not included');
    assert.ok(await plugin.transform.call(context, 'export const x: number = 1;', path.join(dir, 'x.ts')));
    assert.equal(await plugin.transform.call(context, 'export const x: number = 1;', path.join(dir, 'skip.ts')), null);
  });

  test('transform: errors go through this.error with id, loc (0-based column), frame and message', async () => {
    const bad = 'const ok = 1;\nconst broken = ;\n';
    await assert.rejects(compiler().transform.call(context, bad, path.join(dir, 'bad.ts')), (err) => {
      assert.equal(err.id, path.join(dir, 'bad.ts'));
      assert.deepEqual(err.loc, { file: path.join(dir, 'bad.ts'), line: 2, column: 15 });
      assert.match(err.frame, /> 2 \| const broken = ;\n\s+\|\s+\^/);
      assert.equal(err.message, 'Expression expected');
      return true;
    });
  });

  test('renderChunk: minifies only with `minify`, with a map when the output has one', async () => {
    const code = 'export function add(first, second) {\n  return first + second;\n}\n';
    assert.equal(await compiler().renderChunk(code, { fileName: 'a.js' }, { format: 'es', sourcemap: true }), null);
    const out = await compiler({ minify: true }).renderChunk(code, { fileName: 'a.js' }, { format: 'es', sourcemap: true });
    assert.equal(out.code, 'export function add(n,r){return n+r}');
    assert.equal(JSON.parse(out.map).version, 3);
    const cjs = await compiler({ minify: { mangle: false } }).renderChunk('function helper(value) { return value * 2 }\nexports.x = helper;\n', { fileName: 'a.cjs' }, { format: 'cjs' });
    assert.equal(cjs.map, null);
    assert.doesNotMatch(cjs.code, /\n/);
  });

  test('resolveId (plain Rollup): extensionless and .js-for-.ts relative imports', () => {
    const d = tempDir({ 'src/index.ts': '', 'src/util.ts': '', 'src/view.tsx': '', 'src/lib/index.ts': '', 'src/plain.js': '' });
    const importer = path.join(d, 'src/index.ts');
    const plugin = compiler();
    assert.equal(plugin.resolveId('./util', importer), path.join(d, 'src/util.ts'));
    assert.equal(plugin.resolveId('./util.js', importer), path.join(d, 'src/util.ts'));
    assert.equal(plugin.resolveId('./view', importer), path.join(d, 'src/view.tsx'));
    assert.equal(plugin.resolveId('./lib', importer), path.join(d, 'src/lib/index.ts'));
    assert.equal(plugin.resolveId('./plain.js', importer), null, 'existing files are left to Rollup');
    assert.equal(plugin.resolveId('react', importer), null);
  });

  test('Vite: config turns off Oxc (Vite 8) or limits esbuild to no file (earlier), and reads jsx/define', async () => {
    const plugin = compiler({ define: { MODE: '"mine"' } });
    const vite8 = plugin.config.handler.call(
      { meta: { viteVersion: '8.3.8' } },
      { oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Frag' } }, define: { MODE: '"vite"', __VERSION__: 2, 'import.meta.env.X': '1' } },
    );
    assert.equal(plugin.config.order, 'post');
    assert.deepEqual(vite8, { oxc: false });
    plugin.configResolved({ isProduction: true });
    const out = await plugin.transform.call(context, 'export default [<></>, MODE, __VERSION__];', path.join(os.tmpdir(), 'v.jsx'));
    assert.equal(out.code, 'export default [\n    /*#__PURE__*/ h(Frag, null),\n    "mine",\n    2\n];\n');

    const vite6 = compiler();
    const result = vite6.config.handler.call({ meta: { rollupVersion: '4.0.0' } }, { esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false } });
    assert.ok(result.esbuild.include instanceof RegExp);
    assert.ok(!['a.ts', 'b.tsx', 'c.jsx', 'd.mts'].some((f) => result.esbuild.include.test(f)));
    vite6.configResolved({ isProduction: false });
    const dev = await vite6.transform.call(context, 'export default <a/>;', path.join(os.tmpdir(), 'w.jsx'));
    assert.match(dev.code, /^import \{ jsx as _jsx \} from "preact\/jsx-runtime";/, 'jsxDev: false from the Vite config wins');

    const serve = compiler();
    serve.config.handler.call(undefined, {});
    serve.configResolved({ isProduction: false });
    const devMode = await serve.transform.call(context, 'export default <a/>;', path.join(os.tmpdir(), 'x.jsx'));
    assert.match(devMode.code, /jsx-dev-runtime/, 'development JSX when Vite is not building for production');
  });
});

describe('examples/rollup-lib: plain Rollup with minify', () => {
  const app = path.join(examplesRoot, 'rollup-lib');
  const outs = [];
  after(() => outs.forEach((out) => fs.rmSync(out, { recursive: true, force: true })));

  async function build(minify) {
    const { rollup } = require(require.resolve('rollup', { paths: [app] }));
    const config = (await import(pathToFileURL(path.join(app, 'rollup.config.mjs')).href)).default;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-rollup-'));
    outs.push(out);
    const plugins = minify ? config.plugins : [compiler({ target: 'es2019' })];
    const bundle = await rollup({ input: path.join(app, config.input), plugins });
    for (const output of config.output) await bundle.write({ ...output, file: path.join(out, path.basename(output.file)) });
    await bundle.close();
    return out;
  }

  test('the bundles run, are minified, and map back to the TypeScript sources', async () => {
    const out = await build(true);
    const esm = await import(pathToFileURL(path.join(out, 'stats.mjs')).href);
    const cjs = require(path.join(out, 'stats.cjs'));
    for (const lib of [esm, cjs]) {
      assert.equal(lib.mean([1, 2, 3, 6]), 3);
      assert.equal(lib.median([5, 1, 4, 2]), 3);
      assert.equal(lib.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 2);
      const h = new lib.Histogram(0, 10, 5).add(1, 3, 3, 9.5, 11);
      assert.deepEqual(h.buckets.map((b) => b.count), [1, 2, 0, 0, 1]);
      assert.equal(h.total, 4);
    }

    const code = fs.readFileSync(path.join(out, 'stats.mjs'), 'utf8');
    const [body, ...rest] = code.split('\n');
    assert.ok(body.startsWith('/*! example-rollup-lib | MIT */function '), 'the /*! banner is kept (format.comments: some)');
    assert.deepEqual(rest, ['//# sourceMappingURL=stats.mjs.map', ''], 'one line of code');
    assert.doesNotMatch(body, /squaredDifferences|readonly|: number|\/\*\*/, 'names mangled, types and doc comments gone');
    const plain = fs.readFileSync(path.join(await build(false), 'stats.mjs'), 'utf8');
    assert.ok(code.length < plain.length * 0.6, `${code.length} bytes minified vs ${plain.length}`);

    const map = JSON.parse(fs.readFileSync(path.join(out, 'stats.mjs.map'), 'utf8'));
    assert.deepEqual(map.sources.map((s) => path.relative(app, path.resolve(out, s))), ['src/stats.ts', 'src/histogram.ts']);
    const statsFile = path.join(app, 'src/stats.ts');
    await SourceMapConsumer.with(map, null, (consumer) => {
      const column = body.indexOf('Math.sqrt');
      const original = consumer.originalPositionFor({ line: 1, column });
      assert.ok(original.source.endsWith('src/stats.ts'), original.source);
      assert.equal(original.line, lineOf(statsFile, 'Math.sqrt'));
    });
  });
});
