// `compiler minify`: files or directories, minified in one native batch (read, minify and
// write in Rust on all cores); a summary with bytes before/after and gzip.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { CompilerError } from '../api/errors';
import { minifyFiles } from '../api/minify';
import type { MinifyOptions } from '../api/options';
import type { FileJob } from '../api/transform';
import { plan, planSingle } from './files';
import { Reporter, bytes } from './report';
import { UsageError } from './usage';

const MINIFY_EXTENSIONS = ['.js', '.mjs', '.cjs'];

function readConfig(file: string): MinifyOptions {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CompilerError([{ code: 'INVALID_OPTION', message: `${file}: ${(err as Error).message}`, filename: file }]);
  }
}

export async function minifyCommand(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string', short: 'd' },
      'out-file': { type: 'string', short: 'o' },
      'source-map': { type: 'boolean' },
      config: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
  if (positionals.length === 0) throw new UsageError('minify needs at least one file or directory');
  const outDir = values['out-dir'];
  const outFile = values['out-file'];
  if (!outDir === !outFile) throw new UsageError('give exactly one of -d <outDir> or -o <outFile>');

  const options: MinifyOptions = values.config ? readConfig(path.resolve(cwd, values.config)) : {};
  if (values['source-map']) options.sourceMap = typeof options.sourceMap === 'object' ? options.sourceMap : {};

  const planned = outFile
    ? planSingle(positionals, outFile, cwd)
    : plan(positionals, outDir!, { extensions: MINIFY_EXTENSIONS, ignore: [], copyFiles: false, cwd });
  const jobs: FileJob[] = planned.map((p) => ({
    input: p.input,
    output: p.output,
    mapOutput: values['source-map'] ? `${p.output}.map` : undefined,
  }));

  const reporter = new Reporter(!!values.quiet, cwd);
  const results = await minifyFiles(jobs, options);
  let failed = 0;
  let before = 0;
  let after = 0;
  let gzipped = 0;
  results.forEach((r, i) => {
    if (r.errors.length) {
      failed++;
      reporter.failure(r.errors);
      return;
    }
    before += r.bytesIn;
    after += r.bytesOut;
    gzipped += gzipSync(fs.readFileSync(jobs[i].output), { level: 9 }).length;
  });
  reporter.summary('minified', jobs.length - failed, failed, 0);
  if (!values.quiet && jobs.length > failed) {
    process.stderr.write(`${bytes(before)} → ${bytes(after)} (${((after / before) * 100).toFixed(1)} %), gzip ${bytes(gzipped)}\n`);
  }
  return failed ? 1 : 0;
}
