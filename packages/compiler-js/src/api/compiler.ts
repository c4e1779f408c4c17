// Compilers are native sessions whose options were parsed once; calls with options of the
// same shape (all but the per-file keys) share one.
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

export function splitOptions(options: TransformOptions = {}): { session: TransformOptions; file: PerFile } {
  const { filename, sourceFileName, inputSourceMap, ...rest } = withCurrentNode(options);
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
