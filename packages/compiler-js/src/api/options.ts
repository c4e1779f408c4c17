/** Options of `transform`; the Rust side checks them and names any unknown key. */
export interface TransformOptions {
  /** Picks the syntax: `.ts .mts .cts` TypeScript, `.tsx` TSX, others ECMAScript with JSX. Default `input.js`. */
  filename?: string;
  /** The name written to the source map's `sources`; defaults to `filename`. */
  sourceFileName?: string;
  jsx?: JsxOptions;
  /** Default `es2020`. */
  target?: 'es5' | 'es2015' | 'es2016' | 'es2017' | 'es2018' | 'es2019' | 'es2020' | 'es2021' | 'es2022' | 'esnext';
  /**
   * A browserslist query (or several), or Babel's object form: `{ chrome: '100', safari: '15' }`,
   * `{ node: 'current' }`, `{ browsers: '…' }`, `{ esmodules: true }`. Lowering follows them. Not with `target`.
   */
  targets?: string | string[] | BabelTargets;
  /** Default `esm`. */
  module?: 'esm' | 'commonjs';
  sourceMaps?: boolean | 'inline';
  /** A map as JSON text, or whether to read an inline `sourceMappingURL` data comment (default `true`). */
  inputSourceMap?: string | boolean;
  /** TypeScript's `useDefineForClassFields`; defaults to true from `es2022` on, as `tsc` does. */
  useDefineForClassFields?: boolean;
  /** Next.js `compiler.removeConsole`: drop calls of the global `console`'s methods, except `exclude`. */
  removeConsole?: boolean | { exclude?: string[] };
  /** Next.js `compiler.reactRemoveProperties`: drop JSX attributes matching these regexes (default `^data-test`). */
  reactRemoveProperties?: boolean | { properties?: string[] };
  /** Next.js `modularizeImports`: `{ [packageRegex]: { transform, preventFullImport, skipDefaultConversion, handleDefaultImport, handleNamespaceImport, style } }`. */
  modularizeImports?: Record<string, ModularizeImportsPackage>;
  /** Next.js `compiler.define`: keys `a`, `a.b.c` or `typeof a`; values are JavaScript source. */
  define?: Record<string, string>;
  /** TypeScript's `experimentalDecorators` (`legacy`) and `emitDecoratorMetadata`; otherwise TC39 2023 decorators. */
  decorators?: { legacy?: boolean; metadata?: boolean };
  /** styled-jsx: on wherever a file has `<style jsx>`; `false` turns it off; `browsers` sets the CSS targets (default: `targets`). */
  styledJsx?: boolean | { browsers?: string | string[] };
  /**
   * Next.js `compiler.relay`: each `graphql` template becomes a `require` (or, with
   * `eagerEsModules`, an import) of relay-compiler's artifact for it,
   * `<artifactDirectory, or __generated__ beside the file>/<Name>.graphql.<ts|js>`.
   * A relative `artifactDirectory` is read from the working directory, as Next.js does.
   */
  relay?: {
    /** Read by relay-compiler, not by the transform. */
    src?: string;
    artifactDirectory?: string;
    /** `typescript` artifacts end in `.ts`; `javascript` (the default) and `flow` in `.js`. */
    language?: 'typescript' | 'javascript' | 'flow';
    eagerEsModules?: boolean;
  };
  /**
   * Next.js `compiler.styledComponents`: `withConfig({ displayName, componentId })` on
   * styled components, minified and transpiled templates, and the `css` prop.
   * "Development" is `jsx.development`.
   */
  styledComponents?: boolean | {
    /** Default: in development. */
    displayName?: boolean;
    /** Component ids, so server and client agree on class names; default true. */
    ssr?: boolean;
    /** Display names start with the file's name (`Button__Label`); default true. */
    fileName?: boolean;
    /** Packages besides `styled-components` whose imports are styled-components'. */
    topLevelImportPaths?: string[];
    /** Files so named take their directory's name; default `['index']`. */
    meaninglessFileNames?: string[];
    /** Comments and white space out of templates; default true. */
    minify?: boolean;
    /** Templates as calls with an array of strings; default true. */
    transpileTemplateLiterals?: boolean;
    /** `/*#__PURE__*\/` on styled components and helpers; default false. */
    pure?: boolean;
    /** Before component ids: `namespace__sc-…`. */
    namespace?: string;
    /** `<div css="…">` and `css={`…`}` become styled components; default true. */
    cssProp?: boolean;
  };
  /**
   * Next.js `compiler.emotion`: `css`, `keyframes`, `injectGlobal` and styled components get
   * minified styles, labels and target class names; the JSX import source defaults to
   * `@emotion/react`, so the `css` prop works. "Development" is `jsx.development`.
   */
  emotion?: boolean | {
    /** A source map comment in each style, in development; default true. */
    sourceMap?: boolean;
    /** Labels in class names: `never`, `dev-only` (the default) or `always`. */
    autoLabel?: 'never' | 'dev-only' | 'always';
    /** `[local]` (the default), `[filename]` and `[dirname]` are replaced. */
    labelFormat?: string;
    /** Other packages' exports that stand for emotion's: `{ 'my-lib': { myCss: { canonicalImport: ['@emotion/react', 'css'] } } }`. */
    importMap?: Record<string, Record<string, { canonicalImport: [string, string] }>>;
  };
  /** Hoist `jest.mock()` and its kin above the imports (the Jest transformer sets it). */
  jest?: boolean;
  /**
   * Istanbul coverage counters, as babel-plugin-istanbul adds them (statements, functions,
   * branches, `istanbul ignore` hints), on the source as written. The coverage object goes to
   * `globalThis.__coverage__[filename]`, so give an absolute `filename`. Jest's transformer
   * sets it when Jest collects coverage; Vitest's istanbul provider and nyc read it too.
   */
  coverage?: boolean | CoverageOptions;
  /**
   * What other modules export only as types, by the specifier this file imports them with:
   * `{ "./common": ["PathString"] }`; re-exports of those names are dropped, as tsc does.
   * The Rollup/Vite plugin sets it from the modules it sees.
   */
  typeOnlyExports?: Record<string, string[]>;
  /** Minify after transforming, in the same native call; maps follow `sourceMaps`. */
  minify?: boolean | Omit<MinifyOptions, 'sourceMap'>;
}

