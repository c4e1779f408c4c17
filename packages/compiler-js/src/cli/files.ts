// Which files a `compiler transform` run reads and where each output goes, laid out as
// @babel/cli does: `src/a/b.tsx` given as `src` → `outDir/a/b.js`.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { UsageError } from './usage';

export const DEFAULT_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];

export interface Planned {
  input: string;
  output: string;
  /** Copied as is (`--copy-files`), not compiled. */
  copy: boolean;
}

/** `**` any depth, `*` within a segment, `?` one character; matched against paths relative to the cwd. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function outputExtension(file: string): string {
  const ext = path.extname(file);
  if (ext === '.mts' || ext === '.mjs') return '.mjs';
  if (ext === '.cts' || ext === '.cjs') return '.cjs';
  return '.js';
}

const isDeclaration = (file: string) => /\.d\.[cm]?ts$/.test(file);

function walk(dir: string, out: string[]) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export function plan(
  inputs: string[],
  outDir: string,
  opts: { extensions: string[]; ignore: RegExp[]; copyFiles: boolean; cwd: string },
): Planned[] {
  const root = path.resolve(opts.cwd, outDir);
  const planned: Planned[] = [];
  const ignored = (file: string) => {
    const rel = path.relative(opts.cwd, file).split(path.sep).join('/');
    return opts.ignore.some((re) => re.test(rel));
  };
  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`${input}: no such file or directory`);
    let base: string;
    const files: string[] = [];
    if (stat.isDirectory()) {
      if (inside(root, abs)) {
        throw new UsageError(`refusing to write into ${outDir}: it is the source directory ${input} or inside it`);
      }
      base = abs;
      walk(abs, files);
    } else {
      base = path.dirname(abs);
      files.push(abs);
    }
    for (const file of files) {
      if (ignored(file)) continue;
      const rel = path.relative(base, file);
      const compile = opts.extensions.includes(path.extname(file)) && !isDeclaration(file);
      if (!compile && !opts.copyFiles) continue;
      const output = compile
        ? path.join(root, rel.slice(0, rel.length - path.extname(rel).length) + outputExtension(file))
        : path.join(root, rel);
      if (!inside(output, root)) throw new UsageError(`refusing to write ${output}: outside ${outDir}`);
      planned.push({ input: file, output, copy: !compile });
    }
  }
  const inputs_ = new Set(planned.map((p) => p.input));
  const seen = new Map<string, string>();
  for (const p of planned) {
    if (inputs_.has(p.output)) throw new UsageError(`refusing to overwrite the source file ${p.output}`);
    const other = seen.get(p.output);
    if (other && other !== p.input) {
      throw new UsageError(`${path.relative(opts.cwd, other)} and ${path.relative(opts.cwd, p.input)} would both write ${path.relative(opts.cwd, p.output)}`);
    }
    seen.set(p.output, p.input);
  }
  return planned;
}

/** `-o`: exactly one input file, never written over itself. */
export function planSingle(inputs: string[], outFile: string, cwd: string): Planned[] {
  const input = path.resolve(cwd, inputs[0] ?? '');
  const missing = inputs.find((i) => !fs.existsSync(path.resolve(cwd, i)));
  if (missing !== undefined) throw new UsageError(`${missing}: no such file or directory`);
  if (inputs.length !== 1 || !fs.statSync(input).isFile()) {
    throw new UsageError('-o takes exactly one input file');
  }
  const output = path.resolve(cwd, outFile);
  if (input === output) throw new UsageError(`refusing to overwrite the source file ${inputs[0]}`);
  return [{ input, output, copy: false }];
}
