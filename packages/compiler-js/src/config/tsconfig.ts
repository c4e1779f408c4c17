// The nearest tsconfig.json (with `extends` followed) supplies defaults that TypeScript
// users expect to carry over: decorators, JSX and class-field semantics. Explicit options win.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import { CompilerError } from '../api/errors';
import type { TransformOptions } from '../api/options';

interface CompilerOptions {
  experimentalDecorators?: boolean;
  emitDecoratorMetadata?: boolean;
  jsx?: string;
  jsxImportSource?: string;
  jsxFactory?: string;
  jsxFragmentFactory?: string;
  useDefineForClassFields?: boolean;
}

export function findTsconfig(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function resolveExtends(spec: string, from: string): string {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const file = path.resolve(path.dirname(from), spec);
    return fs.existsSync(file) || file.endsWith('.json') ? file : `${file}.json`;
  }
  const req = createRequire(from);
  try {
    return req.resolve(spec);
  } catch {
    return req.resolve(`${spec}/tsconfig.json`);
  }
}

/** `compilerOptions` of `file` merged over everything it extends (later and nearer win). */
export function readCompilerOptions(file: string, seen = new Set<string>()): CompilerOptions {
  if (seen.has(file)) throw invalid(file, 'circular `extends`');
  seen.add(file);
  let json: { extends?: string | string[]; compilerOptions?: CompilerOptions };
  try {
    json = parseJsonc(fs.readFileSync(file, 'utf8')) as typeof json;
  } catch (err) {
    throw invalid(file, `cannot be read: ${(err as Error).message}`);
  }
  const bases = json.extends === undefined ? [] : Array.isArray(json.extends) ? json.extends : [json.extends];
  let merged: CompilerOptions = {};
  for (const base of bases) merged = { ...merged, ...readCompilerOptions(resolveExtends(base, file), seen) };
  return { ...merged, ...json.compilerOptions };
}

function invalid(file: string, message: string) {
  return new CompilerError([{ code: 'INVALID_OPTION', message: `${file}: ${message}`, filename: file }]);
}

/** The transform options a tsconfig implies. */
export function optionsFromTsconfig(c: CompilerOptions): TransformOptions {
  const options: TransformOptions = {};
  if (c.experimentalDecorators) options.decorators = { legacy: true, metadata: !!c.emitDecoratorMetadata };
  const jsx = c.jsx?.toLowerCase();
  if (jsx === 'react') {
    options.jsx = { runtime: 'classic', pragma: c.jsxFactory, pragmaFrag: c.jsxFragmentFactory };
  } else if (jsx === 'react-jsx' || jsx === 'react-jsxdev') {
    options.jsx = { runtime: 'automatic', importSource: c.jsxImportSource, development: jsx === 'react-jsxdev' };
  }
  if (options.jsx) options.jsx = JSON.parse(JSON.stringify(options.jsx)); // drop undefined keys
  if (c.useDefineForClassFields !== undefined) options.useDefineForClassFields = c.useDefineForClassFields;
  return options;
}

/** The tsconfig files whose settings apply in `dir`: the nearest one and everything it extends. */
export function tsconfigFiles(dir: string): string[] {
  const file = findTsconfig(dir);
  if (!file) return [];
  const seen = new Set<string>();
  try {
    readCompilerOptions(file, seen);
  } catch {
    // Reported where the options are read.
  }
  return [...seen];
}

/** `explicit` over what the nearest tsconfig from `dir` implies; nested objects merge key by key. */
export function withTsconfig(explicit: TransformOptions, dir: string): TransformOptions {
  const file = findTsconfig(dir);
  if (!file) return explicit;
  const implied = optionsFromTsconfig(readCompilerOptions(file));
  const merged: TransformOptions = { ...implied, ...explicit };
  // tsconfig's JSX settings belong to its runtime: an explicit other runtime takes none of them.
  const sameRuntime = !explicit.jsx?.runtime || explicit.jsx.runtime === implied.jsx?.runtime;
  if (implied.jsx && explicit.jsx) merged.jsx = sameRuntime ? { ...implied.jsx, ...explicit.jsx } : explicit.jsx;
  if (implied.decorators && explicit.decorators) merged.decorators = { ...implied.decorators, ...explicit.decorators };
  return merged;
}
