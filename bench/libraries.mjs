// The minify corpus: unminified builds shipped by the pinned packages in package.json.
// `kind` says how the file runs: `cjs` (module.exports), `script` (a global), `esm`.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { benchDir } from './corpus.mjs';

export const LIBRARIES = [
  { name: 'react-dom', file: 'react-dom/cjs/react-dom-client.development.js', kind: 'cjs', what: 'react-dom/client, CJS development build' },
  { name: 'lodash', file: 'lodash/lodash.js', kind: 'cjs', what: 'lodash.js, UMD' },
  { name: 'moment', file: 'moment/moment.js', kind: 'cjs', what: 'moment.js, UMD' },
  { name: 'three', file: 'three/build/three.core.js', kind: 'esm', what: 'three.core.js, the ES module build that three.module.js imports' },
  { name: 'd3', file: 'd3/dist/d3.js', kind: 'cjs', what: 'd3.js, UMD' },
  { name: 'vue', file: 'vue/dist/vue.global.js', kind: 'script', global: 'Vue', what: 'vue.global.js, global build with the template compiler' },
  { name: 'typescript', file: 'typescript/lib/typescript.js', kind: 'cjs', what: 'typescript.js, the compiler API' },
];

export const libraryPath = (lib) => path.join(benchDir, 'node_modules', lib.file);
export const readLibrary = (lib) => fs.readFileSync(libraryPath(lib), 'utf8');
export const libraryVersion = (lib) => JSON.parse(fs.readFileSync(path.join(benchDir, 'node_modules', lib.file.split('/')[0], 'package.json'), 'utf8')).version;
