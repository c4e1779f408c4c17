// Processes and files for the graph benchmark: spawning a tool (under /usr/bin/time -v for a
// one-shot CLI), its output lines as timestamped events, the peak RSS of a process tree, and
// polling an output file until it holds what an edit put there.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const TIME_V = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** The pids of `pid` and every process below it, from /proc (Linux). */
export function processTree(pid) {
  const out = [];
  const visit = (p) => {
    out.push(p);
    let tasks = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch {}
      for (const c of children.split(' ').filter(Boolean)) visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

/**
 * Peak RSS of a process tree: the sum of each live process's high-water mark (VmHWM), in
 * bytes. Read it just before the tool ends; the peaks of two processes need not coincide, so
 * this bounds the tree's peak from above (each process's own figure is exact).
 */
export function treePeakRss(pid) {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {}
  }
  return kb * 1024;
}

/**
 * Starts `cmd args` and collects its output lines, each stamped with `now()` on arrival.
 * `@@TAG <json>` lines (from graph/child.mjs) become `{ at, tag, data }`, others
 * `{ at, stream, line }`. `timeV` runs it under `/usr/bin/time -v` and samples the tree's
 * VmHWM sum every 20 ms while it runs: `peakRss` is the larger of the two (time's figure is
 * the largest single process; the samples add up its children, but miss the last 20 ms).
 * `exited` resolves to `{ code, at, peakRss, stderr }`.
 */
export function startProcess(cmd, args, { cwd, timeV = false, env } = {}) {
  const argv = timeV && TIME_V ? [TIME_V, ['-v', cmd, ...args]] : [cmd, args];
  const started = now();
  const child = spawn(argv[0], argv[1], { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const events = [];
  const listeners = new Set();
  let stderr = '';
  const emit = (e) => {
    events.push(e);
    for (const l of listeners) l(e);
  };
  const lines = (stream) => {
    let buf = '';
    child[stream].on('data', (d) => {
      const at = now();
      if (stream === 'stderr') stderr = (stderr + d).slice(-20000);
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^@@([A-Z]+) (.*)$/.exec(line);
        emit(m ? { at, tag: m[1], data: JSON.parse(m[2]) } : { at, stream, line });
      }
    });
  };
  lines('stdout');
  lines('stderr');
  const toolPid = () => (timeV && TIME_V ? (processTree(child.pid)[1] ?? child.pid) : child.pid);
  let sampled = 0;
  const sampler = timeV ? setInterval(() => (sampled = Math.max(sampled, treePeakRss(toolPid()))), 20) : null;
  const exited = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
      const peakRss = Math.max(kb ? Number(kb) * 1024 : 0, sampled) || null;
      resolve({ code, signal, at: now(), peakRss, stderr: stderr.replace(/\n?\tCommand being timed[\s\S]*$/, '') });
    }),
  );
  return {
    child,
    started,
    events,
    exited,
    send: (value) => child.stdin.write(`${JSON.stringify(value)}\n`),
    /** The pid of the tool itself (below /usr/bin/time when it runs under it). */
    toolPid,
    /** The first event after time `after` that `match` accepts, or null after `timeout` ms. */
    waitFor(match, { after = -Infinity, timeout = 120000 } = {}) {
      const hit = events.find((e) => e.at > after && match(e));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => {
        const done = (e) => {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(e);
        };
        const check = (e) => e.at > after && match(e) && done(e);
        const timer = setTimeout(() => done(null), timeout);
        listeners.add(check);
        exited.then(() => done(null));
      });
    },
  };
}

/**
 * Polls `file` (a stat every millisecond, a read when its size or mtime changes) until it
 * contains every string in `needles`; resolves to `now()` then, or null after `timeout` ms.
 */
export async function waitForContent(file, needles, { timeout = 120000 } = {}) {
  const deadline = now() + timeout;
  let last = '';
  while (now() < deadline) {
    let st = null;
    try {
      st = fs.statSync(file);
    } catch {}
    const key = st && `${st.size}:${st.mtimeMs}`;
    if (key && key !== last) {
      last = key;
      let buf = null;
      try {
        buf = fs.readFileSync(file);
      } catch {}
      if (buf && needles.every((n) => buf.includes(n))) return now();
    }
    await sleep(1);
  }
  return null;
}

/** Every file under `dir` with its size and mtime: `Map(rel → 'size:mtime')`. */
export function snapshot(dir, out = new Map(), base = dir) {
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) snapshot(full, out, base);
    else if (e.isFile()) {
      const st = fs.statSync(full);
      out.set(path.relative(base, full), `${st.size}:${st.mtimeMs}`);
    }
  }
  return out;
}

/** Total bytes of the files under `dir` (0 when it does not exist). */
export function dirBytes(dir) {
  let n = 0;
  for (const v of snapshot(dir).values()) n += Number(v.split(':')[0]);
  return n;
}

/** The files whose size or mtime differ between two snapshots, or that appeared. */
export function changed(before, after) {
  return [...after].filter(([f, v]) => before.get(f) !== v).map(([f]) => f);
}
