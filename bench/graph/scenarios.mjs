// The scenarios of the graph benchmark, for one tool on one project: cold and warm-start
// builds in new processes, then one incremental session (the tool's watch mode, or esbuild's
// context with a rebuild after each write) with a leaf edited, the most imported module
// edited, an import of a new file added, and a save with no change. Every edit is timed from
// just before the write to the moment the output on disk holds the new content.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { nginxAvailable, startNginx } from '../../tests/servers/nginx.mjs';
import { median } from '../measure.mjs';
import { changed, dirBytes, now, sleep, snapshot, waitForContent } from './proc.mjs';

/** How long a tool may stay quiet after a build before it counts as settled. */
const QUIET_MS = 400;
/** How long a save with no change is given to start a rebuild. */
const NO_CHANGE_WINDOW_MS = 2000;
const EDIT_TIMEOUT_MS = 120000;
const DISCARD_PAUSE_MS = 3000;

const stats = (xs) => {
  const ok = xs.filter((x) => x != null);
  return ok.length ? { median: median(ok), min: Math.min(...ok), max: Math.max(...ok), times: xs } : { median: null, times: xs };
};

/** Runs every scenario of `tool` on `project`; resolves to the rows. */
export async function measureTool(tool, project, { passes, workDir, log = () => {} }) {
  const base = path.join(workDir, 'runs', project.name, tool.id);
  const ctx = { dir: project.dir, entry: project.entry, outDir: path.join(base, 'out'), cacheDir: path.join(base, 'cache'), statsFile: path.join(base, 'stats.json'), project };
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(base, { recursive: true });
  const rows = [];
  const row = (kind, scenario, fields) => {
    const r = { project: project.name, tool: tool.id, label: tool.label, kind, scenario, ...fields };
    rows.push(r);
    log(r);
    return r;
  };
  try {
    await oneShots(tool, project, ctx, passes, row);
    await incremental(tool, project, ctx, passes, row);
  } finally {
    project.restore();
  }
  return rows;
}

// ---- cold and warm start --------------------------------------------------------------------
async function oneShots(tool, project, ctx, passes, row) {
  // Cold and warm builds of a big project take long: at most 2 passes there.
  const n = project.modules > 5000 ? Math.min(passes, 2) : passes;
  const cold = [];
  const warm = [];
  const sizes = [];
  const clear = async () => {
    fs.rmSync(ctx.outDir, { recursive: true, force: true });
    fs.rmSync(ctx.cacheDir, { recursive: true, force: true });
    // The disk here discards freed blocks (ext4 `discard`): let that finish before timing,
    // or the next writes pay for it.
    await sleep(DISCARD_PAUSE_MS);
  };
  // Ours with a remote cache (nginx on this machine, WebDAV): filled by one cold build, then
  // read by builds with an empty local cache and out dir, as a fresh CI runner would. Those
  // alternate with the cold builds, so that both meet the disk in the same state.
  const fill = [];
  const remote = [];
  const server = tool.remoteCache && nginxAvailable() ? await startNginx() : null;
  const remoteEnv = server && { COMPILER_REMOTE_CACHE: server.url('cache') };
  try {
    if (server) {
      await clear();
      fill.push(await tool.once(ctx, remoteEnv));
    }
    for (let p = 0; p < n; p++) {
      if (server && !fill[0].error) {
        await clear();
        remote.push(await tool.once(ctx, remoteEnv));
        const s = remote.at(-1).stats;
        if (s && s.remoteHits !== s.modules) remote.at(-1).error ??= `${s.remoteHits} remote hits of ${s.modules}`;
      }
      await clear();
      cold.push(await tool.once(ctx));
      if (cold.at(-1).error) break;
      // Cache and output sizes after the first cold build, and after the warm start that follows.
      const measureSizes = () => p === 0 && sizes.push({ cacheBytes: tool.persistentCache ? dirBytes(ctx.cacheDir) : null, outBytes: dirBytes(ctx.outDir) });
      measureSizes();
      warm.push(await tool.once(ctx));
      measureSizes();
    }
  } finally {
    await server?.close();
  }
  // Ours once more on one thread, to show what parallel discovery buys.
  const single = [];
  if (tool.threads && !cold.at(-1)?.error) {
    for (let p = 0; p < n; p++) {
      await clear();
      single.push(await tool.once(ctx, { RAYON_NUM_THREADS: '1' }));
    }
  }
  const kinds = [
    ['cold', 'cold', cold],
    ['warm', 'warm start', warm],
    ...(single.length ? [['cold1', 'cold, 1 thread', single]] : []),
    ...(fill.length ? [['remote-fill', 'cold, uploading to a remote cache', fill]] : []),
    ...(remote.length ? [['remote', 'empty local cache, warm remote cache', remote]] : []),
  ];
  for (const [i, [kind, scenario, runs]] of kinds.entries()) {
    const { cacheBytes = null, outBytes = null } = sizes[i] ?? {};
    const error = runs.find((r) => r.error)?.error;
    row(kind, scenario, {
      ...stats(runs.map((r) => (r.error ? null : r.ms))),
      passes: runs.length,
      buildMs: stats(runs.map((r) => r.buildMs ?? null)).median,
      peakRss: Math.max(0, ...runs.map((r) => r.peakRss ?? 0)) || null,
      cacheBytes,
      cacheBytesPerModule: cacheBytes != null ? cacheBytes / project.modules : null,
      outBytes,
      modules: runs.find((r) => r.modules)?.modules,
      error,
    });
  }
}

