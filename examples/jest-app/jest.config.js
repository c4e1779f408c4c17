// Jest 30 + jsdom, with every source and test file compiled by compiler-js/jest.
// Transform options come from compiler.config.json (and tsconfig.json for decorators); the
// transformer adds what Jest needs (CommonJS, jest.mock hoisting, source maps). styled-jsx
// is compiled by default wherever a component has `<style jsx>`.

// test-support/counting-transformer.js wraps compiler-js/jest and logs each call to
// $COUNT_TRANSFORMS_LOG; the cache tests use it to see which files Jest transformed, and
// which of those our persistent cache served. $COMPILER_CACHE_DIR moves that cache.
const transformer = process.env.COUNT_TRANSFORMS_LOG ? '<rootDir>/test-support/counting-transformer.js' : 'compiler-js/jest';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  transform: {
    '\\.[cm]?[jt]sx?$': [transformer, process.env.COMPILER_CACHE_DIR ? { cacheDir: process.env.COMPILER_CACHE_DIR } : {}],
  },
  moduleNameMapper: {
    '^@ui$': '<rootDir>/src/ui/index.ts',
    '^@ui/(.*)$': '<rootDir>/src/ui/$1',
  },
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.test.{ts,tsx}', '!src/__failing__/**'],
  coverageReporters: ['json', 'text-summary'],
};
