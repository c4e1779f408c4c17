// The tools of the graph benchmark as the harness drives them, one interface for all:
//
//   { id, label, persistentCache, available() → { ok, why }, applies(project) → true | why,
//     version(), once(ctx) → { ms, buildMs?, peakRss, modules?, error? },
//     watch(ctx) → session { readyAt, readyMs, proc, isBuild(event), trigger?(), stop() → { peakRss } },
//     output(ctx, rel) → the file on disk that holds `rel`'s output }
//
// `ctx` is `{ dir, entry, outDir, cacheDir, statsFile, project }`. The libraries (esbuild,
// rspack) run in graph/child.mjs, a process of their own; tsc runs as its CLI; ours is in
// graph/ours.mjs.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { outputOf } from './builders.mjs';
import { startProcess, treePeakRss } from './proc.mjs';

const require = createRequire(import.meta.url);
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.mjs');
const cfgOf = (ctx) => JSON.stringify({ dir: ctx.dir, entry: ctx.entry, outDir: ctx.outDir, cacheDir: ctx.cacheDir });
const firstLine = (s) => String(s ?? '').trim().split('\n').slice(-3).join(' | ').slice(0, 500);

/** A library peer run by graph/child.mjs. `rebuildOnWrite`: it has no watcher of its own. */
function libraryPeer({ id, label, pkg, persistentCache, rebuildOnWrite }) {
  return {
    id,
    label,
    persistentCache,
    available: () => ({ ok: true }),
    applies: () => true,
    version: () => require(`${pkg}/package.json`).version,
    output: (ctx, rel) => outputOf(id, ctx, rel),
    async once(ctx) {
      const proc = startProcess(process.execPath, [childScript, 'once', id, cfgOf(ctx)]);
      const end = await proc.exited;
      const result = proc.events.find((e) => e.tag === 'RESULT')?.data ?? { error: `exited ${end.code}: ${firstLine(end.stderr)}` };
      const error = result.error ?? (result.errors ? `${result.errors} errors: ${result.error ?? ''}` : undefined);
      return { ...result, ms: end.at - proc.started, error };
    },
    async watch(ctx) {
      const proc = startProcess(process.execPath, [childScript, 'watch', id, cfgOf(ctx)]);
      const isBuild = (e) => e.tag === 'BUILD';
      const first = await proc.waitFor((e) => isBuild(e) || e.tag === 'RESULT');
      if (!first || first.tag === 'RESULT') {
        proc.child.kill();
        return { error: first?.data?.error ?? `no first build: ${firstLine((await proc.exited).stderr)}` };
      }
      return {
        proc,
        isBuild,
        readyAt: first.at,
        readyMs: first.at - proc.started,
        note: first.data.errors ? `${first.data.errors} errors: ${first.data.error ?? ''}` : undefined,
        trigger: rebuildOnWrite ? () => proc.send({ op: 'rebuild' }) : undefined,
        async stop() {
          proc.send({ op: 'stop' });
          const r = await proc.waitFor((e) => e.tag === 'RESULT', { timeout: 60000 });
          if (!r) proc.child.kill();
          await proc.exited;
          return { peakRss: r?.data.peakRss ?? null };
        },
      };
    },
  };
}

// ---- tsc --------------------------------------------------------------------------------------
const tscBin = () => require.resolve('typescript/bin/tsc');
// Its persistent cache is the .tsbuildinfo of --incremental.
const tscArgs = (ctx) => [tscBin(), '-p', 'tsconfig.json', '--outDir', ctx.outDir, '--incremental', '--tsBuildInfoFile', path.join(ctx.cacheDir, 'tsconfig.tsbuildinfo')];

const tsc = {
  id: 'tsc',
  label: 'tsc (--incremental, --watch)',
  persistentCache: true,
  available: () => ({ ok: true }),
  // Type-checks as it builds: measured on the synthetic app of 1,000 modules or fewer only.
  applies: (project) => (/^synthetic-/.test(project.name) && project.modules <= 1001) || 'synthetic-1000 only',
  version: () => require('typescript/package.json').version,
  output: (ctx, rel) => path.join(ctx.outDir, rel.replace(/^src\//, '').replace(/\.tsx?$/, '.js')),
  async once(ctx) {
    const proc = startProcess(process.execPath, tscArgs(ctx), { cwd: ctx.dir, timeV: true });
    const end = await proc.exited;
    // Exit code 2: type errors, outputs written all the same (noEmitOnError is off).
    const error = end.code === 0 || end.code === 2 ? undefined : `exited ${end.code}: ${firstLine(end.stderr)}`;
    return { ms: end.at - proc.started, peakRss: end.peakRss, error };
  },
  async watch(ctx) {
    const proc = startProcess(process.execPath, [...tscArgs(ctx), '--watch', '--preserveWatchOutput'], { cwd: ctx.dir });
    const isBuild = (e) => e.stream === 'stdout' && /Watching for file changes/.test(e.line);
    const first = await proc.waitFor(isBuild, { timeout: 600000 });
    if (!first) {
      proc.child.kill();
      return { error: `no first build: ${firstLine((await proc.exited).stderr)}` };
    }
    const errors = proc.events.map((e) => /Found (\d+) errors?/.exec(e.line ?? '')?.[1]).find(Boolean);
    return {
      proc,
      isBuild,
      readyAt: first.at,
      readyMs: first.at - proc.started,
      note: errors && errors !== '0' ? `${errors} type errors (outputs written all the same)` : undefined,
      async stop() {
        const peakRss = treePeakRss(proc.child.pid);
        proc.child.kill('SIGTERM');
        await proc.exited;
        return { peakRss };
      },
    };
  },
};

export const PEERS = {
  esbuild: libraryPeer({ id: 'esbuild', label: 'esbuild (bundle: false)', pkg: 'esbuild', persistentCache: false, rebuildOnWrite: true }),
  'esbuild-bundle': libraryPeer({ id: 'esbuild-bundle', label: 'esbuild (bundle: true)', pkg: 'esbuild', persistentCache: false, rebuildOnWrite: true }),
  rspack: libraryPeer({ id: 'rspack', label: 'rspack (persistent cache)', pkg: '@rspack/core', persistentCache: true, rebuildOnWrite: false }),
  tsc,
};
