// examples/jest-app's coverage through compiler-js/jest (our instrumenter) equals babel-jest's
// (babel-plugin-istanbul), file by file: `jest --coverage` runs once with each transformer,
// cold, and the two coverage-final.json files are compared, counts, maps and hashes.
//
// The suites of the decorated CartStore (store.test.ts, Cart.test.tsx) are left out of both
// runs: Babel's legacy decorators define a decorated field on the instance, over the accessor
// the decorator put on the prototype, where TypeScript assigns through it, so those tests fail
// under babel-jest whatever the coverage. The app's other decorated class (PriceList) runs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

import { examplesRoot, requireFromRoot, runNode } from './support/examples.mjs';

const app = path.join(examplesRoot, 'jest-app');
const jestBin = path.join(path.dirname(requireFromRoot.resolve('jest/package.json')), 'bin/jest.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-jest-coverage-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

async function coverage(name, config) {
  const dir = path.join(work, name);
  const r = await runNode(
    jestBin,
    [
      '--ci', '--runInBand', '--config', config, '--cacheDirectory', path.join(dir, 'jest-cache'),
      '--coverage', '--coverageProvider=babel', '--coverageReporters=json', '--coverageDirectory', dir,
      '--testPathIgnorePatterns', '/store\\.test\\.ts$', '/Cart\\.test\\.tsx$',
    ],
    { cwd: app, env: { COMPILER_CACHE_DIR: path.join(dir, 'compiler-cache') } },
  );
  assert.equal(r.code, 0, r.stdout + r.stderr);
  return JSON.parse(fs.readFileSync(path.join(dir, 'coverage-final.json'), 'utf8'));
}

const ours = await coverage('ours', 'jest.config.js');
const babel = await coverage('babel', 'jest.babel.config.js');
const relative = (file) => path.relative(app, file);

/** `covered/total` of statements, branches (paths) and functions, as Jest's tables count them. */
function summary(c) {
  const ratio = (counts) => `${counts.filter((n) => n > 0).length}/${counts.length}`;
  return `statements ${ratio(Object.values(c.s))}, branches ${ratio(Object.values(c.b).flat())}, functions ${ratio(Object.values(c.f))}`;
}

test('both report the same files: every source file, loaded or not', () => {
  assert.deepEqual(Object.keys(ours).map(relative).sort(), Object.keys(babel).map(relative).sort());
  assert.ok(Object.keys(ours).length >= 17);
});

for (const file of Object.keys(babel).sort()) {
  const name = relative(file);
  if (name === 'src/components/Card.tsx') continue;
  test(`${name}: the same coverage as babel-jest (${summary(babel[file])})`, () => {
    assert.deepEqual(ours[file], babel[file]);
  });
}

test('src/lib/pricing.ts: the cases babel-jest gets right and swc-based transformers do not', () => {
  const c = ours[path.join(app, 'src/lib/pricing.ts')];
  const source = fs.readFileSync(path.join(app, 'src/lib/pricing.ts'), 'utf8').split('\n');
  const line = (text) => source.findIndex((l) => l.includes(text)) + 1;
  // Nothing of the functions under `istanbul ignore next` before their `export`.
  const statementLines = Object.values(c.statementMap).map((l) => l.start.line);
  assert.ok(!statementLines.includes(line('JSON.stringify(quote')), 'debugQuote ignored');
  assert.ok(!statementLines.includes(line("typeof window === 'undefined'")), 'onServer ignored');
  // The if without else, never taken: its implicit else is the path that counted.
  const ifBranch = Object.entries(c.branchMap).find(([, b]) => b.type === 'if' && b.loc.start.line === line('if (quote.discount)'));
  assert.deepEqual(c.b[ifBranch[0]], [0, 3], "the `if` never, its implicit `else` three times");
  // `istanbul ignore else` leaves only the `if` path.
  const ignoredElse = Object.entries(c.branchMap).find(([, b]) => b.type === 'if' && b.loc.start.line === line('quote.subtotal >= 0'));
  assert.equal(ignoredElse[1].locations.length, 1);
  // `??` and default parameters are branches.
  const types = Object.values(c.branchMap).map((b) => b.type);
  assert.ok(types.includes('binary-expr') && types.includes('default-arg') && types.includes('switch'));
  // The re-export barrel has nothing to count.
  assert.equal(Object.keys(ours[path.join(app, 'src/lib/index.ts')].statementMap).length, 0);
});

// styled-jsx's Babel plugin copies a dynamic style's expression into each element's class
// name before babel-plugin-istanbul walks the file, so babel-jest counts the one ternary of
// Card.tsx as four branches (two of them with no location). We instrument the source before
// styled-jsx runs: one branch, at its place in the source. Everything else is equal.
test('src/components/Card.tsx: one branch for the one ternary (babel-jest counts styled-jsx’s copies too)', () => {
  const file = path.join(app, 'src/components/Card.tsx');
  const [a, b] = [ours[file], babel[file]];
  assert.deepEqual(a.statementMap, b.statementMap);
  assert.deepEqual([a.s, a.fnMap, a.f], [b.s, b.fnMap, b.f]);
  assert.deepEqual(a.branchMap, { 0: b.branchMap[0], 1: b.branchMap[1] });
  const copies = Object.entries(b.branchMap).filter(([id]) => id > 1);
  assert.equal(copies.length, 3);
  for (const [, copy] of copies) assert.deepEqual(copy.loc, b.branchMap[1].loc, 'a copy of the ternary');
  assert.ok(a.b[1].every((n) => n > 0), 'both colours rendered');
});
