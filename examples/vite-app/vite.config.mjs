// Vite 8 with compiler-js/vite compiling the app's TypeScript/JSX and styled-jsx (Vite's own
// Oxc transform is turned off by the plugin). `define` below is read by the plugin as well as by Vite.
import { fileURLToPath } from 'node:url';

import compiler from 'compiler-js/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    compiler({
      // Drop console.log/info/debug from the app, keep console.error.
      removeConsole: { exclude: ['error'] },
      // `import { Button } from 'ui-lib'` → `import Button from 'ui-lib/Button'`: one file per member.
      modularizeImports: { '^ui-lib$': { transform: 'ui-lib/{{member}}' } },
      // styled-jsx (src/components/Counter.tsx) needs no option: it is on by default.
      // emotion (src/components/Tag.tsx): labels in development, target class names, and
      // `@emotion/react` as the JSX import source, so the `css` prop works.
      emotion: true,
      // styled-components (src/components/Note.tsx): component ids, minified templates.
      styledComponents: true,
    }),
  ],
  resolve: {
    alias: { 'ui-lib': fileURLToPath(new URL('./src/ui-lib', import.meta.url)) },
  },
  define: {
    __APP_TITLE__: JSON.stringify('Vite + compiler-js'),
  },
  build: { sourcemap: true },
});
