// `compiler transform`: plan the files, compile them all in one native batch (in chunks,
// for a progress line), copy the rest, report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { CompilerError, formatDiagnostic } from '../api/errors';
import type { TransformOptions } from '../api/options';
import { type FileJob, transform, transformFiles } from '../api/transform';
import { loadConfig } from '../config';
import { withTsconfig } from '../config/tsconfig';
import { DEFAULT_EXTENSIONS, globToRegExp, plan, planSingle } from './files';
import { Reporter } from './report';
import { UsageError } from './usage';

const CHUNKS = 20;

export async function transformCommand(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string', short: 'd' },
      'out-file': { type: 'string', short: 'o' },
      'source-maps': { type: 'string', short: 's' },
      config: { type: 'string' },
      extensions: { type: 'string' },
      ignore: { type: 'string', multiple: true },
      'copy-files': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      'stdin-filename': { type: 'string' },
    },
  });
  const stdinName = values['stdin-filename'];
  if (stdinName !== undefined && positionals.length) throw new UsageError('give input files or --stdin-filename, not both');
  if (stdinName === undefined && positionals.length === 0) throw new UsageError('transform needs a file, a directory or --stdin-filename');
  for (const input of positionals) {
    if (!fs.existsSync(path.resolve(cwd, input))) throw new UsageError(`${input}: no such file or directory`);
  }
  const outDir = values['out-dir'];
  const outFile = values['out-file'];
  if (outDir && outFile) throw new UsageError('give -d <outDir> or -o <outFile>, not both');
  // No output named: one file (or stdin) to stdout, as babel and swc do.
  const toStdout = !outDir && !outFile;
  if (toStdout && (positionals.length > 1 || (positionals[0] && !fs.statSync(path.resolve(cwd, positionals[0])).isFile()))) {
    throw new UsageError('give -d <outDir> to compile several files or a directory (one file prints to stdout)');
  }

  const config = await loadConfig({ file: values.config, cwd });
  // The nearest tsconfig.json to the first input fills in what the config does not say.
  const firstInput = path.resolve(cwd, positionals[0] ?? stdinName!);
  const firstDir = fs.statSync(firstInput, { throwIfNoEntry: false })?.isDirectory() ? firstInput : path.dirname(firstInput);
  const options: TransformOptions = withTsconfig({ ...config.options }, firstDir);
  const maps = values['source-maps'];
  if (maps !== undefined) {
    if (maps !== 'true' && maps !== 'inline' && maps !== 'false') {
      throw new UsageError(`-s takes true, inline or false, not "${maps}"`);
    }
    options.sourceMaps = maps === 'inline' ? 'inline' : maps === 'true';
  }
  if (toStdout) return toStandardOutput(options, stdinName === undefined ? path.resolve(cwd, positionals[0]) : undefined, stdinName, cwd);

  const extensions = values.extensions
    ? values.extensions.split(',').map((e) => (e.startsWith('.') ? e : `.${e}`))
    : DEFAULT_EXTENSIONS;
  const ignore = (values.ignore ?? []).map(globToRegExp);

  const planned = outFile
    ? planSingle(positionals, outFile, cwd)
    : plan(positionals, outDir!, { extensions, ignore, copyFiles: !!values['copy-files'], cwd });

  const reporter = new Reporter(!!values.quiet, cwd);
  const jobs: FileJob[] = planned
    .filter((p) => !p.copy)
    .map((p) => ({ input: p.input, output: p.output, mapOutput: options.sourceMaps === true ? `${p.output}.map` : undefined }));

  let failed = 0;
  const chunkSize = Math.max(256, Math.ceil(jobs.length / CHUNKS));
  for (let start = 0; start < jobs.length; start += chunkSize) {
    const results = await transformFiles(jobs.slice(start, start + chunkSize), options);
    for (const r of results) {
      if (r.errors.length) {
        failed++;
        reporter.failure(r.errors);
      }
    }
    reporter.progress(Math.min(start + chunkSize, jobs.length), jobs.length);
  }

  const copies = planned.filter((p) => p.copy);
  for (const c of copies) {
    fs.mkdirSync(path.dirname(c.output), { recursive: true });
    fs.copyFileSync(c.input, c.output);
  }
  reporter.summary('compiled', jobs.length - failed, failed, copies.length);
  return failed ? 1 : 0;
}

/** One file, or stdin named `stdinName`, compiled to stdout; errors to stderr (exit 1). */
async function toStandardOutput(options: TransformOptions, file: string | undefined, stdinName: string | undefined, cwd: string): Promise<number> {
  if (options.sourceMaps === true) throw new UsageError('-s true writes a .map file: give -o or -d, or use -s inline');
  const source = file ? fs.readFileSync(file, 'utf8') : fs.readFileSync(0, 'utf8');
  const filename = file ?? path.resolve(cwd, stdinName!);
  try {
    const { code } = await transform(source, { ...options, filename });
    process.stdout.write(code);
    return 0;
  } catch (err) {
    if (!(err instanceof CompilerError)) throw err;
    for (const e of err.errors) {
      const shown = e.filename ? { ...e, filename: path.relative(cwd, e.filename) || e.filename } : e;
      process.stderr.write(`${formatDiagnostic(shown)}\n`);
    }
    return 1;
  }
}
