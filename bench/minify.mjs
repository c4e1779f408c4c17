// Minify benchmark: every minifier on the same unminified library builds (libraries.mjs),
// each (tool, library) timed in a child process of its own (child.mjs). For each output:
// bytes, gzip (level 9) and brotli (quality 11) bytes, a parse with acorn, and a smoke run
// (smoke.mjs) whose answers must equal the unminified build's. Prints tables; writes
// bench/results/minify.{json,md}, minify-time.svg and minify-gzip.svg.
//
//   node bench/minify.mjs [--libs react-dom,lodash,...] [--tools ours,terser,...] [--passes 3]
import * as acorn from 'acorn';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';

import { minifyChart } from './charts.mjs';
import { machine, resultsDir } from './env.mjs';
import { LIBRARIES, libraryPath, libraryVersion, readLibrary } from './libraries.mjs';
import { markdownTable, ms, pool, range, runChild, table } from './measure.mjs';
import { MINIFIERS } from './minifiers.mjs';
import { oursBuild } from './transformers.mjs';

const { values } = parseArgs({
  options: {
    libs: { type: 'string', default: LIBRARIES.map((l) => l.name).join(',') },
    tools: { type: 'string', default: Object.keys(MINIFIERS).join(',') },
    passes: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
  },
});
const timing = ['--passes', values.passes, '--warmup', values.warmup];
const libs = values.libs.split(',').map((n) => LIBRARIES.find((l) => l.name === n) ?? fail(`unknown library ${n}`));
const smokeFlags = ['--experimental-vm-modules', '--no-warnings', '--stack-size=4000'];
function fail(msg) {
  throw new Error(msg);
}

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const brotli = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
const kb = (n) => (n / 1024).toFixed(1);
const ratio = (x, terser) => (terser ? `${(x / terser).toFixed(3)}` : 'n/a');
const speedup = (t, terser) => (terser ? `${(terser / t).toFixed(1)}×` : 'n/a');

function parses(code, lib) {
  try {
    acorn.parse(code, { ecmaVersion: 'latest', sourceType: lib.kind === 'esm' ? 'module' : 'script', allowHashBang: true });
    return true;
  } catch (err) {
    return `${err.message}`;
  }
}

