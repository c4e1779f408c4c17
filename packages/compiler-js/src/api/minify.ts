// The minifier: Terser's options, native sessions cached by option shape like the compiler's.
import { native, type NativeMinifier } from '../binding';
import { CompilerError, fromNativeThrow } from './errors';
import { type FileResult, fileResults, unwrap } from './native-results';
import type { MinifyOptions, Output } from './options';
import { ShapeCache } from './shape-cache';
import { type FileJob, withSourceNames } from './transform';

export function createMinifier(options: MinifyOptions, context?: string): NativeMinifier {
  try {
    return new native.Minifier(JSON.stringify(options));
  } catch (err) {
    throw fromNativeThrow(err, context);
  }
}

const minifiers = new ShapeCache<NativeMinifier>((session) => createMinifier(session));

function minifierFor(options: MinifyOptions = {}): { minifier: NativeMinifier; filename?: string } {
  const { filename, ...session } = options;
  return { minifier: minifiers.get(session), filename };
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
  return fileResults(await minifier.minifyFiles(withSourceNames(jobs)));
}

/**
 * Minifies many sources held in memory (a bundle's chunks) in one native call, on all cores.
 * One result per source, in order: its output, or the `CompilerError` it failed with.
 */
export async function minifyMany(sources: { code: string; filename?: string }[], options?: MinifyOptions): Promise<(Output | CompilerError)[]> {
  const { minifier } = minifierFor(options);
  const results = await minifier.minifyMany(sources);
  return results.map((r) => {
    try {
      return unwrap(r);
    } catch (err) {
      if (err instanceof CompilerError) return err;
      throw err;
    }
  });
}
