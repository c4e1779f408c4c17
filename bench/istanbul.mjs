// Istanbul's coverage maps for a source file, from istanbul-lib-instrument (the oracle) and
// from our instrumenter, for the differential test (test/coverage.test.mjs) and the bench
// (coverage.mjs). Babel parses as babel-jest with preset-typescript (and preset-react for
// .tsx) and legacy decorators would.
import { createRequire } from 'node:module';

import { ours } from './transformers.mjs';

const require = createRequire(import.meta.url);

/** Babel's parser plugins for a file, as the TypeScript and React presets turn them on. */
export function parserPlugins(name) {
  return name.endsWith('.tsx') ? ['typescript', 'jsx', 'decorators-legacy'] : ['typescript', 'decorators-legacy'];
}

/** istanbul-lib-instrument's coverage object for `code`, JSON-shaped (no `undefined`s). */
export function istanbulCoverage(code, filename) {
  const { createInstrumenter } = require('istanbul-lib-instrument');
  const instrumenter = createInstrumenter({ esModules: true, parserPlugins: parserPlugins(filename), compact: false });
  instrumenter.instrumentSync(code, filename);
  return JSON.parse(JSON.stringify(instrumenter.lastFileCoverage()));
}

/** Our options for instrumenting only (the rest as the bench's transform row). */
export const OUR_OPTIONS = { target: 'esnext', jsx: { runtime: 'automatic' }, sourceMaps: false, coverage: true };

/**
 * The coverage object our output initialises, read off the output as Jest's
 * `readInitialCoverage` reads it (and evaluated, which is faster than Babel's evaluator).
 */
export function ourCoverage(code, filename) {
  const out = ours().transformSync(code, { ...OUR_OPTIONS, filename }).code;
  return coverageOf(out);
}

export function coverageOf(out) {
  const start = out.indexOf('var coverageData = ');
  if (start < 0) return null;
  const end = out.indexOf('var coverage = ', start);
  const literal = out.slice(start + 'var coverageData = '.length, end).trim().replace(/;$/, '');
  const data = Function(`return ${literal}`)();
  // As istanbul-lib-instrument's `lastFileCoverage()`: without the schema and the hash.
  const { _coverageSchema, hash, ...coverage } = data;
  return { coverage, hash };
}
