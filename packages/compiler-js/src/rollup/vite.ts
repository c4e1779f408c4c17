// What the plugin takes from a Vite config: JSX settings (from `esbuild` up to Vite 7,
// `oxc` from Vite 8 / rolldown-vite) and `define`, and how to turn Vite's own transform off.
import type { JsxOptions, TransformOptions } from '../api/options';

/** The parts of a Vite user config read here. */
export interface ViteUserConfig {
  esbuild?: false | { jsx?: string; jsxImportSource?: string; jsxFactory?: string; jsxFragment?: string; jsxDev?: boolean };
  oxc?: false | { jsx?: string | { runtime?: string; importSource?: string; pragma?: string; pragmaFrag?: string; development?: boolean } };
  define?: Record<string, unknown>;
}

/** Vite 8 and rolldown-vite transform with Oxc (`oxc` option); earlier versions with esbuild. */
export function usesOxc(meta: { viteVersion?: string; rolldownVersion?: string } | undefined): boolean {
  if (!meta) return false;
  if (meta.rolldownVersion) return true;
  return Number.parseInt(meta.viteVersion ?? '0', 10) >= 8;
}

function compact<T extends object>(value: T): T | undefined {
  const out = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length ? out : undefined;
}

export function jsxFromVite(config: ViteUserConfig): JsxOptions | undefined {
  const oxc = config.oxc ? config.oxc.jsx : undefined;
  if (oxc && typeof oxc === 'object') {
    return compact<JsxOptions>({
      runtime: oxc.runtime === 'classic' || oxc.runtime === 'automatic' ? oxc.runtime : undefined,
      importSource: oxc.importSource,
      pragma: oxc.pragma,
      pragmaFrag: oxc.pragmaFrag,
      development: oxc.development,
    });
  }
  const esbuild = config.esbuild || undefined;
  if (!esbuild) return undefined;
  const runtime = esbuild.jsx === 'automatic' ? 'automatic' : esbuild.jsx === 'transform' ? 'classic' : undefined;
  return compact<JsxOptions>({
    runtime,
    importSource: esbuild.jsxImportSource,
    pragma: esbuild.jsxFactory,
    pragmaFrag: esbuild.jsxFragment,
    development: esbuild.jsxDev,
  });
}

// Our `define` takes `a`, `a.b.c` and `typeof a`; Vite handles `import.meta.*` itself.
const DEFINE_KEY = /^(typeof )?[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** Vite's `define` as ours: string values are expressions already, others JSON. */
export function defineFromVite(config: ViteUserConfig): Record<string, string> | undefined {
  if (!config.define) return undefined;
  const define: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.define)) {
    if (!DEFINE_KEY.test(key) || value === undefined) continue;
    define[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return Object.keys(define).length ? define : undefined;
}

/** Options from the Vite config, under the plugin's own (which win, `jsx` key by key). */
export function withViteOptions(options: TransformOptions, config: ViteUserConfig): TransformOptions {
  const jsx = jsxFromVite(config);
  const define = defineFromVite(config);
  const merged: TransformOptions = { ...options };
  if (jsx) merged.jsx = { ...jsx, ...options.jsx };
  if (define) merged.define = { ...define, ...options.define };
  return merged;
}
