// Jest 30 + jsdom, with every source and test file compiled by compiler-js/jest.
// Transform options come from compiler.config.json (and tsconfig.json for decorators); the
// transformer adds what Jest needs (CommonJS, jest.mock hoisting, source maps). styled-jsx
// is compiled by default wherever a component has `<style jsx>`.

// test-support/counting-transformer.js wraps compiler-js/jest and logs each call to
// $COUNT_TRANSFORMS_LOG; the cache test uses it to see which files Jest transformed.
const transformer = process.env.COUNT_TRANSFORMS_LOG ? '<rootDir>/test-support/counting-transformer.js' : 'compiler-js/jest';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  transform: {
    '\\.[cm]?[jt]sx?$': [transformer, {}],
  },
  moduleNameMapper: {
    '^@ui$': '<rootDir>/src/ui/index.ts',
    '^@ui/(.*)$': '<rootDir>/src/ui/$1',
  },
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.test.{ts,tsx}', '!src/__failing__/**'],
  coverageReporters: ['json', 'text-summary'],
};
