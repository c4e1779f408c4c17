// How a watch session ends: Ctrl-C (or SIGTERM) closes it, which waits for a running
// build and saves the cache, then the command exits 0.
export function stopOnInterrupt(watching: { close(): Promise<void> }, quiet: boolean): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void watching.close().then(() => {
        if (!quiet) process.stderr.write('Stopped watching; the cache is saved\n');
        resolve(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
