// The projects of the graph benchmark, written to a temporary directory: the synthetic app
// (synthetic.mjs) laid out as a project with one entry, and a real code base (effect's
// TypeScript sources). Each comes with its import graph, its leaf and its most imported
// module (the files the edit scenarios touch), and edits that can be undone.
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as esbuild from 'esbuild';

import { benchDir } from '../corpus.mjs';
import { syntheticApp } from '../synthetic.mjs';

/** The real project: effect ships its sources; a main.ts imports each of its entry points. */
export const REAL_PACKAGE = 'effect';

const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

function tsconfig(extra = {}) {
  return json({
    compilerOptions: {
      target: 'es2020',
      module: 'esnext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      strict: false,
      skipLibCheck: true,
      rootDir: 'src',
      outDir: 'dist',
      ...extra,
    },
    include: ['src'],
  });
}

// ---- synthetic-N --------------------------------------------------------------------------
/** Stub packages for every bare import of the synthetic app and of its transformed output. */
const STUBS = {
  react: {
    'package.json': json({ name: 'react', version: '0.0.0-stub', type: 'module', exports: { '.': './index.js', './jsx-runtime': './jsx-runtime.js', './jsx-dev-runtime': './jsx-dev-runtime.js' } }),
    'index.js': [
      'export function useState(value) { return [value, () => {}]; }',
      'export function useEffect() {}',
      'export function useMemo(fn) { return fn(); }',
      'export const Fragment = Symbol.for("react.fragment");',
      '',
    ].join('\n'),
    'jsx-runtime.js': [
      'export const Fragment = Symbol.for("react.fragment");',
      'export function jsx(type, props, key) { return { type, props, key }; }',
      'export const jsxs = jsx;',
      '',
    ].join('\n'),
    'jsx-dev-runtime.js': 'export { Fragment, jsx as jsxDEV } from "./jsx-runtime.js";\n',
  },
  'styled-jsx': {
    'package.json': json({ name: 'styled-jsx', version: '0.0.0-stub', type: 'module', exports: { './style': './style.js', './style.js': './style.js' } }),
    'style.js': 'export default function JSXStyle() { return null; }\n',
  },
};

function uiLibStub(names) {
  return {
    'package.json': json({ name: 'ui-lib', version: '0.0.0-stub', type: 'module', exports: { '.': './index.js' } }),
    'index.js': names.map((n) => `export function ${n}(props) { return props.children; }\n`).join(''),
  };
}

function writeSynthetic(dir, n) {
  const files = syntheticApp(n);
  const imported = new Set();
  for (const f of files) for (const [, d] of f.code.matchAll(/from '\.\/m(\d+)'/g)) imported.add(Number(d));
  const roots = files.map((_, i) => i).filter((i) => !imported.has(i));
  const ui = new Set();
  for (const f of files) for (const [, names] of f.code.matchAll(/import \{ ([^}]+) \} from 'ui-lib'/g)) names.split(', ').forEach((x) => ui.add(x));
  for (const f of files) write(path.join(dir, f.name), f.code);
  write(
    path.join(dir, 'src/main.tsx'),
    [
      '// The entry: imports every module that no other module imports, so all are reachable.',
      ...roots.map((i) => `import * as m${i} from './m${i}';`),
      `export const modules = [${roots.map((i) => `m${i}`).join(', ')}];`,
      '',
    ].join('\n'),
  );
  write(path.join(dir, 'package.json'), json({ name: `graph-synthetic-${n}`, private: true, type: 'module' }));
  write(path.join(dir, 'tsconfig.json'), tsconfig());
  for (const [pkg, stub] of Object.entries({ ...STUBS, 'ui-lib': uiLibStub([...ui].sort()) })) {
    for (const [name, text] of Object.entries(stub)) write(path.join(dir, 'node_modules', pkg, name), text);
  }
  return { entry: 'src/main.tsx', files: files.length + 1, source: `syntheticApp(${n}) from synthetic.mjs`, roots: roots.length };
}

