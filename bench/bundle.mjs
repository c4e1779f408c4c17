// Bundle benchmark: the doors that share the persistent cache, against what users run today.
//
//  1. `vite build` of a generated app (tests/fixtures/vite-app, 2,000 modules): Vite's own
//     transform (Oxc) against compiler-js/vite with an empty cache (cold) and a filled one
//     (warm). Each build is a new process.
//  2. A Vite dev server restart on the same app: from the start of the server until every
//     module of the page is transformed, asked level by level as a browser asks.
//  3. `compiler build --bundle` of the synthetic 10,000-module app (packages external), cold
//     and warm, against esbuild (`bundle: true`) and rspack (persistent cache) on the same app.
//
// Prints tables; writes bench/results/bundle.{json,md}.
//
//   node bench/bundle.mjs [--modules 2000] [--project synthetic-10000] [--passes 3]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { machine, resultsDir } from './env.mjs';
import { markdownTable, median, ms, table } from './measure.mjs';
import { PEERS } from './graph/peers.mjs';
import { startProcess } from './graph/proc.mjs';
import { createProject } from './graph/project.mjs';
import { oursDir } from './transformers.mjs';

const { values } = parseArgs({
  options: {
    modules: { type: 'string', default: '2000' },
    project: { type: 'string', default: 'synthetic-10000' },
    passes: { type: 'string', default: '3' },
  },
});
const passes = Number(values.passes);
const repoRoot = path.resolve(import.meta.dirname, '..');
const viteChild = path.join(repoRoot, 'tests/fixtures/vite-app/child.mjs');
const { viteApp } = await import(path.join(repoRoot, 'tests/fixtures/vite-app/generate.mjs'));
const cli = path.join(oursDir, 'dist/cli/index.js');

