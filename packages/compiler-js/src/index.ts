import { native } from './binding';

export { transform, transformSync, transformFile, transformFiles } from './api/transform';
export type { FileJob, FileResult } from './api/transform';
export { minify, minifySync, minifyFiles } from './api/minify';
export { createCompiler } from './api/build';
export type { BuildOptions, BuildResult, Compiler, WatchEvent } from './api/build';
export { bundle, watchBundle } from './bundle';
export type { BundleOptions, BundleResult, BundleChunk, BundleWatchEvent } from './bundle';
export { cacheStats, cacheClean } from './api/cache';
export type { CacheStats } from './api/cache';
export { CompilerError, formatDiagnostic } from './api/errors';
export type { Diagnostic, ErrorCode } from './api/errors';
export type { TransformOptions, BabelTargets, CoverageOptions, JsxOptions, Output, MinifyOptions, MinifyFormatOptions, ModularizeImportsPackage } from './api/options';
export { withTsconfig } from './config/tsconfig';
export { loadConfig } from './config';
export type { LoadedConfig } from './config';
export type { JestTransformerOptions } from './jest/config';
export type { CompilerPluginOptions } from './rollup/options';

/** The version of the native compiler. */
export const version: string = native.version();
/** Identifies this build of the native compiler (its code, dependencies and toolchain). */
export const buildId: string = native.buildId();
