// The peers that are libraries, as graph/child.mjs runs them in a process of their own:
// esbuild without bundling (every source file an entry point), esbuild bundling from the
// entry, and rspack with its persistent cache. Each has `once(cfg)` (one build, then done)
// and `watch(cfg, onBuild)` (an incremental session). `cfg` is `{ dir, entry, outDir, cacheDir }`.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

// ---- esbuild ------------------------------------------------------------------------------
const esbuildBase = (cfg) => ({
  absWorkingDir: cfg.dir,
  outdir: cfg.outDir,
  format: 'esm',
  jsx: 'automatic',
  target: 'es2020',
  logLevel: 'silent',
});

export const ESBUILD_OPTIONS = {
  // esbuild follows no import without bundling: every source file is an entry point. The
  // globs are expanded again on each rebuild, so a new file is picked up.
  esbuild: (cfg) => ({ ...esbuildBase(cfg), entryPoints: ['src/**/*.ts', 'src/**/*.tsx'], outbase: 'src', bundle: false }),
  'esbuild-bundle': (cfg) => ({ ...esbuildBase(cfg), entryPoints: [cfg.entry], bundle: true, packages: 'external', external: ['node:*'] }),
};

function esbuildBuilder(id) {
  const esbuild = () => require('esbuild');
  return {
    version: () => esbuild().version,
    async once(cfg) {
      const r = await esbuild().build(ESBUILD_OPTIONS[id](cfg));
      return { errors: r.errors.length };
    },
    /** esbuild watches nothing here: the harness calls `rebuild()` right after each write. */
    async watch(cfg, onBuild) {
      const ctx = await esbuild().context(ESBUILD_OPTIONS[id](cfg));
      const rebuild = async () => {
        const start = performance.now();
        let errors = 0;
        try {
          errors = (await ctx.rebuild()).errors.length;
        } catch (err) {
          errors = err.errors?.length ?? 1;
        }
        onBuild({ ms: performance.now() - start, errors });
      };
      await rebuild();
      return { rebuild, stop: () => ctx.dispose() };
    },
  };
}

// ---- rspack -------------------------------------------------------------------------------
const swc = (tsx) => ({
  loader: 'builtin:swc-loader',
  options: {
    jsc: {
      parser: { syntax: 'typescript', tsx },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
  },
});

/** A TS/React development build: swc-loader, node_modules external, persistent cache on disk. */
export function rspackConfig(cfg) {
  return {
    mode: 'development',
    context: cfg.dir,
    entry: { main: `./${cfg.entry}` },
    output: { path: cfg.outDir, filename: '[name].js', module: true, chunkFormat: 'module', library: { type: 'module' } },
    target: ['web', 'es2020'],
    devtool: false,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, ...swc(false) },
        { test: /\.tsx$/, exclude: /node_modules/, ...swc(true) },
      ],
    },
    // Every bare import (packages, node: built-ins) stays an import, as esbuild's
    // `packages: 'external'`.
    externals: [/^[^./]/],
    externalsType: 'module',
    optimization: { minimize: false },
    // rspack 2.x: the persistent cache is the top-level `cache` option (1.x had it under
    // `experiments.cache`).
    cache: { type: 'persistent', storage: { type: 'filesystem', directory: cfg.cacheDir } },
    infrastructureLogging: { level: 'error' },
    stats: 'errors-only',
  };
}

const rspackBuilder = {
  version: () => require('@rspack/core').rspackVersion,
  async once(cfg) {
    const { rspack } = require('@rspack/core');
    const compiler = rspack(rspackConfig(cfg));
    const start = performance.now();
    const stats = await new Promise((resolve, reject) => compiler.run((err, s) => (err ? reject(err) : resolve(s))));
    const buildMs = performance.now() - start;
    const result = summary(stats);
    // Closing writes the persistent cache: part of the build's cost.
    await new Promise((resolve) => compiler.close(resolve));
    return { ...result, buildMs, closeMs: performance.now() - start - buildMs };
  },
  async watch(cfg, onBuild) {
    const { rspack } = require('@rspack/core');
    const compiler = rspack(rspackConfig(cfg));
    let first;
    const ready = new Promise((resolve) => (first = resolve));
    const watching = compiler.watch({}, (err, stats) => {
      const info = err ? { errors: 1, error: String(err.message) } : summary(stats);
      onBuild({ ms: stats ? stats.endTime - stats.startTime : null, ...info });
      first();
    });
    await ready;
    return { stop: () => new Promise((resolve) => watching.close(() => compiler.close(resolve))) };
  },
};

function summary(stats) {
  const errors = stats.compilation.errors;
  return { modules: stats.compilation.modules.size, errors: errors.length, error: errors[0] ? String(errors[0].message).slice(0, 500) : undefined };
}

export const BUILDERS = {
  esbuild: esbuildBuilder('esbuild'),
  'esbuild-bundle': esbuildBuilder('esbuild-bundle'),
  rspack: rspackBuilder,
};

/** Where a source file's output lands (`src/a/b.tsx` → `<out>/a/b.js`), or the bundle. */
export function outputOf(id, cfg, rel) {
  if (id === 'esbuild') return path.join(cfg.outDir, rel.replace(/^src\//, '').replace(/\.tsx?$/, '.js'));
  return path.join(cfg.outDir, 'main.js');
}
