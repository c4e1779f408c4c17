// The barrel. modularizeImports (compiler.config.json) rewrites `import { Button } from '@ui'`
// to `@ui/Button`, so this file is never loaded; if it is, the import fails loudly.
export { Button } from './Button';
export { Tag } from './Tag';
throw new Error('@ui barrel loaded: modularizeImports did not rewrite the import');
