// What the CLI prints to stderr: a progress line on long runs, failures with code
// frames, and a one-line summary.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { type Diagnostic, formatDiagnostic } from '../api/errors';

/** `10,000`. Not `toLocaleString`: loading ICU's number data costs ~15 ms of a warm start. */
export const number = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const plural = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? '' : 's'}`;
export const bytes = (n: number) => `${number(n)} bytes`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

export class Reporter {
  private readonly started = Date.now();
  private shownProgress = false;

  constructor(private readonly quiet: boolean, private readonly cwd: string) {}

  /** A progress line, rewritten in place; only on a terminal, and only after a second. */
  progress(done: number, total: number, unit = 'files') {
    if (this.quiet || !process.stderr.isTTY || Date.now() - this.started < 1000 || total === 0) return;
    this.shownProgress = true;
    process.stderr.write(`\rCompiling... ${number(done)}/${number(total)} ${unit}`);
  }

  failure(errors: Diagnostic[]) {
    if (this.shownProgress) process.stderr.write('\n');
    this.shownProgress = false;
    for (const e of errors) {
      const shown = e.filename ? { ...e, filename: path.relative(this.cwd, e.filename) || e.filename } : e;
      process.stderr.write(`${formatDiagnostic(shown)}\n\n`);
    }
  }

  /** `Built 10,000 modules (9,998 from cache) in 0.21 s`, or how many errors there were. */
  built(modules: number, fromCache: number, errors: number, fromRemote?: number) {
    if (this.shownProgress) process.stderr.write('\n');
    this.shownProgress = false;
    const took = seconds(Date.now() - this.started);
    const failed = errors ? ` with ${plural(errors, 'error')}` : '';
    if (errors || !this.quiet) {
      const remote = fromRemote ? `, ${number(fromRemote)} of them from the remote cache` : '';
      process.stderr.write(`Built ${plural(modules, 'module')} (${number(fromCache)} from cache${remote})${failed} in ${took}\n`);
    }
  }

  summary(verb: string, compiled: number, failed: number, copied: number) {
    if (this.shownProgress) process.stderr.write('\n');
    const took = seconds(Date.now() - this.started);
    const copiedText = copied ? `, copied ${plural(copied, 'file')}` : '';
    if (failed) {
      process.stderr.write(`Failed to compile ${plural(failed, 'file')}; ${verb} ${plural(compiled, 'file')}${copiedText} in ${took}\n`);
    } else if (!this.quiet) {
      process.stderr.write(`${verb[0].toUpperCase()}${verb.slice(1)} ${plural(compiled, 'file')}${copiedText} in ${took}\n`);
    }
  }
}

/**
 * What `build` and `build --bundle` do with each result: warnings and failures to stderr,
 * and with `statsFile`, the figures written there (when watching, an array of every build's).
 */
export function recorder<R extends { warnings: string[]; diagnostics: Diagnostic[] }>(
  reporter: Reporter,
  options: { cwd: string; statsFile?: string; watch?: boolean; statsOf: (result: R) => object },
): (result: R) => void {
  const stats: object[] = [];
  return (result) => {
    for (const w of result.warnings) process.stderr.write(`compiler: warning: ${w}\n`);
    if (result.diagnostics.length) reporter.failure(result.diagnostics);
    if (options.statsFile) {
      stats.push(options.statsOf(result));
      const file = path.resolve(options.cwd, options.statsFile);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(options.watch ? stats : stats[0], null, 2)}\n`);
    }
  };
}
