// Compilers are native sessions whose options were parsed once; calls with options of the
// same shape (all but the per-file keys) share one.
import * as path from 'node:path';

import { native, type NativeCompiler } from '../binding';
import { fromNativeThrow } from './errors';
import type { TransformOptions } from './options';
import { ShapeCache } from './shape-cache';

/** Keys that differ per file and travel with each call instead of keying the session. */
export interface PerFile {
  filename?: string;
  sourceFileName?: string;
  inputSourceMap?: string;
}

/**
 * Babel's `targets: { node: 'current' }` (or `node: true`) is the Node.js running this
 * process; the native side takes versions only. Its major version: browserslist's data
 * lags behind Node's patch releases, and a minor adds no syntax.
 */
export function withCurrentNode(options: TransformOptions): TransformOptions {
  const targets = options.targets;
  if (!targets || typeof targets !== 'object' || Array.isArray(targets)) return options;
  if (targets.node !== 'current' && targets.node !== true) return options;
  return { ...options, targets: { ...targets, node: process.versions.node.split('.')[0] } };
}

/**
 * Next.js reads a relative `relay.artifactDirectory` from the project directory, which is
 * the working directory; the native side takes it in the frame of the file names it is
 * given: `place` puts it there (by default, absolute from the working directory; the graph's
 * file names are relative to its root, and so is its directory, which keeps outputs and
 * cache keys free of the machine's directories).
 */
export function withArtifactDirectory(options: TransformOptions, place: (dir: string) => string = (dir) => path.resolve(dir)): TransformOptions {
  const dir = options.relay?.artifactDirectory;
  if (typeof dir !== 'string') return options;
  return { ...options, relay: { ...options.relay!, artifactDirectory: place(dir) } };
}

export function splitOptions(options: TransformOptions = {}): { session: TransformOptions; file: PerFile } {
  // A relative file name and a relative directory are both read from the working
  // directory already; an absolute file name needs an absolute directory.
  const absolute = typeof options.filename === 'string' && path.isAbsolute(options.filename);
  const placed = absolute ? withArtifactDirectory(withCurrentNode(options)) : withCurrentNode(options);
  const { filename, sourceFileName, inputSourceMap, ...rest } = placed;
  const session: TransformOptions = rest;
  const file: PerFile = { filename, sourceFileName };
  if (typeof inputSourceMap === 'string') {
    file.inputSourceMap = inputSourceMap;
  } else if (inputSourceMap !== undefined) {
    session.inputSourceMap = inputSourceMap;
  }
  return { session, file };
}

export function createCompiler(session: TransformOptions, context?: string): NativeCompiler {
  try {
    return new native.Compiler(JSON.stringify(session));
  } catch (err) {
    throw fromNativeThrow(err, context);
  }
}

const compilers = new ShapeCache<NativeCompiler>((session) => createCompiler(session));

export function compilerFor(options: TransformOptions | undefined): { compiler: NativeCompiler; file: PerFile } {
  const { session, file } = splitOptions(options);
  return { compiler: compilers.get(session), file };
}
