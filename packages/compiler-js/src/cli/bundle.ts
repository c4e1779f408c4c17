// `compiler build --bundle`: production bundles through Rollup (see `bundle/`), with the
// same summary, stats and error reporting as `compiler build`.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { type BundleOptions, type BundleResult, bundle, watchBundle } from '../bundle';
import { Reporter, number, plural } from './report';
import { stopOnInterrupt } from './interrupt';
import { UsageError } from './usage';

export interface BundleFlags {
  entries: string[];
  outDir: string;
  format?: string;
  name?: string;
  packages?: string;
  minify?: boolean;
  watch?: boolean;
  stats?: string;
  quiet?: boolean;
  options: Omit<BundleOptions, 'entries' | 'outDir' | 'format' | 'name' | 'packages' | 'minify'>;
}

const FORMATS = ['esm', 'cjs', 'iife'];

const statsOf = ({ modules, transformed, fromCache, chunks, errors, ms }: BundleResult) => ({
  modules,
  transformed,
  fromCache,
  chunks: chunks.map((c) => c.fileName),
  bytes: chunks.reduce((n, c) => n + c.bytes, 0),
  errors,
  ms: Math.round(ms * 100) / 100,
});

export async function bundleCommand(flags: BundleFlags, cwd: string): Promise<number> {
  if (flags.format !== undefined && !FORMATS.includes(flags.format)) throw new UsageError(`--format takes esm, cjs or iife, not "${flags.format}"`);
  if (flags.packages !== undefined && flags.packages !== 'bundle' && flags.packages !== 'external') {
    throw new UsageError(`--packages takes bundle or external, not "${flags.packages}"`);
  }
  const options: BundleOptions = {
    ...flags.options,
    entries: flags.entries,
    outDir: flags.outDir,
    format: flags.format as BundleOptions['format'],
    name: flags.name,
    packages: flags.packages as BundleOptions['packages'],
    minify: flags.minify,
    cwd,
  };
  const reporter = new Reporter(!!flags.quiet, cwd);
  const stats: ReturnType<typeof statsOf>[] = [];
  const record = (result: BundleResult) => {
    for (const w of result.warnings) process.stderr.write(`compiler: warning: ${w}\n`);
    if (result.diagnostics.length) reporter.failure(result.diagnostics);
    if (flags.stats) {
      stats.push(statsOf(result));
      const file = path.resolve(cwd, flags.stats);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(flags.watch ? stats : stats[0], null, 2)}\n`);
    }
  };
  const line = (verb: string, r: BundleResult) => {
    const failed = r.errors ? ` with ${plural(r.errors, 'error')}` : '';
    const into = r.errors ? '' : ` into ${plural(r.chunks.length, 'chunk')}`;
    return `${verb} ${plural(r.modules, 'module')} (${number(r.fromCache)} from cache)${into}${failed} in ${Math.round(r.ms)} ms\n`;
  };

  if (!flags.watch) {
    const result = await bundle(options);
    record(result);
    if (result.errors || !flags.quiet) process.stderr.write(line('Bundled', result));
    return result.errors ? 1 : 0;
  }

  return new Promise<number>((resolve) => {
    let first = true;
    const watching = watchBundle(options, ({ result }) => {
      record(result);
      if (result.errors || !flags.quiet) process.stderr.write(line(first ? 'Bundled' : 'Rebundled', result));
      if (first && !flags.quiet) process.stderr.write('Watching for changes (Ctrl-C to stop)\n');
      first = false;
    });
    void stopOnInterrupt(watching, !!flags.quiet).then(resolve);
  });
}
