// ============================================================================================
// ADAPTER SLOT: ours, `compiler build` (incremental builds of a whole project).
// ============================================================================================
// The command this adapter is written against (being built alongside this harness):
//
//   node packages/compiler-js/dist/cli/index.js build <entry> -d <outDir> --root <project>
//        --cache-dir <dir> --stats <file.json> [--watch]
//
// - one shot: cold = an empty cache dir, warm start = the same command again, a new process;
// - --watch: one line on stderr per rebuild, `Rebuilt N of M modules in X ms`;
// - --stats: written on each (re)build, a JSON array of
//   `{ modules, transformed, fromCache, written, removed, errors, ms }`, or the last such object.
//
// Until `build --help` mentions `build`, the harness skips ours with a note. What may need
// filling in once the command lands is marked TODO(ours).
// ============================================================================================
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { oursDir } from '../transformers.mjs';
import { now, sleep, startProcess, treePeakRss } from './proc.mjs';

const cli = () => path.join(oursDir, 'dist/cli/index.js');

/** Whether our CLI has the build command: `build --help` must mention `build`. */
function available() {
  if (!fs.existsSync(cli())) return { ok: false, why: `${path.relative(process.cwd(), cli())} does not exist (npm run build at the root)` };
  const r = spawnSync(process.execPath, [cli(), 'build', '--help'], { encoding: 'utf8', timeout: 30000 });
  const text = `${r.stdout}\n${r.stderr}`;
  // A line of the usage that starts with the command (`  build <entry> …`, `Usage: compiler build …`).
  if (r.status !== 0 || !/^\s*(usage:\s*)?(compiler\s+)?build\b/im.test(text) || /unknown command/i.test(text)) return { ok: false, why: '`compiler build` is not there yet (`build --help` does not describe it)' };
  return { ok: true };
}

const args = (ctx, watch) => [cli(), 'build', ctx.entry, '-d', ctx.outDir, '--root', ctx.dir, '--cache-dir', ctx.cacheDir, '--stats', ctx.statsFile, ...(watch ? ['--watch'] : [])];

/** The last stats object in the --stats file (an array of builds, or one object), or null. */
function lastStats(file) {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(s) ? (s.at(-1) ?? null) : s;
  } catch {
    return null;
  }
}

/** A stderr line reporting a build: `Rebuilt N of M modules in X ms` (or `Built …`). */
const isBuild = (e) => e.stream === 'stderr' && /\b(re)?built\b/i.test(e.line) && /\bin [\d.]+ ?m?s\b/.test(e.line);

/**
 * Where `rel`'s output lands. TODO(ours): fix once the layout is settled; until then both
 * `<out>/<path below src>.js` and `<out>/<path>.js` are tried, by where the entry's output is.
 */
function output(ctx, rel) {
  const js = (p) => p.replace(/\.[cm]?tsx?$/, '.js');
  const stripped = path.join(ctx.outDir, js(rel.replace(/^src\//, '')));
  const kept = path.join(ctx.outDir, js(rel));
  ctx.oursLayout ??= fs.existsSync(path.join(ctx.outDir, js(ctx.entry))) ? 'kept' : fs.existsSync(path.join(ctx.outDir, js(ctx.entry.replace(/^src\//, '')))) ? 'stripped' : null;
  return ctx.oursLayout === 'kept' ? kept : stripped;
}

export const ours = {
  id: 'ours',
  label: 'compiler build (ours)',
  persistentCache: true,
  available,
  applies: () => true,
  version: () => JSON.parse(fs.readFileSync(path.join(oursDir, 'package.json'), 'utf8')).version,
  output,
  threads: true,
  remoteCache: true,
  async once(ctx, env = {}) {
    fs.rmSync(ctx.statsFile, { force: true });
    const proc = startProcess(process.execPath, args(ctx, false), { cwd: ctx.dir, timeV: true, env: { ...process.env, ...env } });
    const end = await proc.exited;
    const stats = lastStats(ctx.statsFile);
    const error = end.code !== 0 ? `exited ${end.code}: ${end.stderr.trim().split('\n').slice(-3).join(' | ')}` : stats?.errors ? `${stats.errors} errors` : undefined;
    return { ms: end.at - proc.started, buildMs: stats?.ms, modules: stats?.modules, stats, peakRss: end.peakRss, error };
  },
  async watch(ctx) {
    fs.rmSync(ctx.statsFile, { force: true });
    const proc = startProcess(process.execPath, args(ctx, true), { cwd: ctx.dir });
    // Ready: the first build line on stderr, or the stats file's first write.
    let readyAt = null;
    const line = proc.waitFor(isBuild, { timeout: 600000 }).then((e) => e && (readyAt ??= e.at));
    while (readyAt == null && !(await Promise.race([proc.exited.then(() => true), sleep(5).then(() => false)]))) {
      if (lastStats(ctx.statsFile)) readyAt ??= now();
    }
    await Promise.race([line, sleep(0)]);
    if (readyAt == null) return { error: `no first build: ${(await proc.exited).stderr.trim().split('\n').slice(-3).join(' | ')}` };
    return {
      proc,
      isBuild,
      readyAt,
      readyMs: readyAt - proc.started,
      async stop() {
        const peakRss = treePeakRss(proc.child.pid);
        proc.child.kill('SIGINT');
        const end = await Promise.race([proc.exited, sleep(10000)]);
        if (!end) proc.child.kill('SIGKILL');
        return { peakRss };
      },
    };
  },
};
