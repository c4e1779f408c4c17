// Runs one library peer (graph/builders.mjs) in a process of its own, so the RSS it reports is
// the tool's: Node, the tool, and any process it starts (esbuild's Go service).
//
//   node graph/child.mjs once <tool> '<cfg json>'    one build; prints `@@RESULT {...}`
//   node graph/child.mjs watch <tool> '<cfg json>'   prints `@@BUILD {...}` after each build;
//     reads JSON lines on stdin: `{ "op": "rebuild" }` (tools without a watcher),
//     `{ "op": "stop" }` (prints `@@RESULT { peakRss }` and exits)
import { performance } from 'node:perf_hooks';
import * as readline from 'node:readline';

import { treePeakRss } from './proc.mjs';
import { BUILDERS } from './builders.mjs';

const [mode, id, cfgJson] = process.argv.slice(2);
const cfg = JSON.parse(cfgJson);
const report = (tag, data) => process.stdout.write(`@@${tag} ${JSON.stringify(data)}\n`);
const builder = BUILDERS[id];

async function once() {
  const start = performance.now();
  const result = await builder.once(cfg);
  const buildMs = performance.now() - start;
  report('RESULT', { buildMs, ...result, version: builder.version(), peakRss: treePeakRss(process.pid) });
}

async function watch() {
  const session = await builder.watch(cfg, (build) => report('BUILD', build));
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const { op } = JSON.parse(line);
    if (op === 'rebuild') await session.rebuild?.();
    if (op === 'stop') {
      const peakRss = treePeakRss(process.pid);
      await session.stop();
      report('RESULT', { peakRss, version: builder.version() });
      rl.close();
      process.stdin.destroy();
      break;
    }
  }
}

try {
  if (!builder) throw new Error(`unknown tool ${id}`);
  await (mode === 'watch' ? watch() : once());
  process.exit(0); // esbuild's service and rspack's threads would keep the process alive
} catch (err) {
  report('RESULT', { error: String(err?.stack ?? err) });
  process.exit(1);
}
