// `using` and `await using` (explicit resource management) are lowered for every target but
// esnext: the output parses at the target's ECMAScript version and, run on this Node (20,
// which has no `using`), disposes in reverse order and suppresses errors as the proposal says.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as acorn from 'acorn';

import { transformSync } from '../dist/index.js';

const source = `
const log: string[] = [];
function res(name: string, fail = false) {
  return { [Symbol.dispose]() { log.push('dispose ' + name); if (fail) throw new Error(name); } };
}
function ares(name: string) {
  return { async [Symbol.asyncDispose]() { await null; log.push('async dispose ' + name); } };
}
export async function run() {
  {
    using a = res('a');
    using b = res('b');
    log.push('body');
  }
  try {
    using a = res('A', true);
    using b = res('B', true);
    throw new Error('E');
  } catch (e: any) {
    log.push(\`\${e.name}: \${e.error.message} / \${e.suppressed.name}: \${e.suppressed.error.message} / \${e.suppressed.suppressed.message}\`);
  }
  {
    await using c = ares('c');
    using d = res('d');
    log.push('async body');
  }
  for (using e of [res('e1'), res('e2')]) log.push('loop');
  return log;
}
`;

const expected = [
  'body', 'dispose b', 'dispose a',
  'dispose B', 'dispose A', 'SuppressedError: A / SuppressedError: B / E',
  'async body', 'dispose d', 'async dispose c',
  'loop', 'dispose e1', 'loop', 'dispose e2',
];

for (const [target, ecmaVersion] of [['es5', 5], ['es2015', 2015], ['es2017', 2017], ['es2020', 2020], ['es2022', 2022], ['chrome 100', 2022]]) {
  test(`using declarations at ${target}: parse as ES${ecmaVersion}, dispose in order, suppress errors`, async () => {
    const options = target.startsWith('es') ? { target } : { targets: target };
    const { code } = transformSync(source, { filename: 'using.ts', module: 'commonjs', ...options });
    assert.doesNotMatch(code, /\busing [a-z] =/);
    acorn.parse(code, { ecmaVersion, sourceType: 'script' });
    const exports = {};
    new Function('exports', 'require', 'module', code)(exports, () => assert.fail('no require expected'), { exports });
    assert.deepEqual(await exports.run(), expected);
  });
}

test('esnext leaves using declarations as written', () => {
  const { code } = transformSync('{ using a = f(); }\n', { filename: 'a.js', target: 'esnext' });
  assert.equal(code.trim(), '{\n    using a = f();\n}');
});
