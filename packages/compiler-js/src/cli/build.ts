// `compiler build`: every module the entries reach, through the incremental module graph
// and its persistent cache; `--watch` keeps rebuilding on change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { type BuildOptions, type BuildResult, createCompiler } from '../api/build';
import { findConfig } from '../config';
import { parseSize } from '../config/cache-dir';
import { closeOrDrop, stopOnInterrupt } from './interrupt';
import { Reporter, number, plural, recorder } from './report';
import { UsageError } from './usage';

function mapsFlag(value: string | undefined): BuildOptions['sourceMaps'] {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'inline' && value !== 'false') throw new UsageError(`-s takes true, inline or false, not "${value}"`);
  return value === 'inline' ? 'inline' : value === 'true';
}

const statsOf = ({ modules, transformed, fromCache, changed, written, removed, errors, ms, remote }: BuildResult) => ({
  modules,
  transformed,
  fromCache,
  changed,
  written,
  removed,
  errors,
  ms: Math.round(ms * 100) / 100,
  ...(remote && {
    localHits: fromCache - remote.hits,
    remoteHits: remote.hits,
    remoteMisses: remote.misses,
    remoteErrors: remote.errors,
    bytesDown: remote.bytesDown,
    bytesUp: remote.bytesUp,
  }),
});

/** `--remote-cache`, `--remote-cache-read-only`, `--remote-cache-timeout`, over the environment and config. */
function remoteFlags(values: { 'remote-cache'?: string; 'remote-cache-read-only'?: boolean; 'remote-cache-timeout'?: string }): BuildOptions['remoteCache'] {
  const timeout = values['remote-cache-timeout'];
  if (timeout !== undefined && !/^\d+$/.test(timeout)) throw new UsageError(`--remote-cache-timeout takes milliseconds, not "${timeout}"`);
  const given = {
    url: values['remote-cache'],
    readOnly: values['remote-cache-read-only'] || undefined,
    timeout: timeout === undefined ? undefined : Number(timeout),
  };
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return Object.keys(set).length ? set : undefined;
}

export async function buildCommand(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string', short: 'd' },
      root: { type: 'string' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'cache-max-size': { type: 'string' },
      watch: { type: 'boolean', short: 'w' },
      stats: { type: 'string' },
      trace: { type: 'string' },
      external: { type: 'string', multiple: true },
      'include-node-modules': { type: 'string', multiple: true },
      'source-maps': { type: 'string', short: 's' },
      config: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      bundle: { type: 'boolean' },
      format: { type: 'string' },
      name: { type: 'string' },
      packages: { type: 'string' },
      minify: { type: 'boolean' },
      'remote-cache': { type: 'string' },
      'remote-cache-read-only': { type: 'boolean' },
      'remote-cache-timeout': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('build needs at least one entry module');
  if (!values['out-dir']) throw new UsageError('give the output directory with -d <outDir>');
  for (const entry of positionals) {
    if (!fs.statSync(path.resolve(cwd, entry), { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`${entry}: no such file`);
    }
  }
  if (values['no-cache'] && values['cache-dir']) throw new UsageError('give --cache-dir or --no-cache, not both');
  const cacheMaxSize = values['cache-max-size'] === undefined ? undefined : parseSize(values['cache-max-size']);
  if (cacheMaxSize === undefined && values['cache-max-size'] !== undefined) {
    throw new UsageError(`--cache-max-size takes a size such as 500MB, not "${values['cache-max-size']}"`);
  }

  const configFile = values.config ? path.resolve(cwd, values.config) : findConfig(cwd);
  if (values.bundle) {
    for (const flag of ['trace', 'include-node-modules', 'cache-max-size', 'remote-cache', 'remote-cache-read-only', 'remote-cache-timeout'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --bundle`);
    }
    // Loaded only here: Rollup and its plugins are not part of a plain build's start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { bundleCommand } = require('./bundle') as typeof import('./bundle');
    return bundleCommand(
      {
        entries: positionals,
        outDir: values['out-dir'],
        format: values.format,
        name: values.name,
        packages: values.packages,
        minify: values.minify,
        watch: values.watch,
        stats: values.stats,
        quiet: values.quiet,
        options: {
          root: values.root,
          cacheDir: values['cache-dir'],
          cache: !values['no-cache'],
          external: values.external,
          configFile: configFile ?? false,
          sourceMaps: mapsFlag(values['source-maps']),
        },
      },
      cwd,
    );
  }
  for (const flag of ['format', 'name', 'packages', 'minify'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --bundle`);
  }
  const compiler = createCompiler({
    cwd,
    entries: positionals,
    outDir: values['out-dir'],
    root: values.root,
    cacheDir: values['cache-dir'],
    cache: !values['no-cache'],
    cacheMaxSize,
    external: values.external,
    includeNodeModules: values['include-node-modules'],
    trace: values.trace,
    configFile: configFile ?? false,
    sourceMaps: mapsFlag(values['source-maps']),
    remoteCache: remoteFlags(values),
  });
  const reporter = new Reporter(!!values.quiet, cwd);
  const record = recorder(reporter, { cwd, statsFile: values.stats, watch: values.watch, statsOf });

  if (!values.watch) {
    const progress = setInterval(() => {
      const p = compiler.progress();
      reporter.progress(p.done, p.found, 'modules');
    }, 200);
    let closed = false;
    try {
      const built = await compiler.build();
      clearInterval(progress);
      // Uploads to the remote cache finish here; the stats count them.
      const end = await closeOrDrop(() => compiler.close());
      closed = true;
      const result = { ...built, remote: end.remote ?? built.remote, warnings: [...built.warnings, ...end.warnings] };
      record(result);
      reporter.built(result.modules, result.fromCache, result.errors, result.remote?.hits);
      return result.errors ? 1 : 0;
    } finally {
      clearInterval(progress);
      if (!closed) await compiler.close();
    }
  }

  return new Promise<number>((resolve) => {
    let first = true;
    const watching = compiler.watch((event) => {
      if (event.type === 'error') {
        process.stderr.write(`compiler: ${(event.error as Error)?.message ?? event.error}\n`);
        if (first) void watching.close().then(() => resolve(1));
        return;
      }
      const { result } = event;
      record(result);
      if (first) {
        reporter.built(result.modules, result.fromCache, result.errors);
        if (!values.quiet) process.stderr.write('Watching for changes (Ctrl-C to stop)\n');
      } else if (!values.quiet || result.errors) {
        const failed = result.errors ? ` with ${plural(result.errors, 'error')}` : '';
        process.stderr.write(`Rebuilt ${number(result.changed)} of ${plural(result.modules, 'module')} in ${Math.round(result.ms)} ms${failed}\n`);
      }
      first = false;
    });
    void stopOnInterrupt(watching, !!values.quiet).then(resolve);
  });
}
