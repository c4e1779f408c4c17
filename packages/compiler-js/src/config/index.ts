// `compiler.config.json` or `compiler.config.mjs`, found from a directory upwards and
// checked against the same option schema as the API, so errors name the file and key.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { createCompiler } from '../api/compiler';
import { CompilerError } from '../api/errors';
import type { TransformOptions } from '../api/options';
import { checkRemoteCache, type RemoteCacheOptions } from './remote-cache';

export const CONFIG_NAMES = ['compiler.config.json', 'compiler.config.mjs'];

export interface LoadedConfig {
  file?: string;
  options: TransformOptions;
  /** `remoteCache` from the file: used by `compiler build`, not by transforms. */
  remoteCache?: RemoteCacheOptions | false;
}

export function findConfig(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function invalid(file: string, message: string): CompilerError {
  return new CompilerError([{ code: 'INVALID_OPTION', message: `${file}: ${message}`, filename: file }]);
}

/** Loads the given config file, or the nearest one from `cwd`; validates it. */
export async function loadConfig(options: { file?: string; cwd?: string } = {}): Promise<LoadedConfig> {
  const file = options.file ? path.resolve(options.file) : findConfig(options.cwd ?? process.cwd());
  if (!file) return { options: {} };
  if (!fs.existsSync(file)) throw invalid(file, 'config file not found');

  let value: unknown;
  if (file.endsWith('.mjs') || file.endsWith('.js')) {
    // The mtime in the URL makes a changed config load again (import() caches by URL).
    const mod = await import(`${pathToFileURL(file).href}?mtime=${fs.statSync(file).mtimeMs}`);
    value = mod.default;
  } else {
    try {
      value = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw invalid(file, `not valid JSON: ${(err as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(file, 'must hold an object of transform options');
  }
  const { remoteCache, ...transform } = value as TransformOptions & { remoteCache?: unknown };
  createCompiler(transform, file);
  return {
    file,
    options: transform,
    ...(remoteCache === undefined ? {} : { remoteCache: checkRemoteCache(remoteCache, file) }),
  };
}
