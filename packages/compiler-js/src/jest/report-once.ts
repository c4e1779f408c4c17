// Under Jest, invalid options (in the transformer's entry or compiler.config.json) would
// fail every test file with the same long error. It is reported in full with the first
// test file of the run that meets it, and in one line with the others.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';

import { CompilerError } from '../api/errors';

/**
 * The Jest run this process works for: a worker process's parent (jest-worker forks its
 * workers with an IPC channel), else this process (in band, or a worker thread).
 */
function runId(): number {
  return isMainThread && process.send !== undefined ? process.ppid : process.pid;
}

/** `err` itself the first time the run meets it; after that, a one-line error that says where it is. */
export function reportOnce(err: unknown): unknown {
  if (!(err instanceof CompilerError) || err.code !== 'INVALID_OPTION') return err;
  const key = createHash('sha256').update(err.message).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'compiler-js-jest-reported');
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${runId()}-${key}`), '', { flag: 'wx' });
    return err;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return err;
  }
  const keys = [...err.message.matchAll(/^Invalid option (`[^`]+`)/gm)].map((m) => m[1]);
  const which = keys.length > 0 ? ` (${keys.join(', ')})` : '';
  return new CompilerError([
    {
      code: 'INVALID_OPTION',
      message: `compiler-js/jest: invalid options${which}, reported in full with the first test file that failed in this run`,
      filename: err.filename,
    },
  ]);
}
