// The barrel of a small local UI library. modularizeImports (vite.config.mjs) rewrites imports
// of 'ui-lib' to one file per member, so this file and its side effect never reach the bundle.
export { default as Badge } from './Badge';
export { default as Button } from './Button';
export { default as Unused } from './Unused';

(globalThis as { __uiLibBarrelLoaded?: boolean }).__uiLibBarrelLoaded = true;
