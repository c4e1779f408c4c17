import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SourceMapConsumer } from 'source-map';

import { minifySync, transformSync } from '../dist/index.js';

/** Line (1-based) and column (0-based) of the first `needle` in `text`. */
function positionOf(text, needle) {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, `${needle} not found`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

const input = [
  'interface Point { x: number; y: number }',
  '',
  'export function distance(a: Point, b: Point): number {',
  '  const dx: number = a.x - b.x;',
  '  return Math.hypot(dx, a.y - b.y);',
  '}',
  '',
].join('\n');

describe('source maps', () => {
  test('a name in the output maps back to its line and column in the input', async () => {
    const { code, map } = transformSync(input, { filename: 'geo.ts', sourceMaps: true });
    assert.ok(map);
    const parsed = JSON.parse(map);
    assert.deepEqual(parsed.sources, ['geo.ts']);
    assert.deepEqual(parsed.sourcesContent, [input]);
    await SourceMapConsumer.with(parsed, null, (consumer) => {
      for (const name of ['distance', 'dx', 'Math']) {
        const original = consumer.originalPositionFor(positionOf(code, name));
        assert.equal(original.source, 'geo.ts');
        assert.deepEqual({ line: original.line, column: original.column }, positionOf(input, name), name);
      }
    });
  });

  test('an inline input map is chained: positions point at the original file', async () => {
    // Step 1: TS → JS with an inline map, as a previous tool would leave it.
    const first = transformSync(input, { filename: 'geo.ts', sourceMaps: 'inline', target: 'esnext' });
    assert.match(first.code, /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,/);
    // Step 2: that JS → ES5 CommonJS, reading the inline map by default.
    const second = transformSync(first.code, { filename: 'geo.js', sourceMaps: true, target: 'es5', module: 'commonjs' });
    assert.doesNotMatch(second.code, /sourceMappingURL/);
    const parsed = JSON.parse(second.map);
    assert.deepEqual(parsed.sources, ['geo.ts']);
    await SourceMapConsumer.with(parsed, null, (consumer) => {
      const original = consumer.originalPositionFor(positionOf(second.code, 'hypot'));
      assert.equal(original.source, 'geo.ts');
      assert.deepEqual({ line: original.line, column: original.column }, positionOf(input, 'hypot'));
    });
  });

  test('an input map given as JSON text is chained', async () => {
    const first = transformSync(input, { filename: 'geo.ts', sourceMaps: true, target: 'esnext' });
    const second = transformSync(first.code, { filename: 'geo.js', sourceMaps: true, inputSourceMap: first.map });
    await SourceMapConsumer.with(JSON.parse(second.map), null, (consumer) => {
      const original = consumer.originalPositionFor(positionOf(second.code, 'dx'));
      assert.equal(original.source, 'geo.ts');
      assert.equal(original.line, 4);
    });
  });

  test('inputSourceMap: false ignores the inline map', () => {
    const first = transformSync(input, { filename: 'geo.ts', sourceMaps: 'inline' });
    const second = transformSync(first.code, { filename: 'geo.js', sourceMaps: true, inputSourceMap: false });
    assert.deepEqual(JSON.parse(second.map).sources, ['geo.js']);
  });

  test('a broken inline map is an INVALID_OPTION error, not a crash', () => {
    const code = 'export const a = 1;\n//# sourceMappingURL=data:application/json;base64,bm90IGpzb24=\n';
    assert.throws(() => transformSync(code, { filename: 'a.js', sourceMaps: true }), (err) => {
      assert.equal(err.code, 'INVALID_OPTION');
      assert.match(err.message, /inputSourceMap/);
      return true;
    });
  });

  test('maps carry names: a mangled parameter maps back to `person`, through transform, minify and both chained', async () => {
    const ts = 'export function greet(person: { name: string }): string {\n  const greeting = "hello " + person.name;\n  return greeting;\n}\n';
    const nameAt = async (code, map, needle) => {
      const at = positionOf(code, needle);
      return SourceMapConsumer.with(map, null, (c) => c.originalPositionFor(at));
    };
    // Transform: the map names each identifier.
    const js = transformSync(ts, { filename: 'greet.ts', sourceMaps: true });
    const jsMap = JSON.parse(js.map);
    for (const name of ['greet', 'person', 'greeting', 'name']) assert.ok(jsMap.names.includes(name), name);
    assert.equal((await nameAt(js.code, js.map, 'person')).name, 'person');

    // Minify alone: `person` is mangled to one letter, and the map still says `person`.
    const min = minifySync(js.code, { module: true, sourceMap: {} });
    const param = /function greet\((\w)\)/.exec(min.code)[1];
    assert.notEqual(param, 'person');
    const alone = await nameAt(min.code, min.map, `(${param})`.slice(1));
    assert.equal(alone.name, 'person');

    // Chained onto the transform's map: the original TypeScript position and the name.
    const chained = minifySync(js.code, { module: true, sourceMap: { content: js.map } });
    const p = await nameAt(chained.code, chained.map, `(${param})`.slice(1));
    assert.deepEqual([p.source, p.line, p.column, p.name], ['greet.ts', 1, 22, 'person']);

    // In one call (transform with minify).
    const both = transformSync(ts, { filename: 'greet.ts', sourceMaps: true, minify: { module: true } });
    const q = await nameAt(both.code, both.map, `(${/function greet\((\w)\)/.exec(both.code)[1]})`.slice(1));
    assert.deepEqual([q.line, q.column, q.name], [1, 22, 'person']);
  });
});
