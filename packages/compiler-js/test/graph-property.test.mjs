// A seeded property test of the incremental module graph: random steps on a generated
// project (edit a module, add and remove imports, create a file that changes how an
// existing specifier resolves, delete, rename, change tsconfig.json `paths`, corrupt or
// truncate a cache entry, kill a build mid-write). After every step the incremental
// output equals a clean build from scratch, byte for byte, with the same diagnostics;
// every 50 steps a fresh process starting from the cache equals it too.
//
// `GRAPH_SEED=n` replays one seed; `GRAPH_STEPS=n` changes the number of steps. The seed is
// in every failure message. `npm test` runs a fixed seed and a random one.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { cliPath, listFiles, repoRoot, tempDir } from './helpers.mjs';

const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { createCompiler } = api.default ?? api;

const STEPS = Number(process.env.GRAPH_STEPS ?? 500);
const FIXED_SEED = 20261130;

function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The project as a model: modules with their imports, rendered to files on demand. */
class Model {
  constructor(random) {
    this.r = random;
    this.modules = new Map(); // rel → { name, k, imports: [{ spec, name }], lazy: [{ spec, name }], typed }
    this.libDir = 'lib';
    this.next = 0;
  }

  pick(list) {
    return list[Math.floor(this.r() * list.length)];
  }

  chance(p) {
    return this.r() < p;
  }

  /** A specifier for module `rel` from `from`, in one of the forms users write. */
  specFor(rel, from) {
    if (rel.startsWith('src/lib/') || rel.startsWith('src/alt/')) {
      const base = path.posix.basename(rel).replace(/\.tsx?$/, '');
      return this.chance(0.7) ? `@lib/${base}` : path.posix.relative(path.posix.dirname(from), rel).replace(/^(?!\.)/, './').replace(/\.tsx?$/, '');
    }
    let spec = path.posix.relative(path.posix.dirname(from), rel).replace(/\.tsx?$/, '');
    if (!spec.startsWith('.')) spec = `./${spec}`;
    return this.chance(0.3) ? `${spec}.js` : spec;
  }

  nameOf(rel) {
    return path.posix.basename(rel).replace(/\.[^.]+$/, '').replace(/[^a-z0-9]/gi, '_');
  }

  addModule(dir = 'src', ext = this.chance(0.3) ? 'tsx' : 'ts') {
    const rel = `${dir}/m${this.next++}.${ext}`;
    this.modules.set(rel, { k: Math.floor(this.r() * 1000), imports: [], lazy: [], typed: false });
    return rel;
  }

  render(rel) {
    const m = this.modules.get(rel);
    const lines = [];
    const seen = new Set();
    for (const imp of m.imports) {
      if (seen.has(imp.name)) continue;
      seen.add(imp.name);
      lines.push(`import { ${imp.name} } from '${imp.spec}';`);
    }
    if (rel === 'src/main.ts') lines.push("import data from './data.json' with { type: 'json' };");
    lines.push(`export interface Shape${m.k} { n: number }`);
    const sum = [...seen].map((n) => `(typeof ${n} === 'number' ? ${n} : 0)`).join(' + ') || '0';
    const type = m.typed ? ': number | 7' : ': number';
    lines.push(`export const ${this.nameOf(rel)}${type} = ${m.k} + ${sum};`);
    for (const l of m.lazy) lines.push(`export const load_${l.name} = () => import('${l.spec}');`);
    if (rel.endsWith('.tsx')) lines.push(`export const View = () => <p data-k="${m.k}">{${this.nameOf(rel)}}</p>;`);
    if (rel === 'src/main.ts') lines.push('export const answer = data.answer;');
    return `${lines.join('\n')}\n`;
  }

