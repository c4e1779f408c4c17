// Transform benchmark: TS/TSX → ES2020 ESM with the automatic JSX runtime, every tool on the
// same files in the same run, each tool timed in a child process of its own (child.mjs).
// Prints tables; writes bench/results/transform.{json,md} and one SVG chart per table.
//
//   node bench/transform.mjs [--corpus real,synthetic-1000,synthetic-10000]
//                            [--extras-corpus synthetic-1000] [--passes 3] [--babel-pool]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { transformChart } from './charts.mjs';
import { EXTRAS, oursBuild, TRANSFORM_VARIANTS, variantVersion } from './transformers.mjs';
import { machine, resultsDir } from './env.mjs';
import { markdownTable, mb, mbPerSecond, ms, pool, range, runChild, startChild, table } from './measure.mjs';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'real,synthetic-1000,synthetic-10000' },
    'extras-corpus': { type: 'string', default: 'synthetic-1000' },
    passes: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    'babel-pool': { type: 'boolean', default: false },
  },
});
const timing = ['--passes', values.passes, '--warmup', values.warmup];
const SINGLE = ['ours-sync', 'babel-sync', 'swc-sync', 'esbuild-sync', 'oxc-sync', 'next-sync'];
const MULTI = ['ours-async', 'ours-batch', 'ours-cli', 'babel-pool', 'swc-async', 'esbuild-async', 'oxc-async', 'next-async'];

/**
 * Each 1-thread variant starts in its own child and runs every file once (two children at a
 * time): which files it rejects. That pass is its warm-up; the child then waits for the
 * files any tool rejected, and times its passes when its turn comes.
 */
async function check(corpus, extras) {
  const flags = extras ? ['--extras'] : [];
  const children = {};
  const checks = {};
  try {
    await pool(
      SINGLE.map((id) => async () => {
        children[id] = startChild(['check', id, corpus, ...flags, ...timing]);
        const m = await children[id].next();
        if (m.tag !== 'CHECK') throw new Error(`${id} check failed: ${m.data.error}`);
        checks[id] = m.data;
      }),
      2,
    );
  } catch (err) {
    Object.values(children).forEach((c) => c.kill());
    throw err;
  }
  const dropped = new Map();
  for (const id of SINGLE) {
    for (const { file, error } of checks[id].rejected) if (!dropped.has(file)) dropped.set(file, { file, tool: TRANSFORM_VARIANTS[id].tool, error });
  }
  return { children, checks, dropped: [...dropped.values()] };
}

/** Checks, then times each variant in `ids` (or `ids(bytes of the corpus)`), one at a time. */
async function measure(corpus, ids, { extras = false } = {}) {
  const started = Date.now();
  const { children, checks, dropped } = await check(corpus, extras);
  if (typeof ids === 'function') ids = ids(checks[SINGLE[0]].bytesIn);
  const dropFile = path.join(os.tmpdir(), `compiler-js-bench-drop-${process.pid}.json`);
  fs.writeFileSync(dropFile, JSON.stringify(dropped.map((d) => d.file)));
  const rows = [];
  try {
    for (const id of ids) {
      const v = TRANSFORM_VARIANTS[id];
      let r;
      if (children[id]) {
        children[id].send(dropped.map((d) => d.file));
        r = (await children[id].next()).data;
      } else {
        r = await runChild(['transform', id, corpus, '--drop', dropFile, ...timing, ...(extras ? ['--extras'] : [])]);
      }
      if (r.error) throw new Error(`${id} failed: ${r.error}`);
      const single = SINGLE.includes(id) ? id : null;
      rows.push({ id, tool: v.tool, label: v.label, threads: v.threads, version: variantVersion(id), ...r, supports: checks[single]?.supports, applied: checks[single]?.applied });
      process.stderr.write(`  ${corpus}${extras ? ' +extras' : ''}: ${v.label} ${ms(r.median)} ms\n`);
    }
  } finally {
    Object.values(children).forEach((c) => c.kill());
    fs.rmSync(dropFile, { force: true });
  }
  return { corpus, extras, files: rows[0].files, bytes: rows[0].bytesIn, dropped, rows, seconds: (Date.now() - started) / 1000 };
}

const speedup = (base, t) => (base ? `${(base / t).toFixed(2)}×` : 'n/a');

