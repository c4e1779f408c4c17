// Our instrumenter against istanbul-lib-instrument 6.0.3 (the oracle), on every file of the
// real corpus: the statement, function and branch maps, location for location, and the
// coverage object's hash (which covers the maps' order and shape as JSON). Run by
// `npm run test:corpus` at the root.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

import { realCorpus } from '../corpus.mjs';
import { istanbulCoverage, ourCoverage } from '../istanbul.mjs';

/** The first place two coverage objects differ, as `key.path: ours ≠ theirs`. */
function firstDifference(a, b, at = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${at}.${key}`);
    if (d) return d;
  }
  return `${at}: key order`;
}

test('every file of the real corpus: our statement, function and branch maps are istanbul-lib-instrument\'s', () => {
  const corpus = realCorpus();
  const differences = [];
  let statements = 0;
  let functions = 0;
  let branches = 0;
  let ignored = 0;
  for (const file of corpus) {
    const theirs = istanbulCoverage(file.code, file.path);
    const ours = ourCoverage(file.code, file.path);
    if (!ours) {
      // `istanbul ignore file`: neither instruments; Istanbul's object stays empty.
      assert.match(file.code, /istanbul\s+ignore\s+file/, `${file.name}: no coverage object`);
      assert.deepEqual([theirs.statementMap, theirs.fnMap, theirs.branchMap], [{}, {}, {}], file.name);
      ignored += 1;
      continue;
    }
    statements += Object.keys(theirs.statementMap).length;
    functions += Object.keys(theirs.fnMap).length;
    branches += Object.keys(theirs.branchMap).length;
    const d = firstDifference(ours.coverage, theirs);
    if (d) {
      differences.push(`${file.name}${d}`);
      continue;
    }
    // Istanbul's hash: SHA-1 of the object (with its schema key) as JSON.
    const json = JSON.stringify({ ...theirs, _coverageSchema: '1a1c01bbd47fc00a2c39e90264f33305004495a9' });
    assert.equal(ours.hash, createHash('sha1').update(json).digest('hex'), `${file.name}: hash`);
  }
  console.log(`${corpus.length} files (${ignored} under \`istanbul ignore file\`), ${statements} statements, ${functions} functions, ${branches} branches compared`);
  assert.deepEqual(differences.slice(0, 30), [], `${differences.length} of ${corpus.length} files differ`);
});
