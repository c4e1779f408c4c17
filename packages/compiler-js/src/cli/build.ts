// `compiler build`: every module the entries reach, through the incremental module graph
// and its persistent cache; `--watch` keeps rebuilding on change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { type BuildOptions, type BuildResult, createCompiler } from '../api/build';
import { findConfig } from '../config';
import { parseSize } from '../config/cache-dir';
import { stopOnInterrupt } from './interrupt';
import { Reporter, number, plural, recorder } from './report';
import { UsageError } from './usage';

function mapsFlag(value: string | undefined): BuildOptions['sourceMaps'] {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'inline' && value !== 'false') throw new UsageError(`-s takes true, inline or false, not "${value}"`);
  return value === 'inline' ? 'inline' : value === 'true';
}

const statsOf = ({ modules, transformed, fromCache, changed, written, removed, errors, ms }: BuildResult) => ({
  modules,
  transformed,
  fromCache,
  changed,
  written,
  removed,
  errors,
  ms: Math.round(ms * 100) / 100,
});

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
    for (const flag of ['trace', 'include-node-modules', 'cache-max-size'] as const) {
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
  });
  const reporter = new Reporter(!!values.quiet, cwd);
  const record = recorder(reporter, { cwd, statsFile: values.stats, watch: values.watch, statsOf });

  if (!values.watch) {
    const progress = setInterval(() => {
      const p = compiler.progress();
      reporter.progress(p.done, p.found, 'modules');
    }, 200);
    try {
      const result = await compiler.build();
      clearInterval(progress);
      record(result);
      reporter.built(result.modules, result.fromCache, result.errors);
      return result.errors ? 1 : 0;
    } finally {
      clearInterval(progress);
      await compiler.close();
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