function printable(run, row) {
  const babel = run.rows.find((r) => r.id === 'babel-sync')?.median;
  const swc = run.rows.find((r) => r.id === 'swc-sync')?.median;
  return {
    tool: row.label,
    version: row.version,
    'median ms': ms(row.median),
    'min–max ms': range(row),
    'MB/s': mbPerSecond(run.bytes, row.median).toFixed(1),
    'out MB': mb(row.bytesOut),
    'peak RSS MB': row.id === 'ours-cli' ? '—' : mb(row.peakRss),
    'vs Babel': speedup(babel, row.median),
    'vs @swc/core': speedup(swc, row.median),
  };
}

function extrasPrintable(run, row) {
  const babel = run.rows.find((r) => r.id === 'babel-sync')?.median;
  const flag = (k) => (row.supports[k] === true ? 'yes' : 'n/a');
  const a = row.applied;
  return {
    tool: row.label,
    ...Object.fromEntries(EXTRAS.map((k) => [k, flag(k)])),
    'median ms': ms(row.median),
    'min–max ms': range(row),
    'MB/s': mbPerSecond(run.bytes, row.median).toFixed(1),
    'vs Babel': speedup(babel, row.median),
    'left: console / data-test / barrel': `${a.consoleCalls} / ${a.dataTestProps} / ${a.barrelImports}`,
    'styled-jsx files': a.styledJsx,
  };
}

function describe(run) {
  const drops = run.dropped.length ? run.dropped.map((d) => `${d.file} [${d.tool}: ${d.error}]`).join('; ') : 'none';
  return `${run.corpus}${run.extras ? ' + extras' : ''}: ${run.files} files, ${mb(run.bytes)} MB; dropped ${run.dropped.length} (${drops})`;
}

async function main() {
  const m = machine();
  const build = oursBuild();
  console.log(`machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, node ${m.node}, load average ${m.load}`);
  console.log(`compiler-js ${build.version} from ${build.dir}, addon built ${build.addonBuilt}, repo at ${build.repoHead}\n`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const runs = [];
  const md = [`Transform benchmark, ${new Date().toISOString().slice(0, 10)}, ${m.cpus} × ${m.model}, Node ${m.node}.`, ''];
  const charts = [];
  for (const corpus of values.corpus.split(',').filter(Boolean)) {
    // Babel's worker pool costs minutes on the big corpora (the real one would pass three
    // minutes); by default it runs on corpora under 5 MB only.
    const ids = (bytes) => [...SINGLE, ...MULTI.filter((id) => id !== 'babel-pool' || values['babel-pool'] || bytes < 5e6)];
    const run = await measure(corpus, ids);
    const multi = run.rows.map((r) => r.id).filter((id) => MULTI.includes(id));
    runs.push(run);
    console.log(describe(run));
    for (const [title, ids] of [['1 thread', SINGLE], [`${os.cpus().length} cores`, multi]]) {
      const rows = run.rows.filter((r) => ids.includes(r.id)).map((r) => printable(run, r));
      console.log(`\n${title}\n${table(rows, Object.keys(rows[0]))}\n`);
      md.push(`### ${corpus}, ${title}`, '', markdownTable(rows, Object.keys(rows[0])), '');
    }
    const note = multi.includes('babel-pool') ? '' : ' Babel\'s worker pool was not run on this corpus (over 5 MB; `--babel-pool` runs it).';
    if (note) console.log(note.trim());
    md.push(`${describe(run)}. Measured in ${run.seconds.toFixed(0)} s.${note}`, '');
    charts.push(writeChart(run));
  }
  if (values['extras-corpus']) {
    const corpus = values['extras-corpus'];
    const run = await measure(corpus, SINGLE, { extras: true });
    runs.push(run);
    const rows = run.rows.map((r) => extrasPrintable(run, r));
    console.log(`${describe(run)}\n\n1 thread, with ${EXTRAS.join(' + ')} where the tool has them\n${table(rows, Object.keys(rows[0]))}\n`);
    md.push(`### ${corpus} + ${EXTRAS.join(' + ')}, 1 thread`, '', markdownTable(rows, Object.keys(rows[0])), '', `${describe(run)}.`, '');
    charts.push(writeChart(run));
  }
  fs.writeFileSync(path.join(resultsDir, 'transform.json'), JSON.stringify({ date: new Date().toISOString(), machine: m, build, runs }, null, 2) + '\n');
  fs.writeFileSync(path.join(resultsDir, 'transform.md'), md.join('\n'));
  console.log(`wrote ${path.join(resultsDir, 'transform.json')}, transform.md, ${charts.join(', ')}`);
}

function writeChart(run) {
  const name = `transform-${run.corpus}${run.extras ? '-extras' : ''}.svg`;
  fs.writeFileSync(path.join(resultsDir, name), transformChart(run));
  return name;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
