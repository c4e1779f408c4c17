// Differential tests against Next.js's own compiler (the `next` package's native binding):
// the same inputs and options through both, then what matters is compared — the modules
// each output requires, the console calls it makes, what `run()` returns and the HTML its
// component renders. Deliberate differences are asserted as such.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';

import { transformSync } from '../dist/index.js';
import { cases } from './next/cases.mjs';
import { repoRoot } from './helpers.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const React = require('react');
const { renderToStaticMarkup } = require('react-dom/server');

let next;
before(async () => {
  next = await require('next/dist/build/swc').loadBindings();
});

/** The options `next build` gives SWC for a server-side file, as CommonJS at ES2020. */
function nextOptions(filename, options) {
  const { getLoaderSWCOptions } = require('next/dist/build/swc/options');
  const o = getLoaderSWCOptions({
    filename,
    development: false,
    isServer: true,
    isPageFile: false,
    hasReactRefresh: false,
    relativeFilePathFromRoot: filename,
    jsConfig: {},
    esm: false,
    modularizeImports: options.modularizeImports,
    compilerOptions: { removeConsole: options.removeConsole, reactRemoveProperties: options.reactRemoveProperties },
  });
  o.jsc.target = 'es2020';
  o.module = { type: 'commonjs' };
  delete o.env;
  return { ...o, filename: `/app/${filename}` };
}

/** A stand-in library: every member is a component that says which module it came from. */
function fakeModule(specifier) {
  const member = (name) => {
    const Component = ({ children }) => React.createElement('span', { 'data-from': `${specifier}#${name}` }, children);
    Component.id = `${specifier}#${name}`;
    return Component;
  };
  return new Proxy({ __esModule: true }, {
    get: (target, key) => (key === '__esModule' ? true : typeof key === 'string' ? member(key) : undefined),
  });
}

const FAKE = /^(ui-lib|@corp\/|icons|my-lib)/;
const HIDDEN = /^(@swc\/helpers|react($|\/|-dom))/;

async function execute(code, props) {
  const consoleCalls = [];
  const imports = [];
  const fakeConsole = new Proxy({}, { get: (_, method) => (...args) => consoleCalls.push([method, ...args.map(String)]) });
  const requireFn = (specifier) => {
    if (!HIDDEN.test(specifier)) imports.push(specifier);
    return FAKE.test(specifier) ? fakeModule(specifier) : require(specifier);
  };
  const module = { exports: {} };
  new Function('module', 'exports', 'require', 'console', code)(module, module.exports, requireFn, fakeConsole);
  const ran = typeof module.exports.run === 'function' ? await module.exports.run() : undefined;
  const html = typeof module.exports.default === 'function'
    ? renderToStaticMarkup(React.createElement(module.exports.default, props ?? {}))
    : undefined;
  return { imports, consoleCalls, ran: JSON.parse(JSON.stringify(ran ?? null)), html };
}

describe('the same program as Next.js compiles it', () => {
  test('at least 30 inputs', () => assert.ok(cases.length >= 30, `${cases.length}`));

  for (const c of cases) {
    test(c.name, async () => {
      const file = c.file ?? 'm.js';
      const ours = transformSync(c.source, { filename: file, module: 'commonjs', ...c.options }).code;
      const theirs = (await next.transform(c.source, nextOptions(file, c.options))).code;
      const [a, b] = [await execute(ours, c.props), await execute(theirs, c.props)];
      if (c.differs) {
        // A deliberate difference, stated in the case: both sides are pinned down.
        assert.deepEqual(c.differs.check(a, b), c.differs.expect, c.differs.reason);
        return;
      }
      assert.deepEqual(a.imports, b.imports, 'required modules');
      assert.deepEqual(a.ran, b.ran, 'run() result');
      assert.equal(a.html, b.html, 'rendered HTML');
      assert.deepEqual(a.consoleCalls, b.consoleCalls, 'console calls');
    });
  }
});

describe('where we report errors and Next.js does not', () => {
  test('an invalid reactRemoveProperties regex is INVALID_OPTION naming it, not a panic', () => {
    assert.throws(() => transformSync('<a/>', { filename: 'a.jsx', reactRemoveProperties: { properties: ['(['] } }), (err) => {
      assert.equal(err.code, 'INVALID_OPTION');
      assert.match(err.message, /reactRemoveProperties\.properties\[0\]`: "\(\[" is not a valid regular expression/);
      return true;
    });
  });

  test('a member with no map entry is an error with its location', () => {
    const options = { filename: 'm.js', modularizeImports: { lib: { transform: { '^use': 'lib/hooks/{{member}}' } } } };
    assert.throws(() => transformSync('import { useA, Other } from "lib";\nexport { useA, Other };\n', options), (err) => {
      assert.equal(err.code, 'TRANSFORM_ERROR');
      assert.deepEqual([err.line, err.column], [1, 16]);
      return true;
    });
  });
});
