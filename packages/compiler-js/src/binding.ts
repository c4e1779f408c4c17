// The only module that touches the native addon; everything else goes through `api/`.
import type * as Native from '../native/index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const native: typeof Native = require('../native/index.js');

export type NativeCompiler = Native.Compiler;
export type NativeMinifier = Native.Minifier;
export type NativeDiagnostic = Native.JsDiagnostic;
export type NativeResult = Native.JsTransformResult;
export type NativeFileJob = Native.JsFileJob;
export type NativeFileOutcome = Native.JsFileOutcome;
export type NativeModuleGraph = Native.ModuleGraph;
export type NativeBuildReport = Native.JsBuildReport;
export type NativeTransformCache = Native.TransformCache;
