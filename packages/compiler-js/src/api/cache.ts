// The persistent cache's own commands: how big it is, and emptying it.
import * as path from 'node:path';

import { native } from '../binding';
import { defaultCacheDir } from '../config/cache-dir';

export interface CacheStats {
  dir: string;
  /** Compiled modules kept, the packs they are in, and their bytes on disk. */
  entries: number;
  entryBytes: number;
  packs: number;
  /** Saved module graphs (one per project and out dir). */
  graphs: number;
  graphBytes: number;
  /** Files being written (or left by a killed build; swept after an hour). */
  temporaryFiles: number;
}

const dirOf = (dir?: string) => path.resolve(dir ?? defaultCacheDir(process.cwd()));

export function cacheStats(dir?: string): CacheStats {
  const d = dirOf(dir);
  return { dir: d, ...native.cacheStats(d) };
}

/** Removes every entry and saved graph; nothing else in the folder. Returns what was removed. */
export function cacheClean(dir?: string): CacheStats {
  const d = dirOf(dir);
  return { dir: d, ...native.cacheClean(d) };
}
