// `compiler build --bundle`: production bundles through Rollup (see `bundle/`), with the
// same summary, stats and error reporting as `compiler build`.
import { type BundleOptions, type BundleResult, bundle, watchBundle } from '../bundle';
import { stopOnInterrupt } from './interrupt';
import { Reporter, number, plural, recorder } from './report';
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
  const record = recorder(reporter, { cwd, statsFile: flags.stats, watch: flags.watch, statsOf });
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
