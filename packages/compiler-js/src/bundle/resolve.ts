// Resolution for bundles: the module graph's resolver (oxc_resolver: tsconfig `paths`,
// package `exports`, `./x.js` naming `x.ts`) as a Rollup plugin. Packages are bundled
// unless `external` names them (or all are left out); Node.js built-ins stay external. A specifier that resolves
// to nothing fails the build with the importer's line, column and code frame.
import * as path from 'node:path';

import type { Plugin } from 'rollup';

import { CompilerError } from '../api/errors';
import { createResolver } from '../api/modules';

export function resolvePlugin(root: string, external: string[], packages: boolean, nodeEnv: string): Plugin {
  const resolver = createResolver(root, external, packages ? ['*'] : []);
  return {
    name: 'compiler-js:resolve',
    resolveId(source, importer, { isEntry, custom }) {
      if (isEntry || !importer) return path.resolve(root, source);
      if (source.startsWith('\0') || importer.startsWith('\0')) return null;
      // @rollup/plugin-commonjs asks for `require()`s this way, as of node-resolve.
      const isRequire = (custom?.['node-resolve'] as { isRequire?: boolean } | undefined)?.isRequire;
      const r = resolver.resolve(importer.split('?', 1)[0], source, isRequire ? 'require' : 'import');
      if (r.external) return { id: source, external: true };
      if (!('error' in r)) return r.path;
      const error = new CompilerError([r.error]);
      this.error({
        message: error.errors[0].message,
        id: importer,
        meta: { compilerCode: error.code },
        loc: error.line ? { file: importer, line: error.line, column: (error.column ?? 1) - 1 } : undefined,
        frame: error.frame,
      });
    },

    // JSON modules as their default export. As esbuild does for browser bundles: packages'
    // `process.env.NODE_ENV` checks see the mode, so development-only branches are dropped.
    transform(code, id) {
      if (id.endsWith('.json')) return { code: `export default ${code.trim()};\n`, map: { mappings: '' } };
      if (!/[\\/]node_modules[\\/]/.test(id) || !code.includes('process.env.NODE_ENV')) return null;
      return { code: code.replace(/\bprocess\.env\.NODE_ENV\b/g, JSON.stringify(nodeEnv)), map: null };
    },
  };
}
