// An Astro integration that puts compiler-js/vite into Astro's Vite config, so the React
// islands' TypeScript/JSX is compiled by compiler-js (for the server render and the client).
import compiler from 'compiler-js/vite';

/** @param {import('compiler-js/vite').Options} [options] compiler-js/vite's options. */
export default function compilerJs(options = {}) {
  return {
    name: 'compiler-js',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [compiler(options)] } });
      },
    },
  };
}
