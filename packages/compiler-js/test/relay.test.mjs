// `relay`: which artifact each `graphql` template becomes, against babel-plugin-relay (the
// reference the issue names) and Next.js's binding, and errors where babel-plugin-relay
// errs. What users see is the file that is loaded, so artifacts are compared as resolved
// absolute paths. One difference is on purpose and pinned below: Next.js writes absolute
// specifiers, we write them relative to the file, as babel-plugin-relay does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';

import { repoRoot, tempDir } from './helpers.mjs';

const require = createRequire(import.meta.url);
const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { transformSync, createCompiler } = api.default ?? api;
const babel = require('@babel/core');

const extension = { typescript: '.ts', javascript: '.js', flow: '.js' };

/** The artifacts a compiled file loads, resolved from its directory, in source order. */
function artifacts(code, file) {
  return [...code.matchAll(/(?:require\(|from )"([^"]*\.graphql(?:\.[jt]s)?)"/g)].map((m) => path.resolve(path.dirname(file), m[1]));
}

function ours(source, file, relay) {
  return transformSync(source, { filename: file, target: 'esnext', relay }).code;
}

function babelArtifacts(source, file, relay) {
  const { code } = babel.transformSync(source, {
    filename: file, babelrc: false, configFile: false,
    parserOpts: { plugins: ['jsx', 'typescript'] },
    plugins: [[require.resolve('babel-plugin-relay'), relay.artifactDirectory ? { artifactDirectory: relay.artifactDirectory } : {}]],
  });
  // babel-plugin-relay hoists its imports in reverse and leaves the extension to the resolver.
  return artifacts(code, file).reverse().map((p) => p + extension[relay.language ?? 'javascript']);
}

const sources = [
  ['a query', 'import { graphql } from "react-relay";\nexport const q = graphql`query AppQuery($id: ID!) { node(id: $id) { id } }`;\n'],
  ['a fragment', 'export const f = graphql`\n  fragment App_user on User { name ...Avatar_user }\n`;\n'],
  ['a mutation and a subscription', 'export const m = graphql`mutation LikeMutation($i: LikeInput!) { like(input: $i) { ok } }`;\nexport const s = graphql`subscription FeedSubscription { feed { id } }`;\n'],
  ['in hooks and JSX', 'import { useFragment } from "react-relay";\nexport const C = (p) => <I q={useFragment(graphql`fragment C_item on Item { id }`, p.item)} r={graphql`fragment C_other on Item { id }`} />;\n'],
  ['names past comments and strings', 'export const q = graphql`\n  # query Wrong { a }\n  query Right($s: String = "query Nope { a }") @preloadable { a(s: $s, o: {k: """fragment N on X"""}) }\n`;\n'],
  ['refetchable with directives', 'export const f = graphql`fragment List_query on Query @refetchable(queryName: "ListPaginationQuery") @argumentDefinitions(n: {type: "Int", defaultValue: 10}) { items(first: $n) @connection(key: "List_items") { edges { node { id } } } }`;\n'],
  ['inline fragments', 'export const f = graphql`fragment Node_node on Node { ... on User { name } ... @include(if: true) { id } }`;\n'],
];
const files = ['/repo/src/App.tsx', '/repo/src/components/deep/Card.tsx'];
const settings = [
  { src: './src', language: 'typescript' },
  { src: './src', language: 'javascript' },
  { src: './src', language: 'flow' },
  { src: './src', language: 'typescript', artifactDirectory: '/repo/src/__generated__' },
  { src: './src', language: 'javascript', artifactDirectory: '/repo/generated/relay' },
  { src: './src', language: 'typescript', eagerEsModules: true },
];

describe('relay: the same artifacts as babel-plugin-relay', () => {
  for (const [name, source] of sources) {
    test(name, () => {
      for (const file of files) {
        for (const relay of settings) {
          const want = babelArtifacts(source, file, relay);
          assert.ok(want.length > 0, 'babel-plugin-relay compiled something');
          assert.deepEqual(artifacts(ours(source, file, relay), file), want, `${file} ${JSON.stringify(relay)}`);
        }
      }
    });
  }

  const invalid = [
    ['an unnamed operation', 'graphql`{ viewer { id } }`', 1, 9],
    ['an unnamed query', 'const q = graphql`query { a }`', 1, 19],
    ['a malformed document', 'const q = graphql`\n  query Broken { viewer { } }`', 2, 27],
    ['an unterminated document', 'const q = graphql`query Q { a `', 1, 31],
    ['an empty template', 'const q = graphql``', 1, 19],
    ['a substitution', 'const q = graphql`query Q { ${x} }`', 1, 31],
    ['two definitions', 'const q = graphql`query A { a } query B { b }`', 1, 33],
    ['a type definition', 'const q = graphql`type T { a: Int }`', 1, 19],
  ];
  for (const [name, source, line, column] of invalid) {
    test(`${name} is an error in both, at its place in the template`, () => {
      assert.throws(() => babel.transformSync(source, { filename: '/repo/a.js', babelrc: false, configFile: false, plugins: [require.resolve('babel-plugin-relay')] }));
      assert.throws(() => ours(source, '/repo/a.js', { src: '.' }), (err) => {
        assert.equal(err.name, 'CompilerError');
        const [d] = err.errors;
        assert.deepEqual([d.filename, d.line, d.column], ['/repo/a.js', line, column]);
        assert.match(d.message, /^relay: /);
        return true;
      });
    });
  }
});

// ---------------------------------------------------------------------------------------
let next;
before(async () => {
  next = await require('next/dist/build/swc').loadBindings();
});

function nextCode(source, file, relay) {
  const { getLoaderSWCOptions } = require('next/dist/build/swc/options');
  const o = getLoaderSWCOptions({
    filename: file, development: false, isServer: true, isPageFile: false, hasReactRefresh: false,
    relativeFilePathFromRoot: file, jsConfig: {}, esm: true, compilerOptions: { relay },
  });
  o.jsc.target = 'es2022';
  delete o.env;
  return next.transformSync(source, { ...o, filename: file }).code;
}

describe('relay: the same artifacts as Next.js', () => {
  test('every source, file and setting, the artifact directory relative to the project', () => {
    // Next.js reads a relative artifactDirectory from the working directory (the project).
    const local = [...settings.filter((s) => !s.artifactDirectory), { src: './src', language: 'typescript', artifactDirectory: './src/__generated__' }];
    for (const [, source] of sources) {
      for (const file of files) {
        for (const relay of local) {
          const want = artifacts(nextCode(source, file, relay), file);
          assert.ok(want.length > 0);
          assert.deepEqual(artifacts(ours(source, file, relay), file), want, `${file} ${JSON.stringify(relay)}`);
        }
      }
    }
  });

  test('on purpose: our specifiers are relative to the file (as Babel writes them), Next.js writes absolute paths', () => {
    const source = 'export const q = graphql`query AppQuery { a }`;\n';
    const relay = { src: './src', language: 'typescript' };
    assert.match(nextCode(source, '/repo/src/App.tsx', relay), /require\("\/repo\/src\/\.\/__generated__\/AppQuery\.graphql\.ts"\)/);
    assert.equal(ours(source, '/repo/src/App.tsx', relay), 'export const q = require("./__generated__/AppQuery.graphql.ts");\n');
  });

  test('on purpose: a template Next.js leaves to throw at run time is a compile error', () => {
    const source = 'export const q = graphql`{ viewer { id } }`;\n';
    assert.match(nextCode(source, '/repo/a.js', { src: '.' }), /graphql`\{ viewer \{ id \} \}`/);
    assert.throws(() => ours(source, '/repo/a.js', { src: '.' }), /relay: GraphQL operations and fragments must contain names/);
  });
});

// ---------------------------------------------------------------------------------------
describe('relay: artifacts load', () => {
  const files = {
    'package.json': '{ "type": "commonjs" }\n',
    'src/main.ts': 'import { card, list } from "./components/Card";\nconsole.log(card.name, list.name);\n',
    'src/components/Card.ts': 'export const card = graphql`fragment Card_item on Item { id }`.default;\nexport const list = graphql`query ListQuery { items { ...Card_item } }`.default;\n',
    'src/__generated__/Card_item.graphql.ts': 'const node = { name: "Card_item" };\nexport default node;\n',
    'src/__generated__/ListQuery.graphql.ts': 'const node = { name: "ListQuery" };\nexport default node;\n',
  };

  test('a build links and runs them, from an artifactDirectory relative to the project', async () => {
    const dir = tempDir(files);
    const compiler = createCompiler({
      cwd: dir, entries: ['src/main.ts'], outDir: 'dist', module: 'commonjs', cache: false,
      relay: { src: './src', language: 'typescript', artifactDirectory: './src/__generated__' },
    });
    const result = await compiler.build();
    assert.equal(result.errors, 0);
    await compiler.close();
    const run = spawnSync(process.execPath, [path.join(dir, 'dist/main.js')], { encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'Card_item ListQuery\n');
  });

  test('transformSync with an absolute file name reads a relative artifactDirectory from the working directory', () => {
    const dir = tempDir({});
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const code = ours('export const q = graphql`query AppQuery { a }`;\n', path.join(dir, 'src/pages/App.tsx'), { src: './src', artifactDirectory: 'src/__generated__' });
      assert.equal(code, 'export const q = require("../__generated__/AppQuery.graphql.js");\n');
    } finally {
      process.chdir(cwd);
    }
  });
});
