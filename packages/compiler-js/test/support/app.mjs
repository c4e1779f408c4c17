// A small ESM app shared by the build and bundle tests: it prints what every module
// contributes, so running an output proves the links.
export const appFiles = () => ({
  'package.json': '{ "name": "app", "type": "module", "imports": { "#config": "./src/config.ts" } }\n',
  'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }\n',
  'src/main.ts': [
    "import { add } from './math';",
    "import { twice } from './math/twice.ts';",
    "import { shout } from '@lib/text';",
    "import config from '#config';",
    "import data from './data.json' with { type: 'json' };",
    "import { esm } from './esm.mjs';",
    "import type { Shape } from './types';",
    "import * as path from 'node:path';",
    'const shape: Shape = { n: add(1, 2) };',
    "const { lazy } = await import('./lazy.js');",
    "console.log([shape.n, twice(4), shout('hi'), config.name, data.answer, esm, lazy(), path.basename('/x/y.txt')].join(' '));",
    '',
  ].join('\n'),
  'src/math/index.ts': 'export const add = (a: number, b: number): number => a + b;\n',
  'src/math/twice.ts': "import { add } from '.';\nexport const twice = (n: number) => add(n, n);\n",
  'src/lib/text.ts': 'export function shout(s: string): string { return s.toUpperCase() + "!"; }\n',
  'src/config.ts': 'export default { name: "cfg" } as const;\n',
  'src/data.json': '{ "answer": 42 }\n',
  'src/esm.mts': 'export const esm: string = "mts";\n',
  'src/types.ts': 'export interface Shape { n: number }\n',
  'src/lazy.ts': 'export const lazy = () => "lazy";\n',
  'src/unused.ts': 'export const unused = 1;\n',
});

