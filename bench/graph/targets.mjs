// Ours against its targets, from the rows of one project: the ratios the build command is
// aimed at (measured at synthetic-10000; printed for every project ours ran on).
import { ms } from '../measure.mjs';

const ratio = (a, b) => (a == null || b == null ? 'n/a' : `${(a / b).toFixed(2)}×`);
const fmt = (t) => (t == null ? '—' : `${ms(t)} ms`);

/** `[{ target, ours, against, ratio }]`, or null when ours did not run. */
export function targets(rows, project) {
  const get = (tool, kind) => rows.find((r) => r.tool === tool && r.kind === kind);
  const val = (tool, kind) => get(tool, kind)?.median ?? null;
  if (!rows.some((r) => r.tool === 'ours')) return null;
  const line = (target, a, bLabel, b) => ({ target, ours: fmt(a), against: b === undefined ? '—' : `${bLabel} ${fmt(b)}`, ratio: b === undefined ? '—' : ratio(a, b) });
  const oursRss = Math.max(0, ...rows.filter((r) => r.tool === 'ours').map((r) => r.peakRss ?? 0)) || null;
  const cold = get('ours', 'cold');
  return [
    line('cold vs esbuild bundle:false cold', val('ours', 'cold'), 'esbuild', val('esbuild', 'cold')),
    line('cold on 2 cores vs 1 thread (speed-up: 1 thread / 2 cores)', val('ours', 'cold1'), 'ours cold', val('ours', 'cold')),
    line('warm start vs our cold', val('ours', 'warm'), 'ours cold', val('ours', 'cold')),
    line('warm start vs our cold, in process (build ms)', get('ours', 'warm')?.buildMs ?? null, 'ours cold', get('ours', 'cold')?.buildMs ?? null),
    line('warm start vs rspack warm start', val('ours', 'warm'), 'rspack', val('rspack', 'warm')),
    ...['leaf', 'hub', 'add'].map((k) => line(`edit to disk (${k}) vs esbuild rebuild`, val('ours', k), 'esbuild', val('esbuild', k))),
    line('empty local cache + warm remote vs cold', val('ours', 'remote'), 'ours cold', val('ours', 'cold')),
    line('save with no change (to the build line)', val('ours', 'nochange')),
    line('save with no change, the build itself', get('ours', 'nochange')?.buildMs ?? null),
    { target: 'peak RSS', ours: oursRss == null ? '—' : `${(oursRss / 1e6).toFixed(0)} MB`, against: '—', ratio: '—' },
    {
      target: 'cache bytes / output bytes',
      ours: cold?.cacheBytes == null ? '—' : `${(cold.cacheBytes / 1e6).toFixed(1)} MB / ${(cold.outBytes / 1e6).toFixed(1)} MB`,
      against: '—',
      ratio: cold?.cacheBytes == null || !cold.outBytes ? 'n/a' : (cold.cacheBytes / cold.outBytes).toFixed(2),
    },
  ].map((t) => ({ project: project.name, ...t }));
}
