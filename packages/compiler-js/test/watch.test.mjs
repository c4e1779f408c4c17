// `compiler build --watch` as a user runs it: a spawned process, files edited, created,
// saved atomically, broken and fixed, renamed and deleted on disk; outputs checked after
// each rebuild line; Ctrl-C saves the cache for the next start.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { cliPath, tempDir } from './helpers.mjs';

/** A spawned watch process whose stderr lines can be awaited one at a time. */
function startWatch(cwd, args) {
  const child = spawn(process.execPath, [cliPath, 'build', ...args, '--watch'], { cwd });
  const lines = [];
  let waiting = null;
  let buffer = '';
  child.stderr.on('data', (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      waiting?.();
    }
  });
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    lines,
    /** Resolves with the next line matching `re` (lines are consumed up to it). */
    async next(re, timeout = 10_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const i = lines.findIndex((l) => re.test(l));
        if (i >= 0) return lines.splice(0, i + 1)[i];
        if (Date.now() > deadline) throw new Error(`no line matching ${re} in time; saw:\n${lines.join('\n')}`);
        await new Promise((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

const files = {
  'package.json': '{ "type": "module" }\n',
  'compiler.config.json': '{}\n',
  'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/one/*"] } } }\n',
  'src/one/which.ts': "export const which = 'one';\n",
  'src/two/which.ts': "export const which = 'two';\n",
  'src/flag.ts': "import { which } from '@lib/which';\nexport const flag = `${typeof __FLAG__ === 'undefined' ? 'off' : __FLAG__} ${which}`;\n",
  'src/main.ts': "import { a } from './a';\nimport { b } from './b';\nconsole.log(a, b);\n",
  'src/a.ts': 'export const a: number = 1;\n',
  'src/b.tsx': "export const b = 'tsx';\n",
};

test('watch mode rebuilds what each change reaches, survives errors, and restarts warm', async () => {
  const dir = tempDir(files);
  const out = (rel) => fs.readFileSync(path.join(dir, 'dist', rel), 'utf8');
  const exists = (rel) => fs.existsSync(path.join(dir, 'dist', rel));
  const write = (rel, text) => fs.writeFileSync(path.join(dir, rel), text);
  const runOutput = () => spawnSync(process.execPath, [path.join(dir, 'dist/main.js')], { encoding: 'utf8' }).stdout;

  const w = startWatch(dir, ['src/main.ts', '-d', 'dist']);
  try {
    assert.match(await w.next(/^Built/), /^Built 3 modules \(0 from cache\) in/);
    await w.next(/^Watching for changes/);
    assert.equal(runOutput(), '1 tsx\n');

    // An edit: one module rebuilt, the others untouched.
    const mainMtime = fs.statSync(path.join(dir, 'dist/main.js')).mtimeMs;
    write('src/a.ts', 'export const a: number = 2;\n');
    assert.match(await w.next(/^Rebuilt/), /^Rebuilt 1 of 3 modules in \d+ ms$/);
    assert.equal(runOutput(), '2 tsx\n');
    assert.equal(fs.statSync(path.join(dir, 'dist/main.js')).mtimeMs, mainMtime);

    // An editor's atomic save: write a temporary file, rename it over the original.
    write('src/a.ts.swp', 'export const a: number = 3;\n');
    fs.renameSync(path.join(dir, 'src/a.ts.swp'), path.join(dir, 'src/a.ts'));
    await w.next(/^Rebuilt 1 of 3 modules/);
    assert.equal(runOutput(), '3 tsx\n');

    // A new file that changes how an existing specifier resolves: `./b` finds b.ts first.
    write('src/b.ts', "export const b = 'ts';\n");
    await w.next(/^Rebuilt \d+ of 3 modules/);
    assert.equal(runOutput(), '3 ts\n');
    assert.deepEqual(JSON.parse(out('.graph.json')).modules['main.ts'].dependencies, ['a.ts', 'b.ts']);

    // A new module imported by an edited one.
    write('src/c.ts', 'export const c = "new";\n');
    write('src/main.ts', "import { a } from './a';\nimport { b } from './b';\nimport { c } from './c';\nconsole.log(a, b, c);\n");
    await w.next(/^Rebuilt \d+ of 4 modules/);
    assert.equal(runOutput(), '3 ts new\n');

    // A syntax error: reported with a code frame; the last good output stays.
    write('src/a.ts', 'export const a: number = ;\n');
    const err = await w.next(/a\.ts:1:\d+: /);
    assert.match(err, /src\/a\.ts:1:26: Expression expected/);
    await w.next(/^Rebuilt 1 of 4 modules in \d+ ms with 1 error$/);
    assert.equal(runOutput(), '3 ts new\n');
    write('src/a.ts', 'export const a: number = 4;\n');
    assert.match(await w.next(/^Rebuilt/), /^Rebuilt 1 of 4 modules in \d+ ms$/);
    assert.equal(runOutput(), '4 ts new\n');

    // A rename: the old output goes, the import follows the new name once it is edited.
    fs.renameSync(path.join(dir, 'src/c.ts'), path.join(dir, 'src/d.ts'));
    await w.next(/with 1 error$/);
    write('src/main.ts', "import { a } from './a';\nimport { b } from './b';\nimport { c } from './d';\nconsole.log(a, b, c);\n");
    await w.next(/^Rebuilt \d+ of 4 modules in \d+ ms$/);
    assert.equal(runOutput(), '4 ts new\n');
    assert.ok(exists('d.js') && !exists('c.js'));

    // Deleting b.ts: `./b` falls back to b.tsx.
    fs.rmSync(path.join(dir, 'src/b.ts'));
    await w.next(/^Rebuilt \d+ of 4 modules in \d+ ms$/);
    assert.equal(runOutput(), '4 tsx new\n');

    // The config file and tsconfig.json: the options, and how `@lib/which` resolves.
    write('src/main.ts', "import { a } from './a';\nimport { b } from './b';\nimport { c } from './d';\nimport { flag } from './flag';\nconsole.log(a, b, c, flag);\n");
    await w.next(/^Rebuilt \d+ of 6 modules in \d+ ms$/);
    assert.equal(runOutput(), '4 tsx new off one\n');
    write('compiler.config.json', '{ "define": { "__FLAG__": "\\"on\\"" } }\n');
    assert.match(await w.next(/^Rebuilt/), /^Rebuilt 6 of 6 modules in \d+ ms$/);
    assert.equal(runOutput(), '4 tsx new on one\n');
    write('tsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/two/*"] } } }\n');
    assert.match(await w.next(/^Rebuilt/), /^Rebuilt 2 of 6 modules in \d+ ms$/);
    assert.equal(runOutput(), '4 tsx new on two\n');
  } finally {
    w.child.kill('SIGINT');
  }
  assert.equal(await w.exited, 0);
  assert.ok(w.lines.some((l) => l === 'Stopped watching; the cache is saved'), w.lines.join('\n'));

  // The next start is warm: nothing is compiled again.
  const again = spawnSync(process.execPath, [cliPath, 'build', 'src/main.ts', '-d', 'dist'], { cwd: dir, encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /^Built 6 modules \(6 from cache\) in/);
});
