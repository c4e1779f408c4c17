import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const nativeDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'native');

describe('the native addon', () => {
  // Two versions of compiler-js in one process (a Jest transformer from one, a Vite plugin
  // from another) load two copies of the addon. An addon that asks for static TLS takes a
  // slice of a small reserve glibc keeps for dlopen, and the second copy fails to load with
  // "cannot allocate memory in static TLS block".
  test('loads beside another copy of itself, and both copies compile', () => {
    const addon = fs.readdirSync(nativeDir).find((f) => f.endsWith('.node'));
    assert.ok(addon, 'the addon is built');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-js-addon-'));
    const copy = path.join(dir, `copy-${addon}`);
    fs.copyFileSync(path.join(nativeDir, addon), copy);
    const script = `
      const first = require(${JSON.stringify(path.join(nativeDir, 'index.js'))});
      const second = { exports: {} };
      process.dlopen(second, ${JSON.stringify(copy)});
      for (const binding of [first, second.exports]) {
        const result = new binding.Compiler('{}').transformSync('let a: number = 1', { filename: 'a.ts' });
        process.stdout.write(result.code);
      }
    `;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, 'let a = 1;\nlet a = 1;\n');
  });
});
