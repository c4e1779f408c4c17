// Timing helpers: a warm-up pass, then timed passes; median and range. Child processes.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timePasses(fn, { passes = 3, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < passes; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), times };
}

export const mbPerSecond = (bytes, ms) => bytes / 1e6 / (ms / 1000);
export const mb = (bytes) => (bytes == null ? '—' : (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1));
export const ms = (t) => (t >= 100 ? t.toFixed(0) : t.toFixed(1));
export const range = (t) => `${ms(t.min)}–${ms(t.max)}`;

export function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

export function markdownTable(rows, columns) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.mjs');

/**
 * Starts `node [nodeFlags] child.mjs ...args`. `next()` resolves to the next `@@TAG <json>`
 * line it prints, as `{ tag, data }` (or `{ tag: 'RESULT', data: { error } }` if it exits
 * first); `send(value)` writes a JSON line to its stdin; `kill()` ends it if it still runs.
 */
export function startChild(args, { nodeFlags = [] } = {}) {
  const child = spawn(process.execPath, [...nodeFlags, childScript, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const messages = [];
  const waiting = [];
  let stdout = '';
  let stderr = '';
  let exited = null;
  const deliver = (m) => (waiting.length ? waiting.shift()(m) : messages.push(m));
  child.stdout.on('data', (d) => {
    stdout += d;
    let nl;
    while ((nl = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, nl);
      stdout = stdout.slice(nl + 1);
      const m = /^@@([A-Z]+) (.*)$/.exec(line);
      if (m) deliver({ tag: m[1], data: JSON.parse(m[2]) });
    }
  });
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.on('close', (code) => {
    exited = { tag: 'RESULT', data: { error: `child ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}` } };
    while (waiting.length) waiting.shift()(exited);
  });
  return {
    next: () => new Promise((resolve) => (messages.length ? resolve(messages.shift()) : exited ? resolve(exited) : waiting.push(resolve))),
    send: (value) => child.stdin.write(`${JSON.stringify(value)}\n`),
    kill: () => exited || child.kill(),
  };
}

/** Runs a child to its end; resolves to the object it printed as `@@RESULT` (or `{ error }`). */
export async function runChild(args, options) {
  const child = startChild(args, options);
  for (;;) {
    const m = await child.next();
    if (m.tag === 'RESULT') return m.data;
  }
}

/** Runs `tasks` (functions returning promises) at most `limit` at a time; resolves in order. */
export async function pool(tasks, limit) {
  const out = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}