/** The first place where two JSON answers differ, for the report. */
function firstDifference(a, b, at = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

async function main() {
  const m = machine();
  const build = oursBuild();
  console.log(`machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, node ${m.node}, load average ${m.load}`);
  console.log(`compiler-js ${build.version} from ${build.dir}, addon built ${build.addonBuilt}, repo at ${build.repoHead}\n`);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-minify-'));
  const tools = values.tools.split(',').filter((id) => {
    const available = MINIFIERS[id].available?.() ?? true;
    if (available !== true) console.log(`skipped ${MINIFIERS[id].label}: ${available}\n`);
    return available === true;
  });

  // The originals: sizes, and the answers every minified build must give.
  const originals = {};
  const expected = await pool(libs.map((lib) => () => runChild(['smoke', lib.name, libraryPath(lib)], { nodeFlags: smokeFlags })), 2);
  libs.forEach((lib, i) => {
    const buf = Buffer.from(readLibrary(lib));
    if (expected[i].error) throw new Error(`smoke run of the original ${lib.name} failed: ${expected[i].error}`);
    originals[lib.name] = { version: libraryVersion(lib), bytes: buf.length, gzip: gzip(buf), brotli: brotli(buf), answer: expected[i] };
  });

  // Timing: one child per (tool, library), one at a time.
  const rows = [];
  for (const lib of libs) {
    for (const id of tools) {
      const out = path.join(outDir, `${lib.name}.${id}.js`);
      const r = await runChild(['minify', id, lib.name, '--out', out, ...timing]);
      const row = { lib: lib.name, tool: id, label: MINIFIERS[id].label, version: MINIFIERS[id].version() };
      if (r.error) {
        rows.push({ ...row, error: r.error.split('\n')[0] });
        process.stderr.write(`  ${lib.name}: ${row.label} failed: ${row.error}\n`);
        continue;
      }
      const code = fs.readFileSync(out);
      rows.push({ ...row, ...r, out, gzip: gzip(code), brotli: brotli(code), parses: parses(code.toString(), lib) });
      process.stderr.write(`  ${lib.name}: ${row.label} ${ms(r.median)} ms\n`);
    }
  }

  // Smoke runs of every output, two at a time (not timed).
  const ok = rows.filter((r) => !r.error);
  const answers = await pool(ok.map((r) => () => runChild(['smoke', r.lib, r.out], { nodeFlags: smokeFlags })), 2);
  ok.forEach((r, i) => {
    r.smoke = answers[i].error ? `throws: ${answers[i].error.split('\n')[0]}` : (firstDifference(originals[r.lib].answer, answers[i]) ?? true);
  });

  // Every library at once, for the tools that can work off the JS thread.
  const concurrent = [];
  for (const id of tools) {
    const r = await runChild(['minify-all', id, '--libs', libs.map((l) => l.name).join(','), ...timing]);
    if (r.error && /minifyAsync is not a function/.test(r.error)) continue;
    concurrent.push({ tool: id, label: `${MINIFIERS[id].asyncLabel} (Promise.all)`, ...r });
  }

  report({ m, build, rows, originals, concurrent });
  fs.rmSync(outDir, { recursive: true, force: true });
}

function report({ m, build, rows, originals, concurrent }) {
  const md = [`Minify benchmark, ${new Date().toISOString().slice(0, 10)}, ${m.cpus} × ${m.model}, Node ${m.node}.`, ''];
  const terserOf = (lib) => rows.find((r) => r.lib === lib && r.tool === 'terser' && !r.error);
  const check = (r) => (r.parses === true && r.smoke === true ? 'ok' : [r.parses !== true && `parse: ${r.parses}`, r.smoke !== true && `smoke: ${r.smoke}`].filter(Boolean).join('; '));
  for (const lib of libs) {
    const o = originals[lib.name];
    const t = terserOf(lib.name);
    const printed = rows
      .filter((r) => r.lib === lib.name)
      .map((r) =>
        r.error
          ? { tool: r.label, 'median ms': 'failed', 'min–max ms': '', 'KB': '', 'gzip KB': '', 'brotli KB': '', 'speed vs Terser': '', 'gzip vs Terser': '', 'peak RSS MB': '', check: r.error }
          : {
              tool: r.label,
              'median ms': ms(r.median),
              'min–max ms': range(r),
              KB: kb(r.bytesOut),
              'gzip KB': kb(r.gzip),
              'brotli KB': kb(r.brotli),
              'speed vs Terser': speedup(r.median, t?.median),
              'gzip vs Terser': ratio(r.gzip, t?.gzip),
              'peak RSS MB': (r.peakRss / 1e6).toFixed(0),
              check: check(r),
            },
      );
    const title = `${lib.name} ${o.version} (${lib.what}): ${kb(o.bytes)} KB, gzip ${kb(o.gzip)} KB, brotli ${kb(o.brotli)} KB`;
    console.log(`${title}\n${table(printed, Object.keys(printed[0]))}\n`);
    md.push(`### ${title}`, '', markdownTable(printed, Object.keys(printed[0])), '');
  }

  // Totals over the libraries every tool minified.
  const tools = [...new Set(rows.map((r) => r.tool))];
  const complete = libs.filter((lib) => tools.every((id) => rows.some((r) => r.lib === lib.name && r.tool === id && !r.error))).map((l) => l.name);
  const sum = (id, key) => rows.filter((r) => r.tool === id && complete.includes(r.lib)).reduce((n, r) => n + r[key], 0);
  const totals = tools.map((id) => ({
    tool: MINIFIERS[id].label,
    'sum of medians ms': ms(sum(id, 'median')),
    KB: kb(sum(id, 'bytesOut')),
    'gzip KB': kb(sum(id, 'gzip')),
    'brotli KB': kb(sum(id, 'brotli')),
    'speed vs Terser': speedup(sum(id, 'median'), sum('terser', 'median')),
    'gzip vs Terser': ratio(sum(id, 'gzip'), sum('terser', 'gzip')),
    'all parse and pass smoke': rows.filter((r) => r.tool === id).every((r) => !r.error && r.parses === true && r.smoke === true) ? 'yes' : 'NO',
  }));
  const totalTitle = `All ${complete.length} libraries, 1 thread (${complete.join(', ')})`;
  console.log(`${totalTitle}\n${table(totals, Object.keys(totals[0]))}\n`);
  md.push(`### ${totalTitle}`, '', markdownTable(totals, Object.keys(totals[0])), '');

  if (concurrent.length) {
    const c = concurrent.map((r) =>
      r.error
        ? { tool: r.label, 'median ms': 'failed', 'min–max ms': r.error.split('\n')[0], 'peak RSS MB': '' }
        : { tool: r.label, 'median ms': ms(r.median), 'min–max ms': range(r), 'peak RSS MB': (r.peakRss / 1e6).toFixed(0) },
    );
    const cTitle = `Every library at once, ${m.cpus} cores (Terser has no off-thread API)`;
    console.log(`${cTitle}\n${table(c, Object.keys(c[0]))}\n`);
    md.push(`### ${cTitle}`, '', markdownTable(c, Object.keys(c[0])), '');
  }

  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'minify-time.svg'), minifyChart(rows, originals, 'time'));
  fs.writeFileSync(path.join(resultsDir, 'minify-gzip.svg'), minifyChart(rows, originals, 'gzip'));
  const strip = rows.map(({ out, ...r }) => r);
  fs.writeFileSync(path.join(resultsDir, 'minify.json'), JSON.stringify({ date: new Date().toISOString(), machine: m, build, originals: Object.fromEntries(Object.entries(originals).map(([k, { answer, ...o }]) => [k, o])), rows: strip, concurrent }, null, 2) + '\n');
  fs.writeFileSync(path.join(resultsDir, 'minify.md'), md.join('\n'));
  console.log(`wrote ${path.join(resultsDir, 'minify.json')}, minify.md, minify-time.svg, minify-gzip.svg`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
