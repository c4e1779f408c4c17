// Compilers are native sessions whose options were parsed once. Calls with options of
// the same shape (all but the per-file keys) share one, so a loop over files pays for
// option parsing once, not per call.
import { native, type NativeCompiler } from '../binding';
import { fromNativeThrow } from './errors';
import type { TransformOptions } from './options';

/** Keys that differ per file and travel with each call instead of keying the session. */
export interface PerFile {
  filename?: string;
  sourceFileName?: string;
  inputSourceMap?: string;
}

const byShape = new Map<string, NativeCompiler>();
const MAX_SHAPES = 32;

export function splitOptions(options: TransformOptions = {}): { session: TransformOptions; file: PerFile } {
  const { filename, sourceFileName, inputSourceMap, ...rest } = options;
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

export function compilerFor(options: TransformOptions | undefined): { compiler: NativeCompiler; file: PerFile } {
  const { session, file } = splitOptions(options);
  const shape = JSON.stringify(session);
  let compiler = byShape.get(shape);
  if (!compiler) {
    compiler = createCompiler(session);
    if (byShape.size >= MAX_SHAPES) byShape.delete(byShape.keys().next().value as string);
    byShape.set(shape, compiler);
  }
  return { compiler, file };
}
