// `compiler cache stats` and `compiler cache clean`.
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { type CacheStats, cacheClean, cacheStats } from '../api/cache';
import { defaultCacheDir } from '../config/cache-dir';
import { plural } from './report';
import { UsageError } from './usage';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;


function describe(s: CacheStats): string {
  return `${plural(s.entries, 'compiled module')} in ${plural(s.packs, 'pack')} (${mb(s.entryBytes)}), ${plural(s.graphs, 'saved graph')} (${mb(s.graphBytes)})`;
}

export async function cacheCommand(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'cache-dir': { type: 'string' }, json: { type: 'boolean' } },
  });
  const [action, ...rest] = positionals;
  if (rest.length || (action !== 'stats' && action !== 'clean')) throw new UsageError('cache takes "stats" or "clean"');
  const dir = values['cache-dir'] ? path.resolve(cwd, values['cache-dir']) : defaultCacheDir(cwd);
  const stats = action === 'stats' ? cacheStats(dir) : cacheClean(dir);
  if (values.json) process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
  else if (action === 'stats') process.stdout.write(`${stats.dir}: ${describe(stats)}\n`);
  else process.stdout.write(`Removed ${describe(stats)} from ${stats.dir}\n`);
  return 0;
}
