// The same suite through babel-jest, for comparing coverage with compiler-js/jest's
// (packages/compiler-js/test/jest-coverage.test.mjs): Babel's equivalents of
// compiler.config.json and tsconfig.json (TypeScript, the automatic JSX runtime, legacy
// decorators, styled-jsx, define, modularizeImports, CommonJS).
const base = require('./jest.config.js');
const { define } = require('./compiler.config.json');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  transform: {
    '\\.[cm]?[jt]sx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-typescript', { allowDeclareFields: true }],
          ['@babel/preset-react', { runtime: 'automatic' }],
        ],
        plugins: [
          ['@babel/plugin-proposal-decorators', { version: 'legacy' }],
          // Legacy decorators need class fields compiled after them, as assignments (as ours
          // are below ES2022: useDefineForClassFields is false).
          ['@babel/plugin-transform-class-properties', { loose: true }],
          'styled-jsx/babel',
          '@babel/plugin-transform-modules-commonjs',
          ['babel-plugin-transform-imports', { '^@ui$': { transform: '@ui/${member}', skipDefaultConversion: true } }],
          ['./test-support/babel-define.js', define],
        ],
      },
    ],
  },
};
