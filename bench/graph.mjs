// Graph benchmark: incremental builds of a whole project. Each project is written to a
// temporary directory; each tool builds it cold and warm in new processes, then runs one
// incremental session with edits, each timed from the write to the new content on disk
// (graph/scenarios.mjs). Prints tables; writes bench/results/graph.{json,md}.
//
//   node bench/graph.mjs [--projects synthetic-1000,synthetic-10000,real]
//                        [--tools ours,esbuild,esbuild-bundle,rspack,tsc] [--passes 3] [--keep]
//                        [--results graph]   (bench/results/<name>.{json,md}: a partial run
//                                             can be written beside the full one)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { machine, resultsDir } from './env.mjs';
import { markdownTable, ms, table } from './measure.mjs';
import { ours } from './graph/ours.mjs';
import { PEERS } from './graph/peers.mjs';
import { TIME_V } from './graph/proc.mjs';
import { createProject, REAL_PACKAGE } from './graph/project.mjs';
import { measureTool } from './graph/scenarios.mjs';
import { targets } from './graph/targets.mjs';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: 'synthetic-1000,synthetic-10000,real' },
    tools: { type: 'string', default: 'ours,esbuild,esbuild-bundle,rspack,tsc' },
    passes: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false }, // keep the temporary projects and outputs
    results: { type: 'string', default: 'graph' },
  },
});
const TOOLS = { ours, ...PEERS };
const passes = Number(values.passes);

const mbs = (b) => (b == null ? '—' : (b / 1e6).toFixed(b < 1e7 ? 1 : 0));
const kb = (b) => (b == null ? '—' : (b / 1024).toFixed(b < 10240 ? 2 : 1));

function printable(r) {
  const time = r.median == null ? (r.error ? 'failed' : r.rebuilt === 0 ? 'no rebuild' : '—') : ms(r.median);
  const notes = [r.error, r.note, r.buildMs != null ? `in process ${ms(r.buildMs)} ms` : null].filter(Boolean).join('; ');
  return {
    tool: r.label,
    scenario: r.scenario,
    ms: time,
    'min–max': r.median == null ? '—' : `${ms(r.min)}–${ms(r.max)}`,
    passes: r.passes,
    'peak RSS MB': mbs(r.peakRss),
    'cache KB/module': r.cacheBytesPerModule == null ? '—' : kb(r.cacheBytesPerModule),
    'outputs written': r.written ?? '—',
    notes: notes || '',
  };
}

function describe(p) {
  return `${p.name}: ${p.modules} modules reachable from ${p.entry} (${p.files} source files; ${p.source}); leaf ${p.leaf} (${p.leafImporters} importers), most imported ${p.hub} (${p.hubImporters} importers)`;
}

async function main() {
  const m = machine();
  console.log(`machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, node ${m.node}, load average ${m.load}`);
  const tools = values.tools.split(',').filter(Boolean).map((id) => TOOLS[id] ?? fail(`unknown tool ${id}: ${Object.keys(TOOLS).join(', ')}`));
  const skipped = [];
  const active = tools.filter((t) => {
    const a = t.available();
    if (!a.ok) {
      skipped.push({ tool: t.id, why: a.why });
      console.log(`skipping ${t.label}: ${a.why}`);
    }
    return a.ok;
  });
  const versions = Object.fromEntries(active.map((t) => [t.id, t.version()]));
  console.log(`tools: ${active.map((t) => `${t.label} ${versions[t.id]}`).join(', ')}\n`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-graph-'));
  const started = Date.now();
  const runs = [];
  const md = [
    `Graph benchmark (incremental builds of a whole project), ${new Date().toISOString().slice(0, 10)}, ${m.cpus} × ${m.model}, Node ${m.node}, load average at start ${m.load}.`,
    '',
    `Tools: ${active.map((t) => `${t.label} ${versions[t.id]}`).join(', ')}.${skipped.map((s) => ` Skipped ${s.tool}: ${s.why}.`).join('')}`,
    '',
  ];
  try {
    for (const name of values.projects.split(',').filter(Boolean)) {
      const project = await createProject(name, path.join(workDir, 'projects'));
      console.log(describe(project));
      const rows = [];
      const notes = [];
      if (project.modules > 5000 && passes > 2) notes.push('cold and warm start: 2 passes on this project (each takes long)');
      for (const tool of active) {
        const applies = tool.applies(project);
        if (applies !== true) {
          notes.push(`${tool.label}: not run (${applies})`);
          continue;
        }
        process.stderr.write(`  ${name}: ${tool.label}\n`);
        const log = (r) => process.stderr.write(`    ${r.scenario}: ${r.median == null ? (r.error ?? 'no rebuild') : `${ms(r.median)} ms`}\n`);
        try {
          rows.push(...(await measureTool(tool, project, { passes, workDir, log })));
        } catch (err) {
          rows.push({ project: name, tool: tool.id, label: tool.label, kind: 'error', scenario: '—', median: null, error: String(err?.message ?? err).split('\n')[0] });
          console.error(`  ${tool.label} failed on ${name}:`, err);
        }
      }
      const { edit, add, touch, restore, marker, dir, ...info } = project;
      runs.push({ project: info, rows, notes });
      const printed = rows.map(printable);
      const target = targets(rows, project);
      const columns = Object.keys(printed[0] ?? {});
      console.log(`\n${printed.length ? `${table(printed, columns)}\n` : ''}${notes.join('\n')}\n`);
      md.push(`### ${name}`, '', `${describe(project)}.`, '', ...(printed.length ? [markdownTable(printed, columns), ''] : []), ...notes.map((n) => `${n}.`), '');
      if (target) {
        console.log(`targets for ours on ${name}:\n${table(target, Object.keys(target[0]))}\n`);
        md.push(`#### ${name}: ours against the targets`, '', markdownTable(target, Object.keys(target[0])), '');
        runs.at(-1).targets = target;
      }
    }
  } finally {
    if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
    else console.log(`kept ${workDir}`);
  }
  const rss = `the sum of VmHWM over the tool's process tree, read just before it ends${TIME_V ? ' (one-shot CLIs: the larger of /usr/bin/time -v and that sum sampled every 20 ms)' : ''}`;
  md.push(`Measured in ${((Date.now() - started) / 1000).toFixed(0)} s. Edits are timed from the write to the new content on disk. Peak RSS: ${rss}; the watch rows show the session's peak. See bench/README.md.`, '');
  fs.mkdirSync(resultsDir, { recursive: true });
  const meta = { date: new Date().toISOString(), machine: m, passes, versions, skipped, realPackage: REAL_PACKAGE };
  fs.writeFileSync(path.join(resultsDir, `${values.results}.json`), JSON.stringify({ ...meta, runs }, null, 2) + '\n');
  fs.writeFileSync(path.join(resultsDir, `${values.results}.md`), md.join('\n'));
  console.log(`wrote ${path.join(resultsDir, `${values.results}.json`)}, ${values.results}.md (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

function fail(message) {
  throw new Error(message);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
