// Type-only re-exports: `export { PathString } from './common'`, where common.ts exports
// PathString only as a type, must go (as tsc drops it); a file-at-a-time transform cannot
// tell, and Rollup then fails with `"PathString" is not exported`. The plugin sees the other
// module: before compiling a TypeScript file that re-exports, it follows each re-exported
// name to where it is declared and passes the names that are only types as the
// `typeOnlyExports` option.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { type ModuleExports, moduleExports } from '../api/modules';

/** Resolves `specifier` from `importer` to a file, or undefined (external, virtual, not found). */
export type Resolve = (specifier: string, importer: string) => Promise<string | undefined>;

const TS = /\.[cm]?tsx?$/;
/** A re-export, or an import that may be exported again. */
const MAY_REEXPORT = /\bexport\s*(?:type\s*)?\{/;

interface Known {
  text: string;
  exports: ModuleExports | null;
}

export class TypeExports {
  private readonly files = new Map<string, Known>();

  /**
   * What `file`'s source says it exports (`null`: it does not parse or cannot be read).
   * Parsed again only when its text changed; not trusted to a stamp, since a wrong answer
   * here would drop a value export.
   */
  private exportsOf(file: string): ModuleExports | null {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    const known = this.files.get(file);
    if (known?.text === text) return known.exports;
    const exports = moduleExports(text, file);
    this.files.set(file, { text, exports });
    return exports;
  }

  /** Whether `name`, as `file` exports it, is only a type (false when unsure). */
  private async isType(file: string, name: string, resolve: Resolve, seen: Set<string>, read: string[]): Promise<boolean> {
    const key = `${file}\0${name}`;
    if (seen.has(key) || !TS.test(file)) return false;
    seen.add(key);
    read.push(file);
    const e = this.exportsOf(file);
    if (!e) return false;
    if (e.values.includes(name)) return false;
    if (e.types.includes(name)) return true;
    const via = e.from.find(([, , here]) => here === name);
    if (via) {
      const target = await resolve(via[0], file);
      return !!target && this.isType(target, via[1], resolve, seen, read);
    }
    if (name === 'default') return false;
    // Through `export *`: a type if some star gives it as a type and none as a value.
    let found = false;
    for (const star of e.stars) {
      const target = await resolve(star, file);
      if (!target) return false;
      const t = this.exportsOf(target);
      if (!t) return false;
      if (await this.isType(target, name, resolve, seen, read)) found = true;
      else if (t.values.includes(name) || t.from.some(([, , here]) => here === name)) return false;
    }
    return found;
  }

  /**
   * For a TypeScript `file` whose `code` re-exports names, the names each specifier gives
   * only as types, and every file read to tell (to watch); undefined when there are none.
   */
  async find(code: string, file: string, resolve: Resolve): Promise<{ types: Record<string, string[]>; read: string[] } | undefined> {
    if (!TS.test(file) || !MAY_REEXPORT.test(code)) return undefined;
    const own = moduleExports(code, file);
    if (!own || own.from.length === 0) return undefined;
    const types: Record<string, string[]> = {};
    const read: string[] = [];
    for (const [specifier, there] of own.from) {
      const target = await resolve(specifier, file);
      if (!target || !(await this.isType(target, there, resolve, new Set(), read))) continue;
      (types[specifier] ??= []).push(there);
    }
    return Object.keys(types).length ? { types, read: [...new Set(read)].filter((f) => path.isAbsolute(f)) } : undefined;
  }
}
