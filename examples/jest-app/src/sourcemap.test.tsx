import { expect, test } from '@jest/globals';

interface Padding {
  a: string;
  b: number;
}
type Unused = Padding | undefined;

test('stack traces point at this file and line, not the compiled output', () => {
  const unused: Unused = undefined;
  const stack = new Error('here').stack ?? ''; // STACK-LINE
  const line = require('node:fs')
    .readFileSync(__filename, 'utf8')
    .split('\n')
    .findIndex((l: string) => l.includes('// STACK-' + 'LINE')) + 1;
  expect(unused).toBeUndefined();
  expect(stack).toContain(`sourcemap.test.tsx:${line}:`);
});
