// `createCompiler`: the incremental module graph with its persistent cache. Everything
// reachable from the entries is compiled once per distinct input, remembered on disk, and
// redone only where an edit reaches. The graph itself is native (`ModuleGraph`); this
// module resolves paths and options, serializes builds, and turns native results into
// typed ones.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { native, type NativeBuildReport, type NativeModuleGraph } from '../binding';
import { loadConfig } from '../config';
import { defaultCacheDir } from '../config/cache-dir';
import { type RemoteCacheOptions, type RemoteCacheSetting, resolveRemoteCache } from '../config/remote-cache';
import { tsconfigFiles, withTsconfig } from '../config/tsconfig';
import { withArtifactDirectory, withCurrentNode } from './compiler';
import { type Diagnostic, type ErrorCode, fromNativeThrow } from './errors';
import type { TransformOptions } from './options';

export interface BuildOptions extends Omit<TransformOptions, 'filename' | 'sourceFileName' | 'inputSourceMap'> {
  /** Entry modules; everything they reach (and only that) is compiled. */
  entries: string[];
  /** Outputs go here, laid out as the sources are under `root`. */
  outDir: string;
  /** Default: the folder that holds every entry (the common folder of their paths). */
  root?: string;
  /** Default: `node_modules/.cache/compiler-js` of the nearest folder with a package.json. */
  cacheDir?: string;
  /** `false` builds without the persistent cache (a watch session still remembers in memory). */
  cache?: boolean;
  /** Bytes the cache may take before least recently used entries go; default 1 GiB. */
  cacheMaxSize?: number;
  /** Specifiers left as written and not followed (`*` matches anything): `['react', '@scope/*']`. */
  external?: string[];
  /** Packages in node_modules that are compiled like the project's own modules. */
  includeNodeModules?: string[];
  /** Write a Chrome trace (one span per module task and per transform pass) to this file. */
  trace?: string;
  /** A compiler.config.json or .mjs whose options apply under these; `false`: none (the default). */
  configFile?: string | false;
  /** Relative paths are resolved from here; default `process.cwd()`. */
  cwd?: string;
  /**
   * A remote cache shared with other machines: a server speaking Bazel's HTTP cache protocol
   * (bazel-remote, BuildBuddy, nginx with WebDAV). Default: `COMPILER_REMOTE_CACHE`, else
   * `remoteCache` in the config file; `false`: none.
   */
  remoteCache?: RemoteCacheSetting;
}

export type { RemoteCacheOptions, RemoteCacheSetting };

/** What the remote cache did (in a build, or over a compiler's life when it closes). */
export interface RemoteStats {
  /** Modules the local cache lacked and the remote had. */
  hits: number;
  /** Modules neither had (compiled here). */
  misses: number;
  /** Failed requests and blobs that did not match their sha256. */
  errors: number;
  bytesDown: number;
  bytesUp: number;
}

export interface CloseResult {
  /** With a remote cache: everything it did, uploads included (they finish before `close` resolves). */
  remote?: RemoteStats;
  warnings: string[];
}

export interface BuildResult {
  /** Modules reachable from the entries. */
  modules: number;
  /** Modules compiled by this build. */
  transformed: number;
  /** Modules whose compiled code came from the cache. */
  fromCache: number;
  /** Modules whose source or resolution changed since the last build. */
  changed: number;
  /** Outputs written; an output whose content did not change is not rewritten. */
  written: number;
  /** Outputs removed because their module is no longer reachable. */
  removed: number;
  errors: number;
  ms: number;
  /** Every problem, with file, line, column and code frame. */
  diagnostics: Diagnostic[];
  /** Problems that did not stop the build, such as a cache that cannot be written. */
  warnings: string[];
  /** With a remote cache: what it did during this build (uploads finish on `close`). */
  remote?: RemoteStats;
}

export type WatchEvent =
  | { type: 'build'; result: BuildResult; changed: string[] }
  | { type: 'error'; error: unknown };

export interface Compiler {
  build(): Promise<BuildResult>;
  /** Builds, then rebuilds on every change until `close()`; `onEvent` hears of each build. */
  watch(onEvent: (event: WatchEvent) => void): { close(): Promise<CloseResult> };
  /** Paths that changed on disk; the next `build()` redoes what depends on them. */
  update(paths: string[]): void;
  /** Modules found so far by the running build, and how many are done. */
  progress(): { found: number; done: number };
  graph: {
    /** The modules `file` imports (absolute paths), as of the last build. */
    dependencies(file: string): string[];
    /** The modules that import `file`, as of the last build. */
    importers(file: string): string[];
  };
  /** Waits for a running build, stops watching, saves the graph and finishes uploads to the remote cache. */
  close(): Promise<CloseResult>;
}

const SAVE_WHEN_IDLE_MS = 1000;

const BUILD_KEYS = [
  'entries', 'outDir', 'root', 'cacheDir', 'cache', 'cacheMaxSize', 'external', 'includeNodeModules', 'trace', 'configFile', 'cwd', 'remoteCache',
] as const;

/** The folder that holds every path. */
export function commonDir(files: string[]): string {
  let dir = path.dirname(files[0]);
  while (!files.every((f) => f.startsWith(dir + path.sep))) dir = path.dirname(dir);
  return dir;
}

