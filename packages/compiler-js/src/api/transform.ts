import * as path from 'node:path';

import { withTsconfig } from '../config/tsconfig';
import { compilerFor, createCompiler, splitOptions, withArtifactDirectory } from './compiler';
import { type FileResult, fileResults, unwrap } from './native-results';
import type { Output, TransformOptions } from './options';

export type { FileResult } from './native-results';

/** Compiles `code` on the calling thread. Throws `CompilerError`. */
export function transformSync(code: string, options?: TransformOptions): Output {
  const { compiler, file } = compilerFor(options);
  return unwrap(compiler.transformSync(code, file));
}

/** Compiles `code` on the libuv thread pool. Rejects with `CompilerError`. */
export async function transform(code: string, options?: TransformOptions): Promise<Output> {
  const { compiler, file } = compilerFor(options);
  return unwrap(await compiler.transform(code, file));
}

/**
 * Reads and compiles a file off the JS thread; `filename` defaults to `filePath`. The
 * nearest tsconfig.json supplies decorators, JSX and class-field defaults; `options` win.
 */
export async function transformFile(filePath: string, options: TransformOptions = {}): Promise<Output> {
  const { compiler, file } = compilerFor(withTsconfig({ ...options, filename: options.filename ?? filePath }, path.dirname(path.resolve(filePath))));
  return unwrap(await compiler.transformFile(filePath, file));
}

export interface FileJob {
  input: string;
  output: string;
  /** Written to the map's `sources`; defaults to the input path relative to the map. */
  sourceFileName?: string;
  /** Where to write the map (when `sourceMaps` is `true`); a `sourceMappingURL` comment points at it. */
  mapOutput?: string;
}

/** Maps name their sources relative to where the map is written. */
export function withSourceNames(jobs: FileJob[]): FileJob[] {
  return jobs.map((job) => ({
    ...job,
    sourceFileName:
      job.sourceFileName ??
      (job.mapOutput ? path.relative(path.dirname(job.mapOutput), job.input).split(path.sep).join('/') : undefined),
  }));
}

/**
 * Compiles many files in one native call: read, transform and write happen in Rust on
 * all cores. Failures are per file, in `errors`; the other files are still written.
 */
export async function transformFiles(jobs: FileJob[], options?: TransformOptions): Promise<FileResult[]> {
  // Inputs may be absolute: so is a relative artifact directory, read from the working directory.
  const { session } = splitOptions(withArtifactDirectory(options ?? {}));
  const compiler = createCompiler(session);
  return fileResults(await compiler.compileFiles(withSourceNames(jobs)));
}
