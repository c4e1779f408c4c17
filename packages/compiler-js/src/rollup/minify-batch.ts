// Minifies a build's chunks in one native call: Rollup renders every chunk at once, so the
// `renderChunk` calls of one tick are gathered and minified together on all cores.
import { CompilerError } from '../api/errors';
import { minifyMany } from '../api/minify';
import type { MinifyOptions, Output } from '../api/options';

interface Waiting {
  code: string;
  filename: string;
  resolve(output: Output): void;
  reject(err: unknown): void;
}

export class MinifyBatch {
  private readonly options = new Map<string, MinifyOptions>();
  private waiting = new Map<string, Waiting[]>();
  private scheduled = false;
  /** Native calls made, and chunks minified: what a test can count. */
  readonly calls = { batches: 0, chunks: 0 };

  /** The chunk minified with `options` (chunks with the same options share a call). */
  minify(code: string, filename: string, options: MinifyOptions): Promise<Output> {
    const key = JSON.stringify(options);
    this.options.set(key, options);
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key) ?? [];
      list.push({ code, filename, resolve, reject });
      this.waiting.set(key, list);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.run());
      }
    });
  }

  private async run() {
    const all = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    for (const [key, list] of all) {
      try {
        this.calls.batches += 1;
        this.calls.chunks += list.length;
        const results = await minifyMany(list.map(({ code, filename }) => ({ code, filename })), this.options.get(key));
        results.forEach((result, i) => (result instanceof CompilerError ? list[i].reject(result) : list[i].resolve(result)));
      } catch (err) {
        for (const w of list) w.reject(err);
      }
    }
  }
}
