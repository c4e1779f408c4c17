// Plain Rollup resolves only exact paths, so `import './stats'` or TypeScript's
// `import './stats.js'` (for stats.ts) would not find a TypeScript file. Vite resolves
// these itself; the plugin uses this only outside Vite.
import * as fs from 'node:fs';
import * as path from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.jsx', '.js'];
/** TypeScript's output extension → the source extensions it may stand for. */
const SOURCE_FOR: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The TypeScript/JSX file a relative import means, when Rollup would not find it; else undefined. */
export function resolveSource(source: string, importer: string | undefined): string | undefined {
  if (!importer || !(source.startsWith('./') || source.startsWith('../')) || source.includes('?')) return undefined;
  const base = path.resolve(path.dirname(importer), source);
  if (isFile(base)) return undefined;
  const ext = path.extname(base);
  const candidates = SOURCE_FOR[ext]
    ? SOURCE_FOR[ext].map((e) => base.slice(0, -ext.length) + e)
    : [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  return candidates.find(isFile);
}
