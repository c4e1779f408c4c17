// `bundle` and `watchBundle`: production bundles through Rollup with our plugin (see
// `rollup.ts`).
//
//   const result = await bundle({ entries: ['src/main.tsx'], outDir: 'dist', minify: true });
//
// Rollup runs in a worker thread with a large stack: its tree-shaking recurses along chains of
// calls across modules, and on a 10,000-module app that overflows the main thread's ~1 MB
// stack ("Maximum call stack size exceeded"). The worker costs a few milliseconds to start.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { BundleOptions, BundleResult, BundleWatchEvent } from './rollup';
import type { Job, Reply } from './worker';

export type { BundleChunk, BundleOptions, BundleResult, BundleWatchEvent } from './rollup';

/** Enough for Rollup on the deepest graphs we measured (a 10,000-module chain needs ~100). */
const STACK_MB = 256;

function start(job: Job): Worker {
  return new Worker(path.join(__dirname, 'worker.js'), { workerData: job, resourceLimits: { stackSizeMb: STACK_MB } });
}

/** Bundles the entries into `outDir`. Problems are in the result (`errors`, `diagnostics`), never thrown. */
export function bundle(options: BundleOptions): Promise<BundleResult> {
  return new Promise((resolve, reject) => {
    const worker = start({ op: 'bundle', options });
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'result') resolve(reply.result as BundleResult);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the bundle's worker stopped (exit code ${code})`)));
  });
}

/** Bundles, then again on every change (Rollup's watch mode) until `close()`. */
export function watchBundle(options: BundleOptions, onEvent: (event: BundleWatchEvent) => void): { close(): Promise<void> } {
  const worker = start({ op: 'watch', options });
  let closed: (() => void) | undefined;
  worker.on('message', (reply: Reply) => {
    if (reply.type === 'event') onEvent(reply.event as BundleWatchEvent);
    else if (reply.type === 'closed') void worker.terminate().then(() => closed?.());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        closed = resolve;
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      }),
  };
}
