// compiler-js/jest: the transformer interface on its own, then Jest 30 running
// examples/jest-app (jsdom, Testing Library) through it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';

import { CompilerError } from '../dist/index.js';
import { tempDir } from './helpers.mjs';
import { examplesRoot, lineOf, requireFromRoot, runNode } from './support/examples.mjs';

const require = createRequire(import.meta.url);
const jestTransformer = require('compiler-js/jest');

function jestOptions(rootDir, extra = {}) {
  return { config: { rootDir }, configString: '{}', instrument: false, supportsStaticESM: false, ...extra };
}

describe('compiler-js/jest transformer', () => {
  const dir = tempDir({
    'compiler.config.json': JSON.stringify({ reactRemoveProperties: true, define: { __FLAG__: 'true' } }),
    'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }',
    'src/a.test.tsx': [
      "import { thing } from './thing';",
      "import { jest } from '@jest/globals';",
      "jest.mock('./thing');",
      'export const el = <div data-testid="x">{String(__FLAG__)}{thing}</div>;',
      '',
    ].join('\n'),
    'src/service.ts': '@sealed\nexport class Service {}\ndeclare function sealed(c: unknown): void;\n',
  });
  const file = path.join(dir, 'src/a.test.tsx');
  const source = fs.readFileSync(file, 'utf8');

  test('has the shape Jest loads: process, processAsync, getCacheKey, canInstrument, createTransformer', () => {
    for (const key of ['process', 'processAsync', 'getCacheKey', 'createTransformer']) {
      assert.equal(typeof jestTransformer[key], 'function', key);
    }
    assert.equal(jestTransformer.canInstrument, true, 'we instrument for coverage ourselves');
    assert.equal(jestTransformer.default, undefined, 'module.exports is the transformer, no __esModule default');
    const created = jestTransformer.createTransformer({});
    assert.equal(typeof created.process, 'function');
    assert.equal(created.createTransformer, undefined);
  });

  test('CommonJS with jest.mock hoisted above the requires, and a source map object', () => {
    const { code, map } = jestTransformer.createTransformer().process(source, file, jestOptions(dir));
    assert.match(code, /^"use strict";\nconst _globals = require\("@jest\/globals"\);\n_globals\.jest\.mock\('\.\/thing'\);/);
    assert.ok(code.indexOf("require(\"./thing\")") > code.indexOf('jest.mock'));
    assert.equal(typeof map, 'object', 'an object, as Jest wants it');
    assert.deepEqual(map.sources, [file]);
    assert.equal(map.sourcesContent[0], source);
  });

  test('Istanbul counters only when Jest asks (instrument), with the entry’s coverage options', () => {
    const plain = jestTransformer.createTransformer().process(source, file, jestOptions(dir));
    assert.ok(!plain.code.includes('_coverageSchema'));
    const { code } = jestTransformer.createTransformer().process(source, file, jestOptions(dir, { instrument: true }));
    assert.match(code, /_coverageSchema:"1a1c01bbd47fc00a2c39e90264f33305004495a9"/);
    assert.match(code, /var gcv = "__coverage__";/);
    assert.ok(code.includes(`var path = ${JSON.stringify(file)};`), 'the coverage object is the file’s, by its path');
    const custom = jestTransformer.createTransformer({ coverage: { coverageVariable: '__cov__' } }).process(source, file, jestOptions(dir, { instrument: true }));
    assert.match(custom.code, /var gcv = "__cov__";/);
    const off = jestTransformer.createTransformer({ coverage: { coverageVariable: '__cov__' } }).process(source, file, jestOptions(dir));
    assert.ok(!off.code.includes('_coverageSchema'), 'the entry’s coverage options alone do not instrument');
  });

  test('ESM when Jest runs the file as ESM (supportsStaticESM)', async () => {
    const t = jestTransformer.createTransformer();
    const { code } = await t.processAsync(source, file, jestOptions(dir, { supportsStaticESM: true }));
    assert.match(code, /^import \{ jest } from '@jest\/globals';|^import \{ jest \} from "@jest\/globals";/m);
    assert.match(code, /^export const el = /m);
    assert.doesNotMatch(code, /require\(/);
  });

  test('options: compiler.config.json, then the Jest entry; reactRemoveProperties stays off unless the entry sets it', () => {
    const fromFile = jestTransformer.createTransformer().process(source, file, jestOptions(dir)).code;
    assert.match(fromFile, /"data-testid": "x"/, 'reactRemoveProperties from the config file is ignored under Jest');
    assert.match(fromFile, /String\(true\)/, 'define from the config file applies');

    const entry = jestTransformer.createTransformer({ reactRemoveProperties: true, define: { __FLAG__: 'false' } });
    const fromEntry = entry.process(source, file, jestOptions(dir)).code;
    assert.doesNotMatch(fromEntry, /data-testid/);
    assert.match(fromEntry, /String\(false\)/);

    const none = jestTransformer.createTransformer({ configFile: false }).process(source, file, jestOptions(dir)).code;
    assert.match(none, /String\(__FLAG__\)/, 'configFile: false reads no config file');
  });

  test('legacy decorators from tsconfig.json experimentalDecorators', () => {
    const service = path.join(dir, 'src/service.ts');
    const { code } = jestTransformer.process(fs.readFileSync(service, 'utf8'), service, jestOptions(dir));
    assert.match(code, /Service = _ts_decorate\(\[\n\s+sealed\n\], Service\);/);
  });

  test('a compiler.config.mjs is loaded too, though process is synchronous', () => {
    const mjs = tempDir({
      'compiler.config.mjs': "export default { define: { __WHERE__: JSON.stringify('mjs') } };\n",
      'x.ts': 'export const where: string = __WHERE__;\n',
    });
    const x = path.join(mjs, 'x.ts');
    const { code } = jestTransformer.createTransformer().process(fs.readFileSync(x, 'utf8'), x, jestOptions(mjs));
    assert.match(code, /exports, "where"[\s\S]*const where = "mjs";/);
  });

  test('a bad config file or bad code is a CompilerError naming the file', () => {
    const bad = tempDir({ 'compiler.config.json': '{ "jsx": { "runtim": "classic" } }', 'a.ts': 'let = ;\n' });
    const a = path.join(bad, 'a.ts');
    assert.throws(
      () => jestTransformer.createTransformer().process('', a, jestOptions(bad)),
      (err) => err instanceof CompilerError && err.code === 'INVALID_OPTION' && err.message.includes('compiler.config.json') && err.message.includes('jsx.runtim'),
    );
    assert.throws(
      () => jestTransformer.createTransformer({ configFile: false }).process('let = ;\n', a, jestOptions(bad)),
      (err) => err instanceof CompilerError && err.code === 'SYNTAX_ERROR' && err.filename === a && err.line === 1,
    );
  });

  test('getCacheKey covers the source, path, options, config file, NODE_ENV and instrument', () => {
    const t = jestTransformer.createTransformer();
    const key = (src = source, f = file, extra = {}) => t.getCacheKey(src, f, jestOptions(dir, extra));
    const base = key();
    assert.match(base, /^[0-9a-f]{40}$/);
    assert.equal(key(), base, 'stable');
    assert.notEqual(key(`${source}\n`), base);
    assert.notEqual(key(source, path.join(dir, 'src/b.test.tsx')), base);
    assert.notEqual(key(source, file, { instrument: true }), base);
    assert.notEqual(key(source, file, { supportsStaticESM: true }), base);
    assert.notEqual(key(source, file, { configString: '{"x":1}' }), base);
    assert.notEqual(jestTransformer.createTransformer({ define: { __FLAG__: '1' } }).getCacheKey(source, file, jestOptions(dir)), base);
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      assert.notEqual(key(), base);
    } finally {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
    // The config file's text is read once per rootDir and worker, like Jest's other caches.
    const copy = tempDir({ 'compiler.config.json': JSON.stringify({ reactRemoveProperties: true, define: { __FLAG__: 'true' } }) + '\n' });
    const other = jestTransformer.createTransformer().getCacheKey(source, file, jestOptions(copy));
    assert.notEqual(other, base, 'a different config file text');
  });
});

describe('examples/jest-app under Jest 30', () => {
  const app = path.join(examplesRoot, 'jest-app');
  const jestBin = path.join(path.dirname(requireFromRoot.resolve('jest/package.json')), 'bin/jest.js');
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-jest-cache-'));
  after(() => fs.rmSync(cacheDirectory, { recursive: true, force: true }));
  const jest = (args, env) => runNode(jestBin, ['--ci', '--runInBand', '--cacheDirectory', cacheDirectory, ...args], { cwd: app, env });
  const results = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

  test('the suite passes through compiler-js/jest, and a second run is served from Jest’s cache', async () => {
    const log = path.join(cacheDirectory, 'transforms.log');
    const first = path.join(cacheDirectory, 'first.json');
    const second = path.join(cacheDirectory, 'second.json');

    const run1 = await jest(['--json', '--outputFile', first], { COUNT_TRANSFORMS_LOG: log });
    assert.equal(run1.code, 0, run1.stderr);
    const r1 = results(first);
    assert.equal(r1.numFailedTests, 0);
    assert.ok(r1.numPassedTests >= 15, `${r1.numPassedTests} tests passed`);
    assert.equal(r1.numPendingTests, 0, 'nothing skipped');
    const passed = (suffix) =>
      r1.testResults.find((s) => s.name.endsWith(suffix)).assertionResults.filter((a) => a.status === 'passed').map((a) => a.title);
    assert.deepEqual(passed('src/components/Card.test.tsx').length, 2, 'the styled-jsx specs (computed styles in jsdom)');
    assert.deepEqual(passed('src/lib/store.test.ts').length, 4, 'the legacy-decorator specs');
    assert.deepEqual(passed('src/components/Greeting.test.tsx').length, 3, 'the jest.mock specs');
    const compiled = fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split('\t')[0]);
    for (const name of ['src/components/Greeting.tsx', 'src/lib/store.ts', 'src/components/Counter.test.tsx', 'src/ui/Button.tsx']) {
      assert.equal(compiled.filter((f) => f === path.join(app, name)).length, 1, `${name} compiled once`);
    }
    assert.ok(!compiled.some((f) => f.endsWith('src/ui/index.ts')), 'the @ui barrel is never loaded (modularizeImports)');

    fs.rmSync(log);
    const run2 = await jest(['--json', '--outputFile', second], { COUNT_TRANSFORMS_LOG: log });
    assert.equal(run2.code, 0, run2.stderr);
    assert.equal(results(second).numPassedTests, r1.numPassedTests);
    assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'no file compiled on the second run');
  });

  test('with Jest’s cache cold, a second run compiles nothing: every worker reads our persistent cache', async () => {
    const ours = path.join(cacheDirectory, 'compiler-js-cache');
    const run = async (name) => {
      // A Jest cache of its own for each run, as on a new CI machine that restored only
      // node_modules/.cache; two workers, which share our cache.
      const log = path.join(cacheDirectory, `${name}.log`);
      const out = path.join(cacheDirectory, `${name}.json`);
      const jestCache = path.join(cacheDirectory, `jest-${name}`);
      const r = await runNode(jestBin, ['--ci', '-w', '2', '--cacheDirectory', jestCache, '--json', '--outputFile', out], {
        cwd: app,
        env: { COUNT_TRANSFORMS_LOG: log, COMPILER_CACHE_DIR: ours },
      });
      assert.equal(r.code, 0, r.stderr);
      const lines = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\t'));
      const count = (how) => lines.filter(([, h]) => h === how).length;
      return { passed: results(out).numPassedTests, files: new Set(lines.map(([f]) => f)), compiled: count('compiled'), cached: count('cached') };
    };
    const first = await run('cold');
    assert.ok(first.compiled >= 20, `${first.compiled} files compiled on the first run`);
    assert.ok(fs.readdirSync(path.join(ours, 'packs')).some((f) => f.endsWith('.idx')), 'the workers wrote their packs at exit');

    const second = await run('warm');
    assert.equal(second.passed, first.passed);
    assert.deepEqual([...second.files].sort(), [...first.files].sort(), 'Jest handed us every file again (its cache was cold)');
    assert.equal(second.compiled, 0, 'nothing compiled');
    assert.ok(second.cached >= second.files.size, `${second.cached} files served from our cache`);
  });

  test('a thrown error’s stack frames name the original .tsx files and lines', async () => {
    const run = await jest(['--testMatch', '<rootDir>/src/__failing__/*.failing.tsx']);
    assert.equal(run.code, 1);
    const throwLine = lineOf(path.join(app, 'src/components/Exploding.tsx'), 'THROW-SITE');
    const renderLine = lineOf(path.join(app, 'src/__failing__/explode.failing.tsx'), 'RENDER-SITE');
    assert.match(run.stderr, /exploded: on purpose/);
    assert.ok(run.stderr.includes(`at Exploding (src/components/Exploding.tsx:${throwLine}:9)`), run.stderr);
    assert.ok(run.stderr.includes(`(src/__failing__/explode.failing.tsx:${renderLine}:9)`), run.stderr);
    // The code frame Jest prints is the original TypeScript.
    assert.match(run.stderr, new RegExp(`> ${throwLine} \\|   throw new Error\\(\`exploded: \\$\\{reason\\}\`\\); // THROW-SITE`));
  });

  for (const provider of ['babel', 'v8']) {
    test(`coverage (${provider}) reports the uncovered branch at its line in Badge.tsx`, async () => {
      const coverageDirectory = path.join(cacheDirectory, `coverage-${provider}`);
      const run = await jest([
        '--coverage',
        `--coverageProvider=${provider}`,
        '--coverageDirectory',
        coverageDirectory,
        '--coverageReporters=json',
        '--testPathPatterns',
        'Badge',
      ]);
      assert.equal(run.code, 0, run.stderr);
      const badgeFile = path.join(app, 'src/components/Badge.tsx');
      const coverage = results(path.join(coverageDirectory, 'coverage-final.json'))[badgeFile];
      assert.ok(coverage, 'Badge.tsx has coverage');
      const uncoveredLine = lineOf(badgeFile, 'UNCOVERED');
      const ifLine = lineOf(badgeFile, "if (tone === 'danger')");
      const uncovered = Object.entries(coverage.s).filter(([, n]) => n === 0).map(([id]) => coverage.statementMap[id].start.line);
      assert.ok(uncovered.includes(uncoveredLine), `uncovered statements at lines ${uncovered}, expected ${uncoveredLine}`);
      assert.ok(!uncovered.includes(lineOf(badgeFile, 'return <span')), 'the neutral return is covered');
      const branchLines = Object.entries(coverage.b)
        .filter(([, counts]) => counts.includes(0))
        .map(([id]) => coverage.branchMap[id].loc.start.line);
      assert.ok(branchLines.includes(ifLine), `branches with an untaken path at lines ${branchLines}, expected ${ifLine}`);
    });
  }
});