/** istanbul-lib-instrument's instrumenter options, with its defaults. */
export interface CoverageOptions {
  /** The global that holds every file's coverage; default `__coverage__`. */
  coverageVariable?: string;
  /** The expression for the global object; default `this`. */
  coverageGlobalScope?: string;
  /** Evaluate that expression with `new Function`, out of strict mode; default `true`. */
  coverageGlobalScopeFunc?: boolean;
  /** Class methods (and named function expressions) by name that get no counters. */
  ignoreClassMethods?: string[];
}

/** Babel's `targets` object: browser versions by Babel's names, plus `browsers` and `esmodules`. */
export interface BabelTargets {
  android?: string | number;
  chrome?: string | number;
  edge?: string | number;
  electron?: string | number;
  firefox?: string | number;
  ie?: string | number;
  ios?: string | number;
  /** A version, or `'current'` (or `true`): the Node.js running the build. */
  node?: string | number | true;
  opera?: string | number;
  opera_mobile?: string | number;
  safari?: string | number;
  samsung?: string | number;
  browsers?: string | string[];
  esmodules?: boolean;
}

/** Terser's option names and meanings; an option we do not support is an `INVALID_OPTION` error. */
export interface MinifyOptions {
  /**
   * Default `true` (Terser's defaults). `passes` counts as in Terser: 1 is the default, each
   * further pass compresses more. `/*#__PURE__*\/` calls are dropped when their value is unused.
   */
  compress?: boolean | Record<string, unknown>;
  /** Default `true`. Property mangling is not supported. */
  mangle?: boolean | { toplevel?: boolean; keep_classnames?: boolean; keep_fnames?: boolean; reserved?: string[]; safari10?: boolean; properties?: false };
  format?: MinifyFormatOptions;
  /** Terser's older name for `format`. */
  output?: MinifyFormatOptions;
  module?: boolean;
  toplevel?: boolean;
  keep_classnames?: boolean;
  keep_fnames?: boolean;
  ecma?: number;
  sourceMap?: boolean | { content?: string | object | 'inline'; url?: string | 'inline'; filename?: string; includeSources?: boolean };
  /** Names the file in errors. */
  filename?: string;
}

export interface MinifyFormatOptions {
  /** `'some'` (default: `@license`, `@preserve`, `/*!`), `'all'`, `false`, or a regex as a string. */
  comments?: 'some' | 'all' | false | string;
  ascii_only?: boolean;
  beautify?: boolean;
  preamble?: string;
  semicolons?: true;
}

export interface ModularizeImportsPackage {
  /** A Handlebars template (`member`, `matches`, helpers camelCase/kebabCase/lowerCase/upperCase), or member regexes → templates (`memberMatches`; `*` matches any). */
  transform: string | Record<string, string>;
  preventFullImport?: boolean;
  skipDefaultConversion?: boolean;
  handleDefaultImport?: boolean;
  handleNamespaceImport?: boolean;
  /** A template for a side-effect style import added after each member import. */
  style?: string;
}

export interface JsxOptions {
  /** Default `automatic`. */
  runtime?: 'automatic' | 'classic';
  /** Automatic runtime only; default `react`. */
  importSource?: string;
  /** Classic runtime only; default `React.createElement`. */
  pragma?: string;
  /** Classic runtime only; default `React.Fragment`. */
  pragmaFrag?: string;
  /** `jsxDEV` with `__source` and `__self`. */
  development?: boolean;
  /** Namespaced tags are an error unless `false`. */
  throwIfNamespace?: boolean;
}

export interface Output {
  code: string;
  /** The source map as JSON text, when `sourceMaps` is `true`. */
  map?: string;
}
