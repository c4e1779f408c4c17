// What hosts that see several modules ask of them: where a specifier leads (the module
// graph's resolver) and what a module exports, values apart from types.
import { native } from '../binding';
import { type Diagnostic, type ErrorCode } from './errors';

export interface ModuleExports {
  /** Names with a value at run time (`default` included). */
  values: string[];
  /** Names that are only types. */
  types: string[];
  /** `[specifier, name there, name here]` for each name exported from another module. */
  from: [string, string, string][];
  /** `export * from` specifiers. */
  stars: string[];
}

/** What `source` exports (`filename` picks the syntax); `null` when it does not parse. */
export function moduleExports(source: string, filename: string): ModuleExports | null {
  const e = native.moduleExportsSync(source, filename);
  return e ? { ...e, from: e.from.map(([s, there, here]) => [s, there, here] as [string, string, string]) } : null;
}

export type Resolution =
  | { path: string; external: false }
  | { external: true; path?: string }
  | { external: false; error: Diagnostic };

export interface ModuleResolver {
  /**
   * `kind`: how the specifier is imported (`require` picks the `require` condition). On the
   * calling thread: with the resolver's caches warm a call takes microseconds, less than a
   * trip to the thread pool.
   */
  resolve(importer: string, specifier: string, kind?: 'import' | 'require' | 'dynamic'): Resolution;
}

/**
 * The resolver `compiler build` uses (oxc_resolver: tsconfig `paths`, `exports`, `./x.js`
 * naming `x.ts`). `external` patterns are left as written; packages named by
 * `includeNodeModules` (`['*']`: all) resolve to their files instead of being external.
 */
export function createResolver(root: string, external: string[] = [], includeNodeModules: string[] = []): ModuleResolver {
  const resolver = new native.ModuleResolver(root, external, includeNodeModules);
  return {
    resolve(importer, specifier, kind = 'import') {
      const r = resolver.resolveSync(importer, specifier, kind);
      if (r.error) return { external: false, error: { ...r.error, code: r.error.code as ErrorCode } };
      if (r.external) return { external: true, path: r.path ?? undefined };
      return { external: false, path: r.path! };
    },
  };
}
