// One Babel worker of transformers.mjs's pool: compiles the chunks of files it is sent.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

import { babelOptions } from './transformers.mjs';

const babel = createRequire(import.meta.url)('@babel/core');
parentPort.on('message', (files) => {
  try {
    parentPort.postMessage({ codes: files.map((f) => babel.transformSync(f.code, babelOptions(f.name, workerData.extras)).code) });
  } catch (err) {
    parentPort.postMessage({ error: `${err.message}` });
  }
});