  tsconfig() {
    return `${JSON.stringify({ compilerOptions: { jsx: 'react-jsx', baseUrl: '.', paths: { '@lib/*': [`src/${this.libDir}/*`] } } }, null, 2)}\n`;
  }
}

class Project {
  constructor(seed) {
    this.seed = seed;
    this.dir = fs.realpathSync(tempDir());
    this.model = new Model(rng(seed));
    this.changed = new Set();
  }

  at(rel) {
    return path.join(this.dir, rel);
  }

  write(rel, text) {
    fs.mkdirSync(path.dirname(this.at(rel)), { recursive: true });
    fs.writeFileSync(this.at(rel), text);
    this.changed.add(this.at(rel));
  }

  remove(rel) {
    fs.rmSync(this.at(rel), { force: true });
    this.changed.add(this.at(rel));
  }

  writeModule(rel) {
    this.write(rel, this.model.render(rel));
  }

  init() {
    const m = this.model;
    this.write('package.json', '{ "name": "generated", "type": "module" }\n');
    this.write('tsconfig.json', m.tsconfig());
    this.write('node_modules/react/package.json', '{ "name": "react", "exports": { ".": "./index.js", "./jsx-runtime": "./jsx-runtime.js" } }\n');
    this.write('node_modules/react/index.js', 'export {};\n');
    this.write('node_modules/react/jsx-runtime.js', 'export const jsx = () => null;\n');
    this.write('src/data.json', '{ "answer": 1 }\n');
    m.modules.set('src/main.ts', { k: 0, imports: [], lazy: [], typed: false });
    const mods = [];
    for (let i = 0; i < 10; i++) mods.push(m.addModule(i % 3 === 0 ? 'src/sub' : 'src'));
    for (let i = 0; i < 3; i++) {
      const rel = `src/lib/l${i}.ts`;
      m.modules.set(rel, { k: i, imports: [], lazy: [], typed: false });
      mods.push(rel);
    }
    for (const rel of mods) {
      this.link('src/main.ts', rel, m.chance(0.2));
      for (const other of mods) if (other !== rel && m.chance(0.15)) this.link(rel, other, m.chance(0.2));
    }
    for (const rel of m.modules.keys()) this.writeModule(rel);
  }

  link(from, to, lazy) {
    const m = this.model;
    const entry = { spec: m.specFor(to, from), name: m.nameOf(to) };
    (lazy ? m.modules.get(from).lazy : m.modules.get(from).imports).push(entry);
  }

  /** One random step; returns what it did. */
  step(cacheDir) {
    const m = this.model;
    const rels = [...m.modules.keys()];
    const others = rels.filter((r) => r !== 'src/main.ts');
    const kind = m.pick([
      'edit', 'edit', 'type-edit', 'add-import', 'add-import', 'remove-import', 'new-module',
      'shadow', 'delete', 'rename', 'paths', 'data', 'corrupt', 'truncate', 'kill', 'noop-save',
    ]);
    switch (kind) {
      case 'edit':
      case 'type-edit': {
        const rel = m.pick(rels);
        const mod = m.modules.get(rel);
        if (kind === 'edit') mod.k = Math.floor(m.r() * 1000);
        else mod.typed = !mod.typed;
        this.writeModule(rel);
        return `${kind} ${rel}`;
      }
      case 'add-import': {
        // Every module but the entry may have been deleted.
        if (!others.length) return 'nothing';
        const [from, to] = [m.pick(rels), m.pick(others)];
        if (from === to) return 'nothing';
        this.link(from, to, m.chance(0.25));
        this.writeModule(from);
        return `import ${to} from ${from}`;
      }
      case 'remove-import': {
        const from = m.pick(rels);
        const mod = m.modules.get(from);
        const list = m.chance(0.5) && mod.lazy.length ? mod.lazy : mod.imports;
        if (!list.length) return 'nothing';
        const [gone] = list.splice(Math.floor(m.r() * list.length), 1);
        this.writeModule(from);
        return `unimport ${gone.spec} from ${from}`;
      }
      case 'new-module': {
        const rel = m.addModule(m.chance(0.3) ? 'src/sub' : 'src');
        this.writeModule(rel);
        const from = m.pick(rels);
        this.link(from, rel, false);
        this.writeModule(from);
        return `new ${rel} imported by ${from}`;
      }
      case 'shadow': {
        // `./mN` resolves to mN.tsx; creating mN.ts changes that (or removing it changes it back).
        const tsx = others.filter((r) => r.endsWith('.tsx'));
        if (!tsx.length) return 'nothing';
        const rel = m.pick(tsx).replace(/\.tsx$/, '.ts');
        if (m.modules.has(rel)) {
          m.modules.delete(rel);
          this.remove(rel);
          return `unshadow ${rel}`;
        }
        m.modules.set(rel, { k: Math.floor(m.r() * 1000), imports: [], lazy: [], typed: false });
        this.writeModule(rel);
        return `shadow with ${rel}`;
      }
      case 'delete': {
        if (!others.length) return 'nothing';
        const rel = m.pick(others);
        m.modules.delete(rel);
        this.remove(rel);
        return `delete ${rel}`;
      }
      case 'rename': {
        if (!others.length) return 'nothing';
        const rel = m.pick(others);
        const to = rel.replace(/[^/]+$/, `r${m.next++}${path.posix.extname(rel)}`);
        const mod = m.modules.get(rel);
        m.modules.delete(rel);
        m.modules.set(to, mod);
        fs.renameSync(this.at(rel), this.at(to));
        this.changed.add(this.at(rel)).add(this.at(to));
        this.writeModule(to);
        if (m.chance(0.6)) {
          for (const [from, other] of m.modules) {
            let touched = false;
            for (const imp of [...other.imports, ...other.lazy]) {
              if (imp.name === m.nameOf(rel)) {
                imp.spec = m.specFor(to, from);
                imp.name = m.nameOf(to);
                touched = true;
              }
            }
            if (touched) this.writeModule(from);
          }
        }
        return `rename ${rel} → ${to}`;
      }
      case 'paths': {
        m.libDir = m.libDir === 'lib' ? 'alt' : 'lib';
        // The other folder holds some of the same names, so `@lib/x` lands elsewhere or nowhere.
        for (const rel of [...m.modules.keys()].filter((r) => r.startsWith('src/lib/'))) {
          const alt = rel.replace('src/lib/', 'src/alt/');
          if (!fs.existsSync(this.at(alt)) && m.chance(0.5)) this.write(alt, `export const ${m.nameOf(rel)}: number = ${Math.floor(m.r() * 100)};\n`);
        }
        this.write('tsconfig.json', m.tsconfig());
        return `paths → src/${m.libDir}`;
      }
      case 'data':
        this.write('src/data.json', `{ "answer": ${Math.floor(m.r() * 100)} }\n`);
        return 'edit data.json';
      case 'corrupt':
      case 'truncate': {
        const files = listFiles(path.join(cacheDir, 'packs'));
        if (!files.length) return 'nothing';
        const file = path.join(cacheDir, 'packs', m.pick(files));
        const bytes = fs.readFileSync(file);
        if (kind === 'truncate') fs.writeFileSync(file, bytes.subarray(0, Math.floor(m.r() * bytes.length)));
        else {
          const at = Math.floor(m.r() * bytes.length);
          bytes[at] ^= 1 + Math.floor(m.r() * 254);
          fs.writeFileSync(file, bytes);
        }
        return `${kind} ${path.basename(file)}`;
      }
      case 'kill': {
        // An edit, then a build in another process, killed after a random delay.
        const rel = m.pick(rels);
        m.modules.get(rel).k = Math.floor(m.r() * 1000);
        this.writeModule(rel);
        return { kill: Math.floor(m.r() * 60), what: `kill a build of ${rel}` };
      }
      case 'noop-save': {
        const rel = m.pick(rels);
        this.writeModule(rel);
        return `save ${rel} unchanged`;
      }
    }
    throw new Error(kind);
  }
}

function assertSameTree(actual, expected, context) {
  const files = listFiles(expected);
  assert.deepEqual(listFiles(actual), files, `${context}: the same files`);
  for (const f of files) {
    const [a, b] = [fs.readFileSync(path.join(actual, f)), fs.readFileSync(path.join(expected, f))];
    if (!a.equals(b)) assert.equal(a.toString(), b.toString(), `${context}: ${f}`);
  }
}

const shown = (diagnostics) => diagnostics.map((d) => `${d.filename}:${d.line ?? ''}:${d.column ?? ''} ${d.message}`);

async function run(seed) {
  const p = new Project(seed);
  p.init();
  const options = { cwd: p.dir, root: 'src', entries: ['src/main.ts'], sourceMaps: true };
  const cacheDir = p.at('cache');
  const open = () => createCompiler({ ...options, outDir: 'dist', cacheDir });
  let incremental = open();
  const clean = async () => {
    fs.rmSync(p.at('clean'), { recursive: true, force: true });
    const c = createCompiler({ ...options, outDir: 'clean', cache: false });
    const result = await c.build();
    await c.close();
    return result;
  };
  const cli = (extra = []) => [cliPath, 'build', 'src/main.ts', '-d', 'dist', '--root', 'src', '--cache-dir', 'cache', '-s', 'true', '-q', ...extra];

  for (let i = 0; i <= STEPS; i++) {
    let context = `seed ${seed}, step ${i}`;
    try {
      p.changed.clear();
      let step = i === 0 ? 'init' : p.step(cacheDir);
      if (typeof step === 'object') {
        const child = spawn(process.execPath, cli(), { cwd: p.dir, stdio: 'ignore' });
        await new Promise((resolve) => setTimeout(resolve, step.kill));
        child.kill('SIGKILL');
        await new Promise((resolve) => child.on('close', resolve));
        step = step.what;
      }
      context = `seed ${seed}, step ${i}: ${step}`;
      // Half the time the changed paths are reported; otherwise the build finds them by
      // their stamps (as a new process does).
      if (p.model.chance(0.5)) incremental.update([...p.changed]);
      const got = await incremental.build();
      const want = await clean();
      assert.deepEqual(shown(got.diagnostics), shown(want.diagnostics), `${context}: diagnostics`);
      assertSameTree(p.at('dist'), p.at('clean'), context);

      if (i > 0 && i % 50 === 0) {
        await incremental.close();
        const fresh = spawnSync(process.execPath, cli(), { cwd: p.dir, encoding: 'utf8' });
        assert.equal(fresh.status, want.errors ? 1 : 0, `${context}: a fresh process\n${fresh.stderr}`);
        assertSameTree(p.at('dist'), p.at('clean'), `${context} (fresh process)`);
        incremental = open();
      }
    } catch (err) {
      err.message = `${context}\nproject: ${p.dir}\n${err.message}`;
      throw err;
    }
  }
  await incremental.close();
  fs.rmSync(p.dir, { recursive: true, force: true });
}

test(`incremental builds equal clean builds: fixed seed ${FIXED_SEED}`, { timeout: 600_000 }, async () => {
  await run(Number(process.env.GRAPH_SEED ?? FIXED_SEED));
});

test('incremental builds equal clean builds: a random seed', { timeout: 600_000, skip: process.env.GRAPH_SEED !== undefined }, async (t) => {
  const seed = Math.floor(Math.random() * 2 ** 31);
  t.diagnostic(`seed ${seed} (replay with GRAPH_SEED=${seed})`);
  await run(seed);
});
