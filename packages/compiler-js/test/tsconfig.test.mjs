import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { transformFile } from '../dist/index.js';
import { cliPath, tempDir } from './helpers.mjs';

const decorated = '@sealed\nexport class Service {\n  constructor(private readonly name: string) {}\n}\ndeclare function sealed(c: any): void;\n';

describe('tsconfig.json', () => {
  test('transformFile follows extends (with comments and trailing commas) for decorators and metadata', async () => {
    const dir = tempDir({
      'configs/base.json': '{\n  // shared\n  "compilerOptions": { "experimentalDecorators": true, "jsx": "react-jsx", },\n}\n',
      'tsconfig.json': '{ "extends": "./configs/base.json", "compilerOptions": { /* more */ "emitDecoratorMetadata": true } }',
      'src/service.ts': decorated,
    });
    const { code } = await transformFile(path.join(dir, 'src/service.ts'));
    assert.match(code, /Service = _ts_decorate\(\[\n\s+sealed,\n\s+_ts_metadata\("design:type", Function\),\n\s+_ts_metadata\("design:paramtypes", \[\n\s+String\n\s+\]\)\n\], Service\);/);
  });

  test('jsx, jsxFactory and jsxImportSource carry over; explicit options win', async () => {
    const dir = tempDir({
      'classic/tsconfig.json': '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h", "jsxFragmentFactory": "Fragment" } }',
      'classic/a.tsx': 'export const a = <><b /></>;\n',
      'auto/tsconfig.json': '{ "compilerOptions": { "jsx": "react-jsxdev", "jsxImportSource": "preact" } }',
      'auto/a.tsx': 'export const a = <b />;\n',
    });
    assert.equal((await transformFile(path.join(dir, 'classic/a.tsx'))).code, 'export const a = /*#__PURE__*/ h(Fragment, null, /*#__PURE__*/ h("b", null));\n');
    assert.match((await transformFile(path.join(dir, 'auto/a.tsx'))).code, /^import \{ jsxDEV as _jsxDEV \} from "preact\/jsx-dev-runtime";/);
    const explicit = await transformFile(path.join(dir, 'auto/a.tsx'), { jsx: { development: false } });
    assert.match(explicit.code, /^import \{ jsx as _jsx \} from "preact\/jsx-runtime";/);
    // Another runtime than tsconfig's takes none of its JSX settings (no classic pragma).
    const automatic = await transformFile(path.join(dir, 'classic/a.tsx'), { jsx: { runtime: 'automatic' } });
    assert.match(automatic.code, /^import \{ jsx as _jsx, Fragment as _Fragment \} from "react\/jsx-runtime";/);
  });

  test('useDefineForClassFields from tsconfig', async () => {
    const dir = tempDir({ 'tsconfig.json': '{ "compilerOptions": { "useDefineForClassFields": false } }', 'a.ts': 'export class A { x = 1; }\n' });
    assert.equal((await transformFile(path.join(dir, 'a.ts'), { target: 'esnext' })).code, 'export class A {\n    constructor(){\n        this.x = 1;\n    }\n}\n');
  });

  test('the CLI reads the tsconfig nearest its input', () => {
    const dir = tempDir({ 'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }', 'src/service.ts': decorated });
    const r = spawnSync(process.execPath, [cliPath, 'transform', 'src', '-d', 'out', '-q'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'out/service.js'), 'utf8'), /Service = _ts_decorate\(\[\n\s+sealed\n\], Service\);/);
  });

  test('a broken tsconfig is an INVALID_OPTION error naming the file', async () => {
    const dir = tempDir({ 'tsconfig.json': '{ "compilerOptions": ', 'a.ts': 'export {};\n' });
    await assert.rejects(transformFile(path.join(dir, 'a.ts')), (err) => {
      assert.equal(err.code, 'INVALID_OPTION');
      assert.match(err.message, /tsconfig\.json: cannot be read/);
      return true;
    });
  });
});