describe('invalid options under Jest', () => {
  const jestBin = path.join(path.dirname(requireFromRoot.resolve('jest/package.json')), 'bin/jest.js');
  const transformer = path.join(path.dirname(require.resolve('compiler-js/jest')), 'index.js');

  for (const workers of [['--runInBand'], ['-w', '2']]) {
    test(`are reported in full once for the run, not once per test file (${workers.join(' ')})`, async () => {
      const files = { 'package.json': '{}' };
      for (const n of [1, 2, 3, 4]) files[`t${n}.test.ts`] = `test('t${n}', () => expect(${n} as number).toBe(${n}));\n`;
      files['jest.config.json'] = JSON.stringify({ transform: { '\\.ts$': [transformer, { modul: 'esm', jsx: { runtim: 'classic' } }] } });
      const dir = tempDir(files);
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-jest-cache-'));
      try {
        const r = await runNode(jestBin, ['--ci', ...workers, '--cacheDirectory', cache, '--config', 'jest.config.json'], { cwd: dir });
        const output = r.stdout + r.stderr;
        assert.notEqual(r.code, 0);
        const failures = output.split('● Test suite failed to run').slice(1);
        assert.equal(failures.length, 4, output);
        // The full error names both keys, a line each, with one test file; the others say where it is.
        const full = failures.filter((f) => /Invalid option `jsx\.runtim`: unknown field `runtim`/.test(f) && /Invalid option `modul`: unknown field `modul`/.test(f));
        const short = failures.filter((f) => f.includes('compiler-js/jest: invalid options (`modul`, `jsx.runtim`), reported in full with the first test file that failed in this run'));
        assert.equal(full.length, 1, output);
        assert.equal(short.length, 3, output);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(cache, { recursive: true, force: true });
      }
    });
  }
});
