// compiler-js/jest with one line appended to $COUNT_TRANSFORMS_LOG per file it compiles,
// so a test can tell files Jest compiled from files it served from its cache.
const fs = require('node:fs');
const { createTransformer } = require('compiler-js/jest');

module.exports = {
  createTransformer(options) {
    const inner = createTransformer(options);
    const log = (file) => fs.appendFileSync(process.env.COUNT_TRANSFORMS_LOG, `${file}\n`);
    return {
      ...inner,
      process(source, file, jestOptions) {
        log(file);
        return inner.process(source, file, jestOptions);
      },
      processAsync(source, file, jestOptions) {
        log(file);
        return inner.processAsync(source, file, jestOptions);
      },
    };
  },
};
