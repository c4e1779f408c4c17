// Where the persistent cache lives by default: `node_modules/.cache/compiler-js` of the
// nearest folder with a package.json (as Babel, ESLint and Jest's plugins put theirs).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function defaultCacheDir(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'node_modules', '.cache', 'compiler-js');
    if (path.dirname(dir) === dir) return path.join(path.resolve(from), 'node_modules', '.cache', 'compiler-js');
  }
}

/** `500MB`, `2GB`, `1048576`: bytes. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?$/i.exec(text.trim());
  if (!m) return undefined;
  const units: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
  return Math.round(Number(m[1]) * units[(m[2] ?? 'b').toLowerCase()]);
}
