// One Vite process of the persistent-cache tests: `build` (vite build of <root> into <out>)
// or `dev` (a dev server that transforms every module of the page, as a browser loading it
// would). Prints {stats, modules, code} as JSON: what compiler-js/vite compiled and served
// from its cache, how many app modules went through it, and the code of <show> (dev).
//
//   node vite-cache-child.mjs build|dev <root> <cacheDir> [<outDir> | <show>]
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { examplesRoot } from './examples.mjs';

const [command, root, cacheDir, extra] = process.argv.slice(2);
// `node --test test/` loads every file under it: without arguments there is nothing to do.
if (!command) process.exit(0);
const requireFromApp = createRequire(path.join(examplesRoot, 'vite-app', 'package.json'));
const compiler = requireFromApp('compiler-js/vite');
const vite = await import(pathToFileURL(requireFromApp.resolve('vite')).href);

const plugin = compiler({ cacheDir });
const seen = new Set();
const count = { name: 'count', transform: (_, id) => void (id.startsWith(path.join(root, 'src')) && seen.add(id)) };
const base = { root, configFile: false, logLevel: 'silent', plugins: [plugin, count], define: { __APP__: JSON.stringify('graph-app') } };

let code;
if (command === 'build') {
  await vite.build({ ...base, build: { outDir: extra, emptyOutDir: true, minify: false } });
} else {
  const server = await vite.createServer({
    ...base,
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  // The page's modules, breadth first through the import statements Vite rewrote.
  const queue = ['/src/main.ts'];
  const done = new Set(queue);
  while (queue.length) {
    const url = queue.shift();
    const result = await server.transformRequest(url);
    if (url === extra) code = result.code;
    for (const [, dep] of result.code.matchAll(/from "(\/src\/[^"]+)"/g)) if (!done.has(dep)) done.add(dep) && queue.push(dep);
  }
  await server.close();
}
process.stdout.write(JSON.stringify({ stats: plugin.api.cacheStats(), modules: seen.size, code }));
