// The real-world corpus: every .ts/.tsx source file (not declarations) that the pinned
// packages in bench/package.json ship.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const PACKAGES = [
  'rxjs', 'effect', 'zod', '@reduxjs/toolkit', '@trpc/server', '@trpc/client', '@tanstack/react-router',
  '@tanstack/query-core', '@tanstack/react-query', 'mobx', 'ai', '@ai-sdk/openai', '@ai-sdk/provider',
  '@ai-sdk/provider-utils', '@ai-sdk/gateway', '@tiptap/core', '@tiptap/react', 'prosemirror-model',
  'prosemirror-state', 'prosemirror-transform', 'prosemirror-view', '@blueprintjs/core', '@blueprintjs/table',
  '@blueprintjs/datetime', '@blueprintjs/select', 'react-day-picker',
];

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') walk(full, out);
    } else if (/\.tsx?$/.test(e.name) && !/\.d\.[cm]?tsx?$/.test(e.name)) out.push(full);
  }
}

/** `[{ name, path, code }]`, sorted by name, the same on every run. */
export function realCorpus() {
  const files = [];
  for (const pkg of PACKAGES) {
    const root = path.join(benchDir, 'node_modules', pkg);
    if (!fs.existsSync(root)) throw new Error(`${pkg} is not installed: run npm install in bench/`);
    const found = [];
    walk(root, found);
    for (const f of found) files.push({ name: path.relative(path.join(benchDir, 'node_modules'), f), path: f });
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return files.map((f) => ({ ...f, code: fs.readFileSync(f.path, 'utf8') }));
}

/**
 * A corpus by name: `real`, or `synthetic-N` (the generated app of N modules, see
 * synthetic.mjs). `[{ name, code }]`, the same on every run.
 */
export async function loadCorpus(spec) {
  if (spec === 'real') return realCorpus();
  const m = /^synthetic-(\d+)$/.exec(spec);
  if (m) return (await import('./synthetic.mjs')).syntheticApp(Number(m[1]));
  throw new Error(`unknown corpus ${spec}: real or synthetic-N`);
}
