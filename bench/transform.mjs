// Transform benchmark: TS/TSX → ES2020 ESM with the automatic JSX runtime, every tool on
// the same files in the same run. Prints a table; writes bench/results/transform.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

import { benchDir, realCorpus } from './corpus.mjs';
import { mbPerSecond, table, timePasses } from './measure.mjs';

const require = createRequire(import.meta.url);
const ours = require('../packages/compiler-js/dist/index.js');
const swc = require('@swc/core');
const cli = path.join(benchDir, '../packages/compiler-js/dist/cli/index.js');

const swcOptions = (name) => ({
  filename: name,
  swcrc: false,
  configFile: false,
  isModule: true,
  sourceMaps: false,
  module: { type: 'es6' },
  jsc: {
    target: 'es2020',
    parser: { syntax: 'typescript', tsx: name.endsWith('.tsx'), decorators: true },
    transform: { react: { runtime: 'automatic' } },
  },
});

const tools = {
  'compiler-js transformSync': (f) => ours.transformSync(f.code, { filename: f.name }).code,
  '@swc/core transformSync': (f) => swc.transformSync(f.code, swcOptions(f.name)).code,
};

function usableFiles(files) {
  const dropped = [];
  const kept = files.filter((f) => {
    for (const [tool, run] of Object.entries(tools)) {
      try {
        run(f);
      } catch (err) {
        dropped.push({ file: f.name, tool, error: String(err.message).split('\n')[0] });
        return false;
      }
    }
    return true;
  });
  return { kept, dropped };
}

async function main() {
  const { kept: files, dropped } = usableFiles(realCorpus());
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.code), 0);
  console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB (dropped ${dropped.length}${dropped.length ? ': ' + dropped.map((d) => `${d.file} [${d.tool}]`).join(', ') : ''})`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}\n`);

  const rows = [];
  for (const [tool, run] of Object.entries(tools)) {
    const t = await timePasses(() => files.forEach(run));
    rows.push({ tool, threads: 1, ms: t.median, range: `${t.min.toFixed(0)}–${t.max.toFixed(0)}` });
  }

  // Our async API: every file at once, on the libuv pool.
  const asyncT = await timePasses(() => Promise.all(files.map((f) => ours.transform(f.code, { filename: f.name }))));
  rows.push({ tool: 'compiler-js transform (Promise.all)', threads: os.cpus().length, ms: asyncT.median, range: `${asyncT.min.toFixed(0)}–${asyncT.max.toFixed(0)}` });

  // Our batch: one native call reads, compiles and writes everything on all cores.
  const corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-corpus-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(corpusDir, 'src', f.name)), { recursive: true });
    fs.writeFileSync(path.join(corpusDir, 'src', f.name), f.code);
  }
  const jobs = files.map((f) => ({ input: path.join(corpusDir, 'src', f.name), output: path.join(corpusDir, 'api-out', f.name.replace(/\.tsx?$/, '.js')) }));
  const batchT = await timePasses(() => ours.transformFiles(jobs, {}));
  rows.push({ tool: 'compiler-js transformFiles (batch, with file I/O)', threads: os.cpus().length, ms: batchT.median, range: `${batchT.min.toFixed(0)}–${batchT.max.toFixed(0)}` });

  const cliT = await timePasses(() => {
    const r = spawnSync(process.execPath, [cli, 'transform', 'src', '-d', 'cli-out', '-q', '--extensions', '.ts,.tsx'], { cwd: corpusDir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
  });
  rows.push({ tool: 'compiler transform CLI (process, with file I/O)', threads: os.cpus().length, ms: cliT.median, range: `${cliT.min.toFixed(0)}–${cliT.max.toFixed(0)}` });
  fs.rmSync(corpusDir, { recursive: true, force: true });

  const swcMs = rows.find((r) => r.tool === '@swc/core transformSync').ms;
  const oursSingle = rows.find((r) => r.tool === 'compiler-js transformSync').ms;
  const printed = rows.map((r) => ({
    tool: r.tool,
    threads: r.threads,
    'median ms': r.ms.toFixed(0),
    'range ms': r.range,
    'MB/s': mbPerSecond(bytes, r.ms).toFixed(1),
    'vs @swc/core': `${(swcMs / r.ms).toFixed(2)}×`,
    'vs our 1-thread': `${(oursSingle / r.ms).toFixed(2)}×`,
  }));
  console.log(table(printed, Object.keys(printed[0])));

  fs.mkdirSync(path.join(benchDir, 'results'), { recursive: true });
  const result = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0].model, node: process.version }, corpus: { files: files.length, bytes, dropped }, rows };
  fs.writeFileSync(path.join(benchDir, 'results/transform.json'), JSON.stringify(result, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
