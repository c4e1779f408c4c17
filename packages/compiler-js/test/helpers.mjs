import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixturesRoot = path.join(repoRoot, 'tests/fixtures/transform');
export const cliPath = path.join(repoRoot, 'packages/compiler-js/dist/cli/index.js');

/**
 * Runs CommonJS `code` as the module `file` (which need not exist), resolving packages from
 * the repository's node_modules; returns its exports.
 */
export function loadCommonJs(code, file) {
  const Module = createRequire(import.meta.url)('node:module');
  const m = new Module(file);
  m.filename = file;
  m.paths = Module._nodeModulePaths(repoRoot);
  m._compile(code, file);
  return m.exports;
}

/** Runs the `compiler` CLI in `cwd`; never throws on a failing exit. */
export function runCli(cwd, ...args) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file below `dir` (none if it does not exist), as sorted `/`-separated relative paths. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

export function tempDir(files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Every fixture case: its input, merged options (parents first) and expected output. */
export function fixtureCases() {
  const cases = [];
  const walk = (dir, inherited) => {
    const optionsFile = path.join(dir, 'options.json');
    const options = fs.existsSync(optionsFile)
      ? { ...inherited, ...JSON.parse(fs.readFileSync(optionsFile, 'utf8')) }
      : inherited;
    const entries = fs.readdirSync(dir).sort();
    const input = entries.find((e) => e.startsWith('input.'));
    if (input) {
      const read = (name) => (entries.includes(name) ? fs.readFileSync(path.join(dir, name), 'utf8') : undefined);
      cases.push({
        name: path.relative(fixturesRoot, dir),
        input,
        source: read(input),
        options: { filename: input, ...options },
        output: read('output.js'),
        stderr: read('output.stderr'),
      });
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e);
      if (!e.startsWith('.') && fs.statSync(full).isDirectory()) walk(full, options);
    }
  };
  walk(fixturesRoot, {});
  return cases;
}
