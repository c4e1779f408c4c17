// A small TypeScript library: compiled by compiler-js/rollup, minified in renderChunk.
import compiler from 'compiler-js/rollup';

const banner = '/*! example-rollup-lib | MIT */';

export default {
  input: 'src/index.ts',
  output: [
    { file: 'dist/stats.mjs', format: 'es', sourcemap: true, banner },
    { file: 'dist/stats.cjs', format: 'cjs', sourcemap: true, exports: 'named', banner },
  ],
  plugins: [compiler({ target: 'es2019', minify: { compress: { passes: 2 }, format: { comments: 'some' } } })],
};
