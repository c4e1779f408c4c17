// Where the remote cache is and how to reach it: from the API option or the CLI flag,
// else `COMPILER_REMOTE_CACHE`, else `remoteCache` in compiler.config.json. A server that
// speaks Bazel's HTTP cache protocol (bazel-remote, BuildBuddy, nginx with WebDAV).
//
// The auth header's value is read from the environment variable the config names and
// handed to the native graph; it is never printed, logged, written or hashed.
import { CompilerError } from '../api/errors';

export interface RemoteCacheOptions {
  /** The server's base URL; `ac/` and `cas/` go under it. Required in a config file. */
  url?: string;
  /** Read, never upload (builds of untrusted changes, such as pull requests). */
  readOnly?: boolean;
  /** The environment variable whose value is sent as `authHeader` with every request. */
  authEnv?: string;
  /** Default `Authorization`. */
  authHeader?: string;
  /** Per request, in milliseconds; default 10000. A request that fails turns the remote off for the run. */
  timeout?: number;
}

/** A URL, the options, or `false` for none (over the environment and the config file). */
export type RemoteCacheSetting = string | RemoteCacheOptions | false;

/** What the native graph takes. */
export interface NativeRemoteOptions {
  url: string;
  readOnly: boolean;
  header?: [string, string];
  timeoutMs?: number;
}

const KEYS: Record<keyof RemoteCacheOptions, 'string' | 'boolean' | 'number'> = {
  url: 'string',
  readOnly: 'boolean',
  authEnv: 'string',
  authHeader: 'string',
  timeout: 'number',
};

function invalid(where: string, message: string): CompilerError {
  return new CompilerError([{ code: 'INVALID_OPTION', message: `${where}: ${message}` }]);
}

/**
 * Checks a `remoteCache` value; every unknown or ill-typed key is named in one error. A
 * config file's must name the URL; an explicit one may add to the others' (`{ readOnly: true }`).
 */
export function checkRemoteCache(value: unknown, where: string, needsUrl = true): RemoteCacheOptions | false {
  if (value === false) return false;
  if (typeof value === 'string') return checkRemoteCache({ url: value }, where, needsUrl);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(where, 'remoteCache takes a URL, an object { url, readOnly, authEnv, authHeader, timeout } or false');
  }
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const type = KEYS[key as keyof RemoteCacheOptions];
    if (!type) problems.push(`unknown key remoteCache.${key} (known: ${Object.keys(KEYS).join(', ')})`);
    else if (typeof v !== type || (type === 'number' && !(Number(v) > 0))) {
      problems.push(`remoteCache.${key} must be ${type === 'number' ? 'a number of milliseconds above 0' : `a ${type}`}, not ${JSON.stringify(v)}`);
    }
  }
  if (needsUrl && !('url' in value)) problems.push('remoteCache.url is missing');
  const url = (value as { url?: unknown }).url;
  if (typeof url === 'string' && !/^https?:\/\//.test(url)) problems.push(`remoteCache.url must be an http:// or https:// URL, not ${JSON.stringify(url)}`);
  if (problems.length) throw invalid(where, problems.join('; '));
  return value as RemoteCacheOptions;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v.trim());

/**
 * The remote cache for a build: `explicit` (API option, CLI flag) over the environment
 * over the config file's. Fields not given by a higher source come from a lower one.
 */
export function resolveRemoteCache(
  explicit: RemoteCacheSetting | undefined,
  fromConfig: RemoteCacheOptions | false | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { remote?: NativeRemoteOptions; warnings: string[] } {
  if (explicit === false) return { warnings: [] };
  const layers: Partial<RemoteCacheOptions>[] = [];
  if (fromConfig) layers.push(fromConfig);
  if (env.COMPILER_REMOTE_CACHE) layers.push({ url: env.COMPILER_REMOTE_CACHE });
  if (truthy(env.COMPILER_REMOTE_CACHE_READ_ONLY)) layers.push({ readOnly: true });
  if (explicit !== undefined) layers.push(checkRemoteCache(explicit, 'remoteCache', false) as RemoteCacheOptions);
  const merged: Partial<RemoteCacheOptions> = Object.assign({}, ...layers.map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))));
  if (!merged.url) return { warnings: [] };
  const warnings: string[] = [];
  let header: [string, string] | undefined;
  if (merged.authEnv) {
    const value = env[merged.authEnv];
    if (value) header = [merged.authHeader ?? 'Authorization', value];
    else warnings.push(`remote cache: the environment variable ${merged.authEnv} is not set; sending no ${merged.authHeader ?? 'Authorization'} header`);
  }
  return {
    remote: { url: merged.url, readOnly: !!merged.readOnly, header, timeoutMs: merged.timeout },
    warnings,
  };
}
