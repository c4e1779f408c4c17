// Astro 5 with a React island; compiler-js compiles the island (TypeScript, JSX, styled-jsx)
// through the integration in integrations/compiler-js.mjs.
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

import compilerJs from './integrations/compiler-js.mjs';

export default defineConfig({
  integrations: [
    react(),
    compilerJs({
      // Only compiler-js knows this name (it is not in Vite's `define`): the island shows it.
      define: { __ISLAND_COMPILER__: JSON.stringify('compiler-js') },
    }),
  ],
  telemetry: false,
});
