// Where the Jest transformer's options come from: `compiler.config.json` (or `.mjs`) found
// from Jest's rootDir upwards, then the options of the Jest config's transform entry over it,
// then the nearest tsconfig.json under both. Loaded once per worker and cached.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { CompilerError } from '../api/errors';
import type { TransformOptions } from '../api/options';
import { transformSync } from '../api/transform';
import { findConfig } from '../config';
import { withTsconfig } from '../config/tsconfig';

/** Options of the Jest config's transform entry: transform options, plus where the config file is. */
export interface JestTransformerOptions extends Omit<TransformOptions, 'filename' | 'sourceFileName' | 'module' | 'sourceMaps' | 'jest'> {
  /** A config file relative to Jest's rootDir, or `false` to read none. Default: the nearest `compiler.config.json`/`.mjs`. */
  configFile?: string | false;
  /** Keep compiled files in the persistent cache, shared by Jest's workers, the CLI and Vite. Default `true`. */
  cache?: boolean;
  /** Where that cache lives, relative to Jest's rootDir. Default: `node_modules/.cache/compiler-js` of the nearest package.json. */
  cacheDir?: string;
}

export interface ConfigFile {
  file?: string;
  /** The file's text, for the cache key. */
  content: string;
  options: TransformOptions;
}

function invalid(file: string, message: string): CompilerError {
  return new CompilerError([{ code: 'INVALID_OPTION', message: `${file}: ${message}`, filename: file }]);
}

/**
 * `compiler.config.mjs` can only be imported asynchronously and Jest's `process` is
 * synchronous, so an `.mjs` file is loaded by `loadConfig` in a child Node process; the
 * options are JSON either way (they cross to the native compiler as JSON).
 */
function importConfig(file: string): unknown {
  const script =
    'require(process.argv[1]).loadConfig({ file: process.argv[2] }).then(' +
    '(c) => process.stdout.write(JSON.stringify(c.options)), ' +
    '(e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); })';
  try {
    const out = execFileSync(process.execPath, ['-e', script, path.join(__dirname, '..', 'index.js'), file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new CompilerError([{ code: 'INVALID_OPTION', message: stderr || (err as Error).message, filename: file }]);
  }
}

/** Reads and checks the config file for `rootDir`, synchronously. */
export function readConfigFile(rootDir: string, configFile: string | false | undefined): ConfigFile {
  if (configFile === false) return { content: '', options: {} };
  const file = configFile ? path.resolve(rootDir, configFile) : findConfig(rootDir);
  if (!file) return { content: '', options: {} };
  if (!fs.existsSync(file)) throw invalid(file, 'config file not found');
  const content = fs.readFileSync(file, 'utf8');
  let value: unknown;
  if (file.endsWith('.json')) {
    try {
      value = JSON.parse(content);
    } catch (err) {
      throw invalid(file, `not valid JSON: ${(err as Error).message}`);
    }
  } else {
    value = importConfig(file);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(file, 'must hold an object of transform options');
  }
  // `remoteCache` is for `compiler build`; Jest compiles through the local cache only.
  const { remoteCache: _remote, ...options } = value as TransformOptions & { remoteCache?: unknown };
  try {
    transformSync('', options); // checks every key, as loadConfig does
  } catch (err) {
    if (err instanceof CompilerError) throw invalid(file, err.message);
    throw err;
  }
  return { file, content, options };
}

/** `over` on `base`, with `jsx` and `decorators` merged key by key. */
export function mergeOptions(base: TransformOptions, over: TransformOptions): TransformOptions {
  const merged: TransformOptions = { ...base, ...over };
  if (base.jsx && over.jsx) merged.jsx = { ...base.jsx, ...over.jsx };
  if (base.decorators && over.decorators) merged.decorators = { ...base.decorators, ...over.decorators };
  return merged;
}

/**
 * Resolves the options for one file. What Jest needs is fixed: CommonJS unless Jest runs
 * the file as ESM, `jest.mock` hoisting, source maps. `reactRemoveProperties` is off under
 * Jest (tests query `data-testid`) unless the Jest entry itself turns it on, as Next.js does.
 */
export class OptionsResolver {
  private readonly entry: TransformOptions;
  private readonly configFile: string | false | undefined;
  private readonly configs = new Map<string, ConfigFile>();
  private readonly byDir = new Map<string, TransformOptions>();

  constructor(entry: JestTransformerOptions = {}) {
    const { configFile, cache: _cache, cacheDir: _cacheDir, ...options } = entry;
    this.entry = options;
    this.configFile = configFile;
  }

  config(rootDir: string): ConfigFile {
    let config = this.configs.get(rootDir);
    if (!config) {
      config = readConfigFile(rootDir, this.configFile);
      this.configs.set(rootDir, config);
    }
    return config;
  }

  /** `instrument`: Jest collects coverage from this file (its `babel` provider). */
  resolve(filename: string, rootDir: string, esm: boolean, instrument = false): TransformOptions {
    const dir = path.dirname(filename);
    const key = `${rootDir}\0${dir}`;
    let shared = this.byDir.get(key);
    if (!shared) {
      shared = withTsconfig(mergeOptions(this.config(rootDir).options, this.entry), dir);
      if (this.entry.reactRemoveProperties === undefined) delete shared.reactRemoveProperties;
      this.byDir.set(key, shared);
    }
    // Counters only where Jest asks for them; the entry's `coverage` object gives their options.
    const { coverage, ...rest } = shared;
    const instrumented = instrument ? { coverage: typeof coverage === 'object' ? coverage : true } : {};
    return { ...rest, ...instrumented, module: esm ? 'esm' : 'commonjs', jest: true, sourceMaps: true, filename };
  }
}