// ---- real ---------------------------------------------------------------------------------
function writeReal(dir) {
  const pkgDir = path.join(benchDir, 'node_modules', REAL_PACKAGE);
  if (!fs.existsSync(path.join(pkgDir, 'src'))) throw new Error(`${REAL_PACKAGE} is not installed: run npm install in bench/`);
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  fs.cpSync(path.join(pkgDir, 'src'), path.join(dir, 'src'), { recursive: true });
  // Every public entry point of the package ("./cli": "./dist/cli/index.js" → src/cli/index.ts).
  const entries = Object.entries(pkg.exports)
    .filter(([key, target]) => typeof target === 'string' && !key.includes('*') && /^\.\/dist\/.*\.js$/.test(target))
    .map(([key, target]) => ({ key, file: target.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts') }));
  const unique = [...new Map(entries.map((e) => [e.file, e])).values()];
  const ident = (key) => `E_${key.replace(/^\.\/?/, '').replace(/[^A-Za-z0-9]+/g, '_') || 'index'}`;
  write(
    path.join(dir, 'src/main.ts'),
    [`// The entry: every public entry point of ${REAL_PACKAGE} ${pkg.version}.`, ...unique.map((e) => `export * as ${ident(e.key)} from ${JSON.stringify(e.file)};`), ''].join('\n'),
  );
  write(path.join(dir, 'package.json'), json({ name: 'graph-real', private: true, type: 'module' }));
  // effect imports its own modules with .ts extensions.
  write(path.join(dir, 'tsconfig.json'), tsconfig({ allowImportingTsExtensions: true, rewriteRelativeImportExtensions: true }));
  // Its bare imports (its own subpaths, `effect/Cause`, and node: built-ins) resolve to bench's.
  fs.symlinkSync(path.join(benchDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const files = countSources(path.join(dir, 'src'));
  return { entry: 'src/main.ts', files, source: `${REAL_PACKAGE} ${pkg.version} src/ (${unique.length} entry points)` };
}

function countSources(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countSources(path.join(dir, e.name));
    else if (/\.tsx?$/.test(e.name)) n++;
  }
  return n;
}

// ---- the graph ----------------------------------------------------------------------------
/** Reachable modules and who imports whom, from an esbuild bundle's metafile (not timed). */
async function analyse(dir, entry) {
  const result = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    packages: 'external',
    external: ['node:*'],
    write: false,
    metafile: true,
    format: 'esm',
    jsx: 'automatic',
    outdir: 'out',
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const modules = Object.keys(inputs).filter((f) => f.startsWith('src/'));
  const importers = new Map(modules.map((m) => [m, 0]));
  const imports = new Map();
  for (const m of modules) {
    const local = inputs[m].imports.filter((i) => !i.external && importers.has(i.path)).map((i) => i.path);
    imports.set(m, new Set(local));
    for (const dep of new Set(local)) importers.set(dep, importers.get(dep) + 1);
  }
  const candidates = modules.filter((m) => m !== entry);
  const byName = (a, b) => a.localeCompare(b, 'en', { numeric: true });
  // Leaf: imports no module of the project; of those, the one fewest modules import.
  const leaf = candidates.filter((m) => imports.get(m).size === 0).sort((a, b) => importers.get(a) - importers.get(b) || byName(a, b))[0];
  // Hub: the module most modules import.
  const hub = [...candidates].sort((a, b) => importers.get(b) - importers.get(a) || byName(a, b))[0];
  return { modules: modules.length, leaf, leafImporters: importers.get(leaf), hub, hubImporters: importers.get(hub) };
}

/**
 * Writes project `name` (`synthetic-N` or `real`) under `root` and returns what the
 * scenarios need: `{ name, dir, entry, modules, leaf, hub, ... }` plus `edit`, `add`,
 * `touch` and `restore` (undo every edit and remove added files).
 */
export async function createProject(name, root) {
  const dir = path.join(root, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const m = /^synthetic-(\d+)$/.exec(name);
  if (!m && name !== 'real') throw new Error(`unknown project ${name}: synthetic-N or real`);
  const laid = m ? writeSynthetic(dir, Number(m[1])) : writeReal(dir);
  const graph = await analyse(dir, laid.entry);
  const originals = new Map();
  const added = new Set();
  const abs = (rel) => path.join(dir, rel);
  const keep = (rel) => originals.has(rel) || originals.set(rel, fs.readFileSync(abs(rel)));
  let count = 0;
  return {
    name,
    dir,
    ...laid,
    ...graph,
    /** A unique marker that the edited module's output will contain. */
    marker: (tag) => `graph_${tag}_${process.pid}_${++count}`,
    /** Appends a statement with `marker` to `rel` (the original plus one line, each time). */
    edit(rel, marker) {
      keep(rel);
      fs.writeFileSync(abs(rel), Buffer.concat([originals.get(rel), Buffer.from(`\nglobalThis.__graphEdit = "${marker}";\n`)]));
    },
    /** Creates a module next to `rel` and adds an import of it to `rel`; returns its path. */
    add(rel, marker) {
      keep(rel);
      const base = `graph-added-${count}`;
      const file = path.posix.join(path.posix.dirname(rel), `${base}.ts`);
      added.add(file);
      fs.writeFileSync(abs(file), `export const added = "${marker}";\n`);
      fs.writeFileSync(abs(rel), Buffer.concat([originals.get(rel), Buffer.from(`\nimport { added as ${marker} } from './${base}';\nglobalThis.__graphAdded = ${marker};\n`)]));
      return { file, needle: base };
    },
    /** Writes `rel` again with the bytes it has. */
    touch(rel) {
      fs.writeFileSync(abs(rel), fs.readFileSync(abs(rel)));
    },
    restore() {
      for (const [rel, bytes] of originals) fs.writeFileSync(abs(rel), bytes);
      for (const rel of added) fs.rmSync(abs(rel), { force: true });
      originals.clear();
      added.clear();
    },
  };
}
