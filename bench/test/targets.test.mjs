// Every output of the real corpus runs on its target: each file, compiled for es5, es2015,
// es2017, es2020 and es2022 (ES modules, automatic JSX), parses with acorn at that version.
// The only syntax allowed through is what no pass can lower, and each use of it is listed:
// BigInt literals, `import.meta`, and `import()` (ES2020: in ES module output the bundler or
// the host loads it; CommonJS output turns it into `require`). @swc/core with the same
// targets is the comparison. Run by `npm run test:corpus` at the root, which installs the
// corpus (bench/package.json) first.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as acorn from 'acorn';

import { realCorpus } from '../corpus.mjs';
import { ours } from '../transformers.mjs';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');

const TARGETS = { es5: 5, es2015: 2015, es2017: 2017, es2020: 2020, es2022: 2022 };

/** What cannot be lowered, by the text at the position acorn stops at. */
const UNLOWERABLE = [
  { name: 'BigInt literal', edition: 2020 },
  { name: 'import.meta', edition: 2020, at: /^import\s*\.\s*meta/ },
  { name: 'import()', edition: 2020, at: /^import\s*\(/ },
];

/**
 * The unlowerable syntax in `code`, found by parsing at `ecmaVersion` and, at each stop on
 * one of the listed kinds, blanking it out and parsing again; `{ listed, error }` where
 * `error` is the first stop that is not listed (an unlowered construct).
 */
function check(code, ecmaVersion) {
  const listed = [];
  for (;;) {
    try {
      acorn.parse(code, { ecmaVersion, sourceType: 'module' });
      return { listed };
    } catch (e) {
      if (!(e instanceof SyntaxError) || e.pos === undefined) throw e;
      const kind = classify(code, e.pos);
      if (!kind || kind.edition <= ecmaVersion || listed.length > 10_000) return { listed, error: `${e.message}: ${excerpt(code, e.pos)}` };
      listed.push(kind.name);
      code = blank(code, e.pos, kind);
    }
  }
}

function classify(code, pos) {
  // acorn stops at the `n` of a BigInt, and at the `import` of the others (or the token after it).
  if (code[pos] === 'n' && /[\d_a-fA-F]$/.test(code.slice(0, pos))) return UNLOWERABLE[0];
  for (const start of [pos, code.lastIndexOf('import', pos)]) {
    if (start < 0 || pos - start > 16) continue;
    const kind = UNLOWERABLE.slice(1).find((k) => k.at.test(code.slice(start)));
    if (kind) return kind;
  }
  return undefined;
}

/** The same code with the construct at `pos` made into same-length text every edition parses. */
function blank(code, pos, kind) {
  if (kind.name === 'BigInt literal') return `${code.slice(0, pos)} ${code.slice(pos + 1)}`;
  // `_mport(…)` is a call and `_mport.meta` a member.
  const start = code.lastIndexOf('import', pos);
  return `${code.slice(0, start)}_mport${code.slice(start + 'import'.length)}`;
}

const excerpt = (code, pos) => JSON.stringify(code.slice(Math.max(0, pos - 40), pos + 40));

const COMPILERS = {
  'compiler-js': (f, target) => ours().transformSync(f.code, { filename: f.name, target, module: 'esm', jsx: { runtime: 'automatic' } }).code,
  '@swc/core': (f, target) =>
    swc.transformSync(f.code, {
      filename: f.name,
      jsc: { target, parser: { syntax: 'typescript', tsx: f.name.endsWith('.tsx'), decorators: true }, transform: { react: { runtime: 'automatic' } } },
      module: { type: 'es6' },
    }).code,
};

test('every output of the real corpus parses at its target, but for syntax that cannot be lowered', (t) => {
  const corpus = realCorpus();
  assert.ok(corpus.length > 3000, `${corpus.length} files`);
  const failures = { 'compiler-js': [], '@swc/core': [] };
  for (const [target, ecmaVersion] of Object.entries(TARGETS)) {
    for (const [compiler, compile] of Object.entries(COMPILERS)) {
      const listed = new Map();
      for (const f of corpus) {
        const result = check(compile(f, target), ecmaVersion);
        if (result.error) failures[compiler].push(`${target} ${f.name}: ${result.error}`);
        for (const name of result.listed) listed.set(name, (listed.get(name) ?? 0) + 1);
      }
      const uses = [...listed].map(([name, n]) => `${name} ×${n}`).join(', ') || 'none';
      t.diagnostic(`${compiler} ${target}: unlowerable syntax kept: ${uses}`);
    }
  }
  t.diagnostic(`@swc/core, the comparison: ${failures['@swc/core'].length} outputs with syntax newer than their target`);
  for (const f of failures['@swc/core']) t.diagnostic(`  @swc/core ${f}`);
  assert.deepEqual(failures['compiler-js'], []);
});

test('the classifier stops at what it lists and at nothing else', () => {
  assert.deepEqual(check('let a = 10n + 0x1fn; export const u = import.meta.url; import("x");', 2019).listed, ['BigInt literal', 'BigInt literal', 'import.meta', 'import()']);
  assert.match(check('let a = 10n; class A { x = 1 }', 2020).error, /Unexpected token/);
  assert.match(check('let a = 10n; a ??= 1;', 2019).error, /Unexpected token/);
  assert.deepEqual(check('let a = 10n;', 2020), { listed: [] });
});
