import type { NativeDiagnostic } from '../binding';

export type ErrorCode = 'SYNTAX_ERROR' | 'INVALID_OPTION' | 'TRANSFORM_ERROR' | 'IO_ERROR' | 'RESOLVE_ERROR' | 'NESTING_TOO_DEEP' | 'INTERNAL';

/** One problem found in a file or its options. `line` and `column` are 1-based. */
export interface Diagnostic {
  code: ErrorCode;
  message: string;
  filename?: string;
  line?: number;
  column?: number;
  /** The source lines around the problem with a caret under the column, as `@babel/code-frame`. */
  frame?: string;
}

/** Thrown (sync) or rejected (async) for bad input or options; `errors` holds every problem found. */
export class CompilerError extends Error {
  readonly code: ErrorCode;
  readonly filename?: string;
  readonly line?: number;
  readonly column?: number;
  readonly frame?: string;
  readonly errors: Diagnostic[];

  constructor(errors: Diagnostic[]) {
    const [first] = errors;
    super(formatErrors(errors));
    this.name = 'CompilerError';
    this.code = first.code;
    this.filename = first.filename;
    this.line = first.line;
    this.column = first.column;
    this.frame = first.frame;
    this.errors = errors;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  let head = d.message;
  if (d.filename) {
    const at = d.line ? `:${d.line}:${d.column}` : '';
    head = `${d.filename}${at}: ${d.message}`;
  }
  return d.frame ? `${head}\n\n${d.frame}` : head;
}

function formatErrors(errors: Diagnostic[]): string {
  const text = formatDiagnostic(errors[0]);
  return errors.length > 1 ? `${text}\n\n(and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : text;
}

export function fromNative(errors: NativeDiagnostic[]): CompilerError {
  return new CompilerError(errors.map((e) => ({ ...e, code: e.code as ErrorCode })));
}

/** Errors thrown by the native constructor carry napi's status in `code`. */
export function fromNativeThrow(err: unknown, context?: string): unknown {
  if (err instanceof Error && (err as { code?: string }).code === 'InvalidArg') {
    const message = context ? `${context}: ${err.message}` : err.message;
    return new CompilerError([{ code: 'INVALID_OPTION', message }]);
  }
  return err;
}
