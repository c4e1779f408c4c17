// Runs one tool in a process of its own, so that its peak RSS is its own, and prints one
// `@@RESULT <json>` line. The parent scripts (transform.mjs, minify.mjs) spawn it:
//
//   node child.mjs transform <variant> <corpus> [--extras] [--drop FILE] [--passes N] [--warmup N]
//   node child.mjs check <variant> <corpus> [--extras]     prints `@@CHECK <json>` (which files
//     the tool rejects; that pass is the warm-up), reads the files to drop as a JSON line on
//     stdin, then times the passes on the other files
//   node child.mjs minify <tool> <library> [--out FILE] [--passes N] [--warmup N]
//   node child.mjs minify-all <tool> [--libs a,b] [--passes N] [--warmup N]   all at once
//   node --experimental-vm-modules child.mjs smoke <library> <file>
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';

import { loadCorpus } from './corpus.mjs';
import { timePasses } from './measure.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    extras: { type: 'boolean', default: false },
    drop: { type: 'string' },
    out: { type: 'string' },
    passes: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    libs: { type: 'string' },
  },
});
const [mode, id, target] = positionals;
const passes = { passes: Number(values.passes), warmup: Number(values.warmup) };
const rss = () => process.resourceUsage().maxRSS * 1024;
const bytesOf = (out) => (Array.isArray(out) ? out.reduce((n, c) => n + Buffer.byteLength(c), 0) : out);

async function transform() {
  const { TRANSFORM_VARIANTS } = await import('./transformers.mjs');
  let files = await loadCorpus(target);
  if (values.drop) {
    const drop = new Set(JSON.parse(fs.readFileSync(values.drop, 'utf8')));
    files = files.filter((f) => !drop.has(f.name));
  }
  const baseline = rss();
  const variant = await TRANSFORM_VARIANTS[id].load(values.extras);
  let timing = passes;
  if (mode === 'check') {
    // Every file once, one call each: which ones the tool rejects. This pass is the warm-up.
    const rejected = [];
    const outputs = [];
    for (const f of files) {
      try {
        outputs.push(variant.one(f));
      } catch (err) {
        rejected.push({ file: f.name, error: String(err.message).split('\n')[0].slice(0, 300) });
      }
    }
    const bytesIn = files.reduce((n, f) => n + Buffer.byteLength(f.code), 0);
    report('CHECK', { rejected, supports: variant.supports, applied: applied(outputs), bytesIn });
    // Then the parent sends the files any tool rejected, when it is this tool's turn.
    const drop = new Set(JSON.parse(await nextLine()));
    files = files.filter((f) => !drop.has(f.name));
    timing = { ...passes, warmup: 0 };
  }
  await variant.prepare?.(files);
  let out;
  const t = await timePasses(async () => (out = await variant.run(files)), timing);
  await variant.close?.();
  return { ...t, files: files.length, bytesIn: files.reduce((n, f) => n + Buffer.byteLength(f.code), 0), bytesOut: bytesOf(out), baselineRss: baseline, peakRss: rss() };
}

const report = (tag, data) => process.stdout.write(`@@${tag} ${JSON.stringify(data)}\n`);

function nextLine() {
  const rl = readline.createInterface({ input: process.stdin });
  return new Promise((resolve) =>
    rl.once('line', (line) => {
      rl.close();
      process.stdin.destroy(); // or the open pipe keeps this process alive
      resolve(line);
    }),
  );
}

/** What the extra transforms left in the outputs (see synthetic.mjs for what is there). */
function applied(outputs) {
  const count = (re) => outputs.reduce((n, c) => n + (c.match(re)?.length ?? 0), 0);
  return {
    consoleCalls: count(/\bconsole\.\w+\(/g),
    dataTestProps: count(/["']?data-test[\w-]*["']?\s*:/g),
    barrelImports: count(/from\s*["']ui-lib["']/g),
    styledJsx: count(/styled-jsx\/style/g),
  };
}

async function minify() {
  const { MINIFIERS } = await import('./minifiers.mjs');
  const { LIBRARIES, readLibrary } = await import('./libraries.mjs');
  const wanted = mode === 'minify-all' ? (values.libs?.split(',') ?? LIBRARIES.map((l) => l.name)) : [target];
  const libs = LIBRARIES.filter((l) => wanted.includes(l.name));
  const codes = libs.map(readLibrary);
  const baseline = rss();
  const tool = await MINIFIERS[id].load();
  let out;
  const run =
    mode === 'minify-all'
      ? async () => (out = await Promise.all(libs.map((l, i) => tool.minifyAsync(codes[i], l))))
      : async () => (out = [tool.minify(codes[0], libs[0])]);
  const t = await timePasses(run, passes);
  if (values.out) fs.writeFileSync(values.out, out[0]);
  return { ...t, bytesIn: codes.reduce((n, c) => n + Buffer.byteLength(c), 0), bytesOut: bytesOf(out), baselineRss: baseline, peakRss: rss() };
}

async function smoke() {
  const { runSmoke } = await import('./smoke.mjs');
  return runSmoke(id, fs.readFileSync(target, 'utf8'));
}

const modes = { transform, check: transform, minify, 'minify-all': minify, smoke };
try {
  if (!modes[mode]) throw new Error(`unknown mode ${mode}`);
  const result = await modes[mode]();
  report('RESULT', result);
} catch (err) {
  report('RESULT', { error: String(err?.stack ?? err) });
  process.exitCode = 1;
}
