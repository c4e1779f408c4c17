// How a watch session ends: Ctrl-C (or SIGTERM) closes it, which waits for a running
// build and saves the cache, then the command exits 0.
export function stopOnInterrupt(watching: { close(): Promise<unknown> }, quiet: boolean): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void watching.close().then((closed) => {
        for (const w of (closed as { warnings?: string[] } | undefined)?.warnings ?? []) process.stderr.write(`compiler: warning: ${w}\n`);
        if (!quiet) process.stderr.write('Stopped watching; the cache is saved\n');
        resolve(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Closes a one-shot build (saves the cache, finishes uploads to the remote cache); Ctrl-C
 * meanwhile drops what is not finished, with a warning, and exits 130.
 */
export async function closeOrDrop<T>(close: () => Promise<T>): Promise<T> {
  const drop = () => {
    process.stderr.write('compiler: warning: interrupted; uploads to the remote cache that had not finished are dropped\n');
    process.exit(130);
  };
  process.once('SIGINT', drop);
  process.once('SIGTERM', drop);
  try {
    return await close();
  } finally {
    process.off('SIGINT', drop);
    process.off('SIGTERM', drop);
  }
}
