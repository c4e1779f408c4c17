// The minifier: Terser's options, native sessions cached by option shape like the compiler's.
import { native, type NativeMinifier, type NativeResult } from '../binding';
import { type ErrorCode, fromNative, fromNativeThrow } from './errors';
import type { MinifyOptions, Output } from './options';
import { type FileJob, type FileResult, withSourceNames } from './transform';

const byShape = new Map<string, NativeMinifier>();
const MAX_SHAPES = 32;

export function createMinifier(options: MinifyOptions, context?: string): NativeMinifier {
  try {
    return new native.Minifier(JSON.stringify(options));
  } catch (err) {
    throw fromNativeThrow(err, context);
  }
}

function minifierFor(options: MinifyOptions = {}): { minifier: NativeMinifier; filename?: string } {
  const { filename, ...session } = options;
  const shape = JSON.stringify(session);
  let minifier = byShape.get(shape);
  if (!minifier) {
    minifier = createMinifier(session);
    if (byShape.size >= MAX_SHAPES) byShape.delete(byShape.keys().next().value as string);
    byShape.set(shape, minifier);
  }
  return { minifier, filename };
}

function unwrap(result: NativeResult): Output {
  if (result.errors) throw fromNative(result.errors);
  return result.map === undefined ? { code: result.code! } : { code: result.code!, map: result.map };
}

/** Minifies on the calling thread. Throws `CompilerError`. */
export function minifySync(code: string, options?: MinifyOptions): Output {
  const { minifier, filename } = minifierFor(options);
  return unwrap(minifier.minifySync(code, { filename }));
}

/** Minifies on the libuv thread pool. Rejects with `CompilerError`. */
export async function minify(code: string, options?: MinifyOptions): Promise<Output> {
  const { minifier, filename } = minifierFor(options);
  return unwrap(await minifier.minify(code, { filename }));
}

/** Minifies many files in one native call (read, minify, write in Rust on all cores). */
export async function minifyFiles(jobs: FileJob[], options?: MinifyOptions): Promise<FileResult[]> {
  const { minifier } = minifierFor(options);
  const outcomes = await minifier.minifyFiles(withSourceNames(jobs));
  return outcomes.map((o) => ({ ...o, errors: o.errors.map((e) => ({ ...e, code: e.code as ErrorCode })) }));
}
