// For the babel-jest run of jest.babel.config.js: `define` from compiler.config.json as a
// Babel plugin, replacing each named global with its JSON value.
module.exports = function define({ types: t }, values) {
  return {
    visitor: {
      Identifier(path) {
        const { name } = path.node;
        if (!Object.hasOwn(values, name) || !path.isReferencedIdentifier() || path.scope.hasBinding(name)) return;
        path.replaceWith(t.valueToNode(JSON.parse(values[name])));
      },
    },
  };
};
