// compiler-js/jest with one line appended to $COUNT_TRANSFORMS_LOG per file Jest hands it:
// `<file>\tcompiled` when the compiler ran, `<file>\tcached` when our persistent cache
// served it. A test can so tell files Jest served from its own cache (no line), files we
// served from ours, and files compiled.
const fs = require('node:fs');
const { createTransformer } = require('compiler-js/jest');

module.exports = {
  createTransformer(options) {
    const inner = createTransformer(options);
    const log = (file, before) => {
      const how = inner.cacheStats().misses > before ? 'compiled' : 'cached';
      fs.appendFileSync(process.env.COUNT_TRANSFORMS_LOG, `${file}\t${how}\n`);
    };
    return {
      ...inner,
      process(source, file, jestOptions) {
        const before = inner.cacheStats().misses;
        const out = inner.process(source, file, jestOptions);
        log(file, before);
        return out;
      },
      async processAsync(source, file, jestOptions) {
        const before = inner.cacheStats().misses;
        const out = await inner.processAsync(source, file, jestOptions);
        log(file, before);
        return out;
      },
    };
  },
};
