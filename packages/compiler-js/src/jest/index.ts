// `compiler-js/jest`: Jest's transformer interface over the transform API.
//
//   transform: { '\\.[cm]?[jt]sx?$': ['compiler-js/jest', { /* transform options */ }] }
//
// Jest instruments for coverage itself (`canInstrument: false`) using the source map
// returned here, so coverage, like stack traces, points at the original lines.
import { createHash } from 'node:crypto';

import type { Output } from '../api/options';
import { transform, transformSync } from '../api/transform';
import { version } from '../index';
import { type JestTransformerOptions, OptionsResolver } from './config';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageVersion: string = require('../../package.json').version;

/** The parts of Jest's `TransformOptions` this transformer reads. */
interface JestTransformOptions {
  config: { rootDir: string };
  configString: string;
  instrument: boolean;
  supportsStaticESM: boolean;
}

interface SourceMap {
  version: number;
  file?: string;
  sourceRoot?: string;
  sources: string[];
  sourcesContent?: string[];
  names: string[];
  mappings: string;
}

interface TransformedSource {
  code: string;
  /** An object, not JSON text: Jest hands it to its coverage instrumenter as the input map. */
  map: SourceMap | null;
}

interface JestTransformer {
  canInstrument: false;
  process(sourceText: string, sourcePath: string, options: JestTransformOptions): TransformedSource;
  processAsync(sourceText: string, sourcePath: string, options: JestTransformOptions): Promise<TransformedSource>;
  getCacheKey(sourceText: string, sourcePath: string, options: JestTransformOptions): string;
}

function result({ code, map }: Output): TransformedSource {
  return { code, map: map === undefined ? null : (JSON.parse(map) as SourceMap) };
}

function createTransformer(options: JestTransformerOptions = {}): JestTransformer {
  const resolver = new OptionsResolver(options);
  const optionsFor = (sourcePath: string, jest: JestTransformOptions) =>
    resolver.resolve(sourcePath, jest.config.rootDir, !!jest.supportsStaticESM);

  // Jest calls these unbound; nothing here relies on `this`.
  return {
    canInstrument: false,

    process(sourceText, sourcePath, jest) {
      return result(transformSync(sourceText, optionsFor(sourcePath, jest)));
    },

    async processAsync(sourceText, sourcePath, jest) {
      return result(await transform(sourceText, optionsFor(sourcePath, jest)));
    },

    getCacheKey(sourceText, sourcePath, jest) {
      const resolved = optionsFor(sourcePath, jest);
      return createHash('sha1')
        .update(
          JSON.stringify([
            sourceText,
            sourcePath,
            packageVersion,
            version,
            resolved,
            resolver.config(jest.config.rootDir).content,
            process.env.NODE_ENV ?? '',
            !!jest.instrument,
            jest.configString,
          ]),
        )
        .digest('hex');
    },
  };
}

const transformer = { ...createTransformer(), createTransformer };

// `module.exports` is the transformer itself, so `require` and Jest's loader both see
// `createTransformer` without a `default` in between.
export = transformer;
