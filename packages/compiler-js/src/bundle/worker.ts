// The worker thread a bundle runs in (see `index.ts`): `workerData` says what to do; results
// and watch events go back as messages; a `close` message ends a watch session.
import { parentPort, workerData } from 'node:worker_threads';

import { type BundleOptions, bundleHere, watchBundleHere } from './rollup';

export type Job = { op: 'bundle' | 'watch'; options: BundleOptions };
export type Reply = { type: 'result'; result: unknown } | { type: 'event'; event: unknown } | { type: 'closed' };

const port = parentPort!;
const { op, options } = workerData as Job;
const send = (reply: Reply) => port.postMessage(reply);

if (op === 'bundle') {
  void bundleHere(options).then((result) => send({ type: 'result', result }));
} else {
  const watching = watchBundleHere(options, (event) => send({ type: 'event', event }));
  port.on('message', (message) => {
    if (message === 'close') void watching.close().then(() => send({ type: 'closed' }));
  });
}
