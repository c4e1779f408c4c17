// A synthetic React + TypeScript app of N modules, the same for a given N on every run:
// components (.tsx) and utilities (.ts) with types, enums, classes, hooks, console calls,
// `data-test*` attributes, `<style jsx>` blocks, member imports from a component library
// (`import { Button } from 'ui-lib'`), and an import graph where module i imports a few
// later modules (so it is acyclic and every module but the last ones has dependents).

/** A small deterministic PRNG (mulberry32), so N alone fixes the output. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UI = ['Button', 'Card', 'Input', 'Stack', 'Badge', 'Dialog', 'Tooltip', 'Tabs'];
const isUtil = (i) => i % 4 === 3;
const file = (i) => `src/m${i}.${isUtil(i) ? 'ts' : 'tsx'}`;

function utilModule(i, deps, r) {
  const imports = deps.map((d) => `import { helper${d} } from './m${d}';`).join('\n');
  const calls = deps.map((d) => `helper${d}(x)`).join(' + ') || '0';
  return `${imports}
export enum Kind${i} { Alpha = 'alpha', Beta = 'beta', Gamma = ${i} }
export type Pair${i}<T> = readonly [key: string, value: T];
export interface Options${i} { readonly scale: number; label?: string; kinds: Kind${i}[] }

export class Store${i}<T extends { id: number }> {
  #items = new Map<number, T>();
  static created = 0;
  private readonly name: string;
  constructor(name = 'store${i}') { this.name = name; Store${i}.created++; }
  add(item: T): this { this.#items.set(item.id, item); return this; }
  get(id: number): T | undefined { return this.#items.get(id) ?? undefined; }
  get size(): number { return this.#items.size; }
  entries(): Pair${i}<T>[] { return [...this.#items].map(([k, v]) => [String(k), v] as const); }
}

export function helper${i}(x: number, options?: Partial<Options${i}>): number {
  const scale = options?.scale ?? ${(r() * 10).toFixed(3)};
  if (x > ${Math.floor(r() * 1000)}) console.warn('helper${i}: large input', x);
  let acc = 0;
  acc ||= ${calls};
  return Math.round((x * scale + acc) * 1_000) / 1_000;
}

export async function load${i}(url: string): Promise<Options${i} | null> {
  try {
    const res = await fetch(url);
    return (await res.json()) as Options${i};
  } catch (err: unknown) {
    console.error('load${i} failed', err);
    return null;
  }
}
`;
}

function componentModule(i, deps, r) {
  const ui = UI.filter(() => r() < 0.5);
  if (ui.length === 0) ui.push(UI[i % UI.length]);
  const depImports = deps.map((d) => (isUtil(d) ? `import { helper${d} } from './m${d}';` : `import Component${d}, { type Props${d} } from './m${d}';`)).join('\n');
  const children = deps
    .map((d) => (isUtil(d) ? `      <span data-test="value-${d}">{helper${d}(count)}</span>` : `      <Component${d} id={id + ${d}} items={items as Props${d}['items']} />`))
    .join('\n');
  const color = `#${Math.floor(r() * 0xffffff).toString(16).padStart(6, '0')}`;
  return `import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ${ui.join(', ')} } from 'ui-lib';
${depImports}

export interface Item${i} { key: string; value: number; tags?: string[] }
export interface Props${i} { id: number; label?: string; items: Item${i}[]; footer?: ReactNode }

function useTotal${i}(items: Item${i}[]): number {
  return useMemo(() => items.reduce((sum, it) => sum + it.value, 0), [items]);
}

export default function Component${i}({ id, label = 'Component ${i}', items, footer }: Props${i}) {
  const [count, setCount] = useState<number>(0);
  const total = useTotal${i}(items);
  useEffect(() => {
    console.log('mounted ${i}', id);
    return () => console.debug('unmounted ${i}');
  }, [id]);
  const onClick = (): void => setCount((c) => c + 1);
  return (
    <section className="m${i}" data-testid="m${i}" data-test-id={\`m${i}-\${id}\`} aria-label={label}>
      <style jsx>{\`
        .m${i} { color: ${color}; padding: ${Math.floor(r() * 16)}px; }
        .m${i}:hover { outline: 1px solid ${color}; }
      \`}</style>
      <h2 data-test="title">{label} ({total})</h2>
      <${ui[0]} onClick={onClick} data-test="action">{count > 0 ? \`clicked \${count}\` : 'click'}</${ui[0]}>
      <ul>
        {items.map((it) => (
          <li key={it.key} className={it.tags?.includes('hot') ? 'hot' : undefined}>
            {it.key}: {it.value.toFixed(2)}
          </li>
        ))}
      </ul>
${children}
      {footer ?? <>no footer</>}
    </section>
  );
}
`;
}

/** `[{ name, code }]` for an app of `n` modules. */
export function syntheticApp(n) {
  const r = rng(n);
  const files = [];
  for (let i = 0; i < n; i++) {
    // A few later modules; utilities import only utilities.
    const deps = [];
    const step = isUtil(i) ? 4 : 1;
    for (let d = i + step; d < n && deps.length < 3; d += step * (1 + Math.floor(r() * 5))) deps.push(d);
    const code = isUtil(i) ? utilModule(i, deps, r) : componentModule(i, deps, r);
    files.push({ name: file(i), code });
  }
  return files;
}
