// Coverage instrumentation, ours against babel-plugin-istanbul:
//  1. the real corpus instrumented (TypeScript stripped, Istanbul's counters added, code
//     printed, no source maps), one thread, synchronous calls: compiler-js with `coverage`
//     against Babel with preset-typescript (and preset-react for .tsx) and
//     babel-plugin-istanbul; each also without coverage, for what instrumenting adds;
//  2. `jest --coverage` of examples/jest-app, cold (a new Jest cache and a new compiler-js
//     cache each run): compiler-js/jest against babel-jest (jest.babel.config.js), the same
//     suites (see packages/compiler-js/test/jest-coverage.test.mjs).
//
//   node bench/coverage.mjs [--passes 3] [--jest-runs 5] [--skip-corpus] [--skip-jest]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { benchDir, realCorpus } from './corpus.mjs';
import { machine, resultsDir } from './env.mjs';
import { OUR_OPTIONS } from './istanbul.mjs';
import { markdownTable, mb, mbPerSecond, median, ms, range, table, timePasses } from './measure.mjs';
import { ours } from './transformers.mjs';

const { values } = parseArgs({
  options: {
    passes: { type: 'string', default: '3' },
    'jest-runs': { type: 'string', default: '5' },
    'skip-corpus': { type: 'boolean', default: false },
    'skip-jest': { type: 'boolean', default: false },
  },
});
const require = createRequire(import.meta.url);

function babelOptions(name, coverage) {
  return {
    filename: name,
    babelrc: false,
    configFile: false,
    sourceMaps: false,
    compact: false,
    presets: [
      [require.resolve('@babel/preset-typescript'), { allowDeclareFields: true }],
      ...(name.endsWith('.tsx') ? [[require.resolve('@babel/preset-react'), { runtime: 'automatic' }]] : []),
    ],
    plugins: coverage ? [[require.resolve('babel-plugin-istanbul'), { cwd: '/', exclude: [], excludeNodeModules: false }]] : [],
  };
}

async function corpus(out) {
  const files = realCorpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.code), 0);
  const babel = require('@babel/core');
  const { transformSync } = ours();
  const { coverage: _, ...plain } = OUR_OPTIONS;
  const tools = {
    'compiler-js': {
      on: () => files.map((f) => transformSync(f.code, { ...OUR_OPTIONS, filename: f.path }).code),
      off: () => files.map((f) => transformSync(f.code, { ...plain, filename: f.path }).code),
    },
    'Babel + babel-plugin-istanbul': {
      on: () => files.map((f) => babel.transformSync(f.code, babelOptions(f.path, true)).code),
      off: () => files.map((f) => babel.transformSync(f.code, babelOptions(f.path, false)).code),
    },
  };
  // Both instrumented every file that Istanbul does not ignore.
  for (const [tool, { on }] of Object.entries(tools)) {
    const n = on().filter((code) => code.includes('_coverageSchema')).length;
    if (n < files.length - 10) throw new Error(`${tool}: ${n} of ${files.length} files instrumented`);
  }
  const passes = Number(values.passes);
  const rows = [];
  for (const [tool, { on, off }] of Object.entries(tools)) {
    const t = await timePasses(on, { passes });
    const base = await timePasses(off, { passes });
    rows.push({
      tool,
      'median ms': ms(t.median),
      'min–max ms': range(t),
      'MB/s': mbPerSecond(bytes, t.median).toFixed(1),
      'without coverage ms': ms(base.median),
      'coverage adds': `${(((t.median - base.median) / base.median) * 100).toFixed(0)} %`,
      median: t.median,
    });
  }
  const babelMedian = rows.find((r) => r.tool.startsWith('Babel')).median;
  const shown = rows.map(({ median: m, ...r }) => ({ ...r, 'vs Babel': `${(babelMedian / m).toFixed(2)}×` }));
  const head = `Instrumenting the real corpus: ${files.length} files, ${mb(bytes)} MB, 1 thread, ${passes} passes after a warm-up`;
  console.log(`${head}\n${table(shown, Object.keys(shown[0]))}\n`);
  out.push(`${head}\n\n${markdownTable(shown, Object.keys(shown[0]))}\n`);
}

function jest(out) {
  const app = path.join(benchDir, '../examples/jest-app');
  const jestBin = path.join(benchDir, '../node_modules/jest/bin/jest.js');
  const runs = Number(values['jest-runs']);
  const rows = [];
  for (const [tool, config] of [['compiler-js/jest', 'jest.config.js'], ['babel-jest', 'jest.babel.config.js']]) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jest-coverage-'));
      const start = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        [
          jestBin, '--ci', '--config', config, '--cacheDirectory', path.join(tmp, 'jest'),
          '--coverage', '--coverageProvider=babel', '--coverageReporters=json', '--coverageDirectory', path.join(tmp, 'coverage'),
          '--testPathIgnorePatterns', '/store\\.test\\.ts$', '/Cart\\.test\\.tsx$',
        ],
        { cwd: app, env: { ...process.env, COMPILER_CACHE_DIR: path.join(tmp, 'compiler') }, encoding: 'utf8' },
      );
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      fs.rmSync(tmp, { recursive: true, force: true });
      if (r.status !== 0) throw new Error(`${tool}: jest failed\n${r.stdout}${r.stderr}`);
    }
    rows.push({ tool, 'median ms': ms(median(times)), 'min–max ms': `${ms(Math.min(...times))}–${ms(Math.max(...times))}`, median: median(times) });
  }
  const babelMedian = rows.find((r) => r.tool === 'babel-jest').median;
  const shown = rows.map(({ median: m, ...r }) => ({ ...r, 'vs babel-jest': `${(babelMedian / m).toFixed(2)}×` }));
  const head = `jest --coverage of examples/jest-app (9 suites, 18 files), cold: new Jest and compiler-js caches each run, ${runs} runs, wall time`;
  console.log(`${head}\n${table(shown, Object.keys(shown[0]))}\n`);
  out.push(`${head}\n\n${markdownTable(shown, Object.keys(shown[0]))}\n`);
}

async function main() {
  const m = machine();
  const out = [`${m.cpus} × ${m.model}, Node ${m.node}\n`];
  console.log(out[0]);
  if (!values['skip-corpus']) await corpus(out);
  if (!values['skip-jest']) jest(out);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'coverage.md'), out.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