function toResult(r: NativeBuildReport, warnings: string[] = []): BuildResult {
  const { remote, ...rest } = r;
  return {
    ...rest,
    ...(remote ? { remote } : {}),
    warnings: [...warnings, ...r.warnings],
    diagnostics: r.diagnostics.map((d) => ({ ...d, code: d.code as ErrorCode })),
  };
}

export function createCompiler(options: BuildOptions): Compiler {
  const cwd = options.cwd ?? process.cwd();
  const entries = options.entries.map((e) => path.resolve(cwd, e));
  if (entries.length === 0) throw fromNativeThrow(Object.assign(new Error('give at least one entry module'), { code: 'InvalidArg' }));
  const root = path.resolve(cwd, options.root ?? commonDir(entries));
  const outDir = path.resolve(cwd, options.outDir);
  const cacheDir = options.cache === false ? undefined : path.resolve(cwd, options.cacheDir ?? defaultCacheDir(root));
  const explicit: Record<string, unknown> = { ...options };
  for (const key of BUILD_KEYS) delete explicit[key];

  let graph: NativeModuleGraph | undefined;
  let configFiles: string[] = [];
  let remoteCache: RemoteCacheOptions | false | undefined;
  /** Said once, with the first build's result. */
  let openWarnings: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  /** The transform options: explicit ones over the config file over the tsconfig's. */
  async function transformOptions(): Promise<TransformOptions> {
    const config = options.configFile ? await loadConfig({ file: path.resolve(cwd, options.configFile) }) : { options: {} };
    remoteCache = 'remoteCache' in config ? config.remoteCache : undefined;
    configFiles = [...(config.file ? [config.file] : []), ...tsconfigFiles(root)].map((f) => fs.realpathSync(f));
    const merged = withCurrentNode(withTsconfig({ ...config.options, ...(explicit as TransformOptions) }, root));
    return withArtifactDirectory(merged, (dir) => path.relative(root, path.resolve(cwd, dir)).split(path.sep).join('/') || '.');
  }

  async function open(): Promise<NativeModuleGraph> {
    if (graph) return graph;
    const transform = await transformOptions();
    const remote = resolveRemoteCache(options.remoteCache, remoteCache);
    if (remote.remote && !cacheDir) {
      throw fromNativeThrow(Object.assign(new Error('the remote cache works through the local cache; drop cache: false (--no-cache)'), { code: 'InvalidArg' }));
    }
    openWarnings = remote.warnings;
    try {
      graph = new native.ModuleGraph(
        JSON.stringify({
          root,
          entries,
          outDir,
          cacheDir,
          cacheMaxBytes: options.cacheMaxSize,
          external: options.external,
          includeNodeModules: options.includeNodeModules,
          configFiles,
          trace: options.trace && path.resolve(cwd, options.trace),
          transform,
          remoteCache: remote.remote,
        }),
      );
    } catch (err) {
      throw fromNativeThrow(err);
    }
    return graph;
  }

  /** One build at a time, in the order asked. */
  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  }

  const build = () =>
    serial(async () => {
      const g = await open();
      const warnings = openWarnings;
      openWarnings = [];
      return toResult(await g.build(), warnings);
    });

  async function closeGraph(): Promise<CloseResult> {
    if (!graph) return { warnings: [] };
    const { remote, warnings } = await graph.close();
    return { ...(remote ? { remote } : {}), warnings };
  }

  function watch(onEvent: (event: WatchEvent) => void) {
    let changed: string[] = [];
    let rescan = false;
    let scheduled = false;
    let closed = false;
    // The graph and new cache entries are saved once the session is idle, off the rebuild path.
    let idle: NodeJS.Timeout | undefined;
    const saveWhenIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => void serial(async () => graph?.save()), SAVE_WHEN_IDLE_MS);
      idle.unref();
    };

    const rebuild = () =>
      serial(async () => {
        scheduled = false;
        const g = await open();
        const paths = changed;
        changed = [];
        if (paths.some((p) => configFiles.includes(p))) {
          try {
            g.setTransformOptions(JSON.stringify(await transformOptions()));
          } catch (err) {
            throw fromNativeThrow(err);
          }
        }
        g.update(paths);
        if (rescan) g.rescan();
        rescan = false;
        return { result: toResult(await g.build()), paths };
      }).then(
        ({ result, paths }) => {
          saveWhenIdle();
          if (!closed) onEvent({ type: 'build', result, changed: paths });
        },
        (error) => !closed && onEvent({ type: 'error', error }),
      );

    const started = build().then(
      async (result) => {
        if (closed) return;
        graph!.watch((c) => {
          changed.push(...c.paths);
          rescan ||= c.rescan;
          if (!scheduled && !closed) {
            scheduled = true;
            void rebuild();
          }
        });
        onEvent({ type: 'build', result, changed: [] });
      },
      (error) => onEvent({ type: 'error', error }),
    );
    return {
      async close() {
        closed = true;
        clearTimeout(idle);
        await started;
        await queue;
        return closeGraph();
      },
    };
  }

  return {
    build,
    watch,
    update: (paths) => graph?.update(paths.map((p) => path.resolve(cwd, p))),
    progress: () => graph?.progress() ?? { found: 0, done: 0 },
    graph: {
      dependencies: (file) => graph?.dependencies(path.resolve(cwd, file)) ?? [],
      importers: (file) => graph?.importers(path.resolve(cwd, file)) ?? [],
    },
    async close() {
      await queue;
      return closeGraph();
    },
  };
}