// ---- the incremental session ----------------------------------------------------------------
/** The build's own time, when the tool prints it (`Rebuilt 1 of 10,000 modules in 4 ms`). */
const buildMsOf = (event) => {
  const m = event && / in ([\d.]+) ?ms\b/.exec(event.line ?? '');
  return m ? Number(m[1]) : null;
};

/** Waits until `session` has reported no build for QUIET_MS; resolves to its last build after `after`. */
async function settle(session, after) {
  let last = null;
  for (;;) {
    const e = await session.proc.waitFor((ev) => session.isBuild(ev), { after: last?.at ?? Math.max(after, now()), timeout: QUIET_MS });
    if (!e) return last;
    last = e;
  }
}

/** Times one write: `apply()` writes and returns `[{ rel, needle }]` to find in the outputs. */
async function timeEdit(tool, ctx, session, apply) {
  const t0 = now();
  const expected = apply();
  session.trigger?.();
  const byOutput = new Map();
  for (const { rel, needle } of expected) {
    const out = tool.output(ctx, rel);
    byOutput.set(out, [...(byOutput.get(out) ?? []), needle]);
  }
  let seen = t0;
  for (const [out, needles] of byOutput) {
    const t = await waitForContent(out, needles, { timeout: EDIT_TIMEOUT_MS });
    if (t == null) return { ms: null, error: `timed out: ${path.relative(ctx.outDir, out)} never held ${needles.join(', ')}` };
    seen = Math.max(seen, t);
  }
  const built = await session.proc.waitFor((e) => session.isBuild(e), { after: t0, timeout: 30000 });
  await settle(session, t0);
  return { ms: seen - t0, buildMs: buildMsOf(built) };
}

async function incremental(tool, project, ctx, passes, row) {
  if (!tool.watch) return;
  const session = await tool.watch(ctx);
  if (session.error) {
    row('watch', 'watch start', { median: null, passes: 1, error: session.error });
    return;
  }
  const results = [];
  const scenario = async (kind, name, apply) => {
    const runs = [];
    for (let p = 0; p < passes && !runs.at(-1)?.error; p++) runs.push(await timeEdit(tool, ctx, session, apply));
    results.push({ kind, name, runs });
  };
  try {
    await settle(session, session.readyAt);
    await sleep(500); // let the tool's file watcher arm
    await scenario('leaf', `leaf edited (${project.leaf})`, () => {
      const marker = project.marker('leaf');
      project.edit(project.leaf, marker);
      return [{ rel: project.leaf, needle: marker }];
    });
    await scenario('hub', `most imported edited (${project.hub}, ${project.hubImporters} importers)`, () => {
      const marker = project.marker('hub');
      project.edit(project.hub, marker);
      return [{ rel: project.hub, needle: marker }];
    });
    await scenario('add', `import of a new file added (to ${project.leaf})`, () => {
      const marker = project.marker('add');
      const added = project.add(project.leaf, marker);
      return [{ rel: added.file, needle: marker }, { rel: project.leaf, needle: added.needle }];
    });
    results.push({ kind: 'nochange', name: `save with no change (${project.hub})`, runs: await noChange(session, project, ctx, passes) });
  } finally {
    const end = await session.stop();
    row('watch', 'watch start', { median: session.readyMs, min: session.readyMs, max: session.readyMs, passes: 1, peakRss: end.peakRss, note: session.note });
    for (const { kind, name, runs } of results) {
      const nc = kind === 'nochange';
      const error = runs.find((r) => r.error)?.error;
      const written = nc ? runs.map((r) => r.written) : undefined;
      row(kind, name, {
        ...stats(runs.map((r) => r.ms)),
        buildMs: stats(runs.map((r) => r.buildMs ?? null)).median,
        passes: runs.length,
        peakRss: end.peakRss,
        written: written && Math.max(...written),
        rebuilt: nc ? runs.filter((r) => r.rebuilt).length : undefined,
        error,
      });
    }
  }
}

/** A save with the same bytes: the time until the tool settles, and which outputs it wrote. */
async function noChange(session, project, ctx, passes) {
  const runs = [];
  for (let p = 0; p < passes; p++) {
    const before = snapshot(ctx.outDir);
    await sleep(20); // so a rewrite shows in the mtimes
    const t0 = now();
    project.touch(project.hub);
    session.trigger?.();
    const first = await session.proc.waitFor((e) => session.isBuild(e), { after: t0, timeout: NO_CHANGE_WINDOW_MS });
    const last = first ? ((await settle(session, first.at)) ?? first) : null;
    const written = changed(before, snapshot(ctx.outDir)).length;
    runs.push({ ms: last ? last.at - t0 : null, buildMs: buildMsOf(first), rebuilt: !!first, written });
  }
  return runs;
}
