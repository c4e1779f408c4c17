// The native results, as the API returns them: errors thrown as `CompilerError`, batch
// outcomes with typed error codes.
import type { NativeFileOutcome, NativeResult } from '../binding';
import { type Diagnostic, type ErrorCode, fromNative } from './errors';
import type { Output } from './options';

export interface FileResult {
  input: string;
  bytesIn: number;
  bytesOut: number;
  errors: Diagnostic[];
}

export function unwrap(result: NativeResult): Output {
  if (result.errors) throw fromNative(result.errors);
  return result.map === undefined ? { code: result.code! } : { code: result.code!, map: result.map };
}

export function fileResults(outcomes: NativeFileOutcome[]): FileResult[] {
  return outcomes.map((o) => ({ ...o, errors: o.errors.map((e) => ({ ...e, code: e.code as ErrorCode })) }));
}
