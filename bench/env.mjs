// What machine a run is on, and where its results go (BENCH_RESULTS_DIR overrides, for tests).
import * as os from 'node:os';
import * as path from 'node:path';

import { benchDir } from './corpus.mjs';

export const resultsDir = process.env.BENCH_RESULTS_DIR ?? path.join(benchDir, 'results');

export function machine() {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0].model.trim(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}