/** Runs a process to its end: wall time, peak RSS, and its stdout parsed as JSON if it is. */
async function run(cmd, args, cwd) {
  const proc = startProcess(cmd, args, { cwd, timeV: true });
  const end = await proc.exited;
  let out = null;
  try {
    out = JSON.parse(proc.events.filter((e) => e.stream === 'stdout').map((e) => e.line).join('\n'));
  } catch {}
  const error = end.code === 0 ? undefined : `exited ${end.code}: ${end.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  return { ms: end.at - proc.started, peakRss: end.peakRss, out, error };
}

/** The median of `passes` of each scenario, run round-robin so drift hits them alike. */
async function measure(scenarios, n) {
  const samples = new Map(scenarios.map((s) => [s.name, []]));
  for (let p = 0; p < n; p++) {
    for (const s of scenarios) {
      await s.before?.();
      const r = await s.run();
      if (r.error) throw new Error(`${s.name}: ${r.error}`);
      samples.get(s.name).push(r);
    }
  }
  return scenarios.map((s) => {
    const rs = samples.get(s.name);
    const pick = (f) => (rs.every((r) => f(r) != null) ? median(rs.map(f)) : null);
    return {
      scenario: s.name,
      ms: median(rs.map((r) => r.ms)),
      min: Math.min(...rs.map((r) => r.ms)),
      max: Math.max(...rs.map((r) => r.ms)),
      inProcess: pick((r) => r.out?.ms ?? r.out?.buildMs),
      peakRss: median(rs.map((r) => r.peakRss ?? 0)),
      note: s.note?.(rs.at(-1)) ?? '',
      passes: rs.length,
    };
  });
}

const rm = (dir) => fs.rmSync(dir, { recursive: true, force: true });
const mbs = (b) => (b ? (b / 1e6).toFixed(0) : '—');
const row = (r) => ({
  scenario: r.scenario,
  ms: ms(r.ms),
  'min–max': `${ms(r.min)}–${ms(r.max)}`,
  'in process ms': r.inProcess == null ? '—' : ms(r.inProcess),
  'peak RSS MB': mbs(r.peakRss),
  passes: r.passes,
  notes: r.note,
});

async function viteScenarios(work) {
  const modules = Number(values.modules);
  const root = path.join(work, `vite-app-${modules}`);
  for (const [name, text] of Object.entries(viteApp(modules))) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const cache = path.join(work, 'vite-cache');
  const out = path.join(work, 'vite-out');
  const counted = (r) => (r.out?.stats ? `compiled ${r.out.stats.misses}, from cache ${r.out.stats.hits}` : `${r.out?.modules ?? '?'} modules`);
  const child = (command, cacheDir, extra) => () => run(process.execPath, [viteChild, command, root, cacheDir, extra], root);
  const build = await measure(
    [
      { name: 'vite build, Vite’s transform (Oxc)', run: child('build', '-', out), note: counted },
      { name: 'vite build, ours cold', before: () => rm(cache), run: child('build', cache, out), note: counted },
      { name: 'vite build, ours warm', run: child('build', cache, out), note: counted },
    ],
    passes,
  );
  const dev = await measure(
    [
      { name: 'dev restart, Vite’s transform (Oxc)', run: child('dev', '-', '/src/m7.ts'), note: counted },
      { name: 'dev restart, ours cold', before: () => rm(cache), run: child('dev', cache, '/src/m7.ts'), note: counted },
      { name: 'dev restart, ours warm', run: child('dev', cache, '/src/m7.ts'), note: counted },
    ],
    passes,
  );
  return { modules, build, dev };
}

async function bundleScenarios(work) {
  const project = await createProject(values.project, path.join(work, 'projects'));
  const ctx = (id) => ({ dir: project.dir, entry: project.entry, outDir: path.join(work, `${id}-out`), cacheDir: path.join(work, `${id}-cache`) });
  const ours = ctx('ours');
  const stats = path.join(work, 'ours-stats.json');
  const oursRun = () =>
    run(process.execPath, [cli, 'build', ours.entry, '-d', ours.outDir, '--root', ours.dir, '--cache-dir', ours.cacheDir, '--bundle', '--packages', 'external', '--stats', stats, '-q'], ours.dir).then((r) => ({
      ...r,
      out: JSON.parse(fs.readFileSync(stats, 'utf8')),
    }));
  const peer = (id) => async () => {
    const r = await PEERS[id].once(ctx(id));
    return { ms: r.ms, peakRss: r.peakRss, out: { buildMs: r.buildMs }, error: r.error };
  };
  const rows = await measure(
    [
      { name: 'esbuild (bundle: true), no persistent cache', before: () => rm(ctx('esbuild-bundle').outDir), run: peer('esbuild-bundle') },
      { name: 'rspack cold', before: () => [rm(ctx('rspack').cacheDir), rm(ctx('rspack').outDir)], run: peer('rspack') },
      { name: 'rspack warm', run: peer('rspack') },
      { name: 'compiler build --bundle, ours cold', before: () => [rm(ours.cacheDir), rm(ours.outDir)], run: oursRun, note: (r) => `${r.out.modules} modules, compiled ${r.out.transformed}` },
      { name: 'compiler build --bundle, ours warm', run: oursRun, note: (r) => `from cache ${r.out.fromCache}, compiled ${r.out.transformed}` },
    ],
    Math.min(passes, 2),
  );
  return { project: { name: project.name, modules: project.modules, entry: project.entry }, rows };
}

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

async function main() {
  const m = machine();
  console.log(`machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, node ${m.node}, load average ${m.load}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-bundle-'));
  const started = Date.now();
  try {
    const vite = await viteScenarios(work);
    const bundle = await bundleScenarios(work);
    const by = (rows, name) => rows.find((r) => r.scenario === name).ms;
    const targets = [
      { target: 'vite build: ours warm vs Vite’s (≤ 0.5×)', ratio: ratio(by(vite.build, 'vite build, ours warm'), by(vite.build, 'vite build, Vite’s transform (Oxc)')) },
      { target: 'dev restart: ours warm vs Vite’s (≤ 0.3×)', ratio: ratio(by(vite.dev, 'dev restart, ours warm'), by(vite.dev, 'dev restart, Vite’s transform (Oxc)')) },
      { target: 'bundle: ours warm vs rspack warm (≤ 1×)', ratio: ratio(by(bundle.rows, 'compiler build --bundle, ours warm'), by(bundle.rows, 'rspack warm')) },
      { target: 'bundle: ours warm vs esbuild', ratio: ratio(by(bundle.rows, 'compiler build --bundle, ours warm'), by(bundle.rows, 'esbuild (bundle: true), no persistent cache')) },
    ];
    const columns = Object.keys(row(vite.build[0]));
    const sections = [
      [`vite build, ${vite.modules}-module generated app (ms: the process; in process: vite.build)`, vite.build.map(row), columns],
      [`Vite dev server restart, ${vite.modules}-module app (in process: server start to the last module transformed)`, vite.dev.map(row), columns],
      [`Bundles of ${bundle.project.name} (${bundle.project.modules} modules, packages external)`, bundle.rows.map(row), columns],
      ['Targets', targets, ['target', 'ratio']],
    ];
    const md = [`Bundle benchmark, ${new Date().toISOString().slice(0, 10)}, ${m.cpus} × ${m.model}, Node ${m.node}, load average at start ${m.load}.`, ''];
    for (const [title, rows, cols] of sections) {
      console.log(`\n${title}\n${table(rows, cols)}`);
      md.push(`### ${title}`, '', markdownTable(rows, cols), '');
    }
    md.push(`Measured in ${((Date.now() - started) / 1000).toFixed(0)} s. See bench/README.md.`, '');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'bundle.json'), `${JSON.stringify({ date: new Date().toISOString(), machine: m, passes, vite, bundle, targets }, null, 2)}\n`);
    fs.writeFileSync(path.join(resultsDir, 'bundle.md'), md.join('\n'));
    console.log(`\nwrote ${path.join(resultsDir, 'bundle.json')}, bundle.md (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    rm(work);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
