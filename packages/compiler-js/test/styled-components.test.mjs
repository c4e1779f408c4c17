// `styledComponents`: components compiled by us render as those compiled by Next.js's
// binding (the reference the issue names): the same HTML and the same CSS, collected by
// styled-components' ServerStyleSheet, class names and component ids numbered in order of
// appearance (both are hashes of different inputs). Display names are compared as given.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';

import { loadCommonJs as load, repoRoot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { transformSync } = api.default ?? api;
const lightningcss = require('lightningcss');
const React = require('react');
const { renderToString } = require('react-dom/server');

let next;
before(async () => {
  next = await require('next/dist/build/swc').loadBindings();
});

function ours(source, file, styledComponents, development) {
  return transformSync(source, { filename: file, module: 'commonjs', target: 'es2022', styledComponents, jsx: { development } }).code;
}

function nextCode(source, file, styledComponents, development) {
  const { getLoaderSWCOptions } = require('next/dist/build/swc/options');
  const o = getLoaderSWCOptions({
    filename: file, development, isServer: true, isPageFile: false, hasReactRefresh: false,
    relativeFilePathFromRoot: file, jsConfig: {}, esm: false, compilerOptions: { styledComponents },
  });
  o.jsc.target = 'es2022';
  o.module = { type: 'commonjs' };
  delete o.env;
  return next.transformSync(source, { ...o, filename: file }).code;
}

/** A fresh styled-components for each render: it registers ids and keyframes for the process. */
function freshStyledComponents() {
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`${path.sep}node_modules${path.sep}styled-components${path.sep}`)) delete require.cache[key];
  }
  return require('styled-components');
}

function render(code, file) {
  const { ServerStyleSheet } = freshStyledComponents();
  const exports = load(code, file);
  const sheet = new ServerStyleSheet();
  try {
    const html = renderToString(sheet.collectStyles(React.createElement(exports.default)));
    const css = sheet.instance.toString();
    const names = Object.entries(exports).filter(([, v]) => v && v.styledComponentId).map(([k, v]) => [k, v.displayName]);
    return { html, css, names };
  } finally {
    sheet.seal();
  }
}

/** Generated class names and component ids, numbered; CSS as lightningcss minifies it. */
function normalise({ html, css, names }) {
  const map = new Map();
  const number = (token) => {
    if (!map.has(token)) map.set(token, `${token.startsWith('sc-') ? 'id' : 'c'}${map.size}`);
    return map.get(token);
  };
  const classes = (text) => text.replace(/class="([^"]*)"/g, (_, list) => `class="${list.split(' ').map(number).join(' ')}"`);
  const html_ = classes(html);
  const rules = css.replace(/\/\*!sc\*\/\n?/g, '\n').replace(/data-styled\.g\d+\[id="[^"]*"\]\{content:"[^"]*,"\}/g, '');
  const renamed = rules.replace(/\.([A-Za-z][\w-]*)/g, (m, name) => (map.has(name) || /^sc-/.test(name) ? `.${number(name)}` : m));
  const canonical = renamed.split('\n').map((t) => t.trim()).filter(Boolean)
    .map((t) => lightningcss.transform({ filename: 'x.css', code: Buffer.from(t), minify: true }).code.toString()).join('\n');
  return { html: html_, css: canonical, names };
}

const file = '/app/src/components/Card.jsx';
const components = [
  ['props in a template', `import styled from 'styled-components';
const Button = styled.button\`
  color: \${(p) => p.$color};
  /* a comment */
  padding: 4px   8px; // a line comment
  &:hover { color: blue; }
\`;
export default () => <Button $color="red">go</Button>;`],
  ['attrs', `import styled from 'styled-components';
const Input = styled.input.attrs({ type: 'text' })\`border: 0;\`;
const Password = styled(Input).attrs(() => ({ type: 'password' }))\`width: 2px;\`;
export default () => <form><Input /><Password /></form>;`],
  ['styled of a styled component', `import styled from 'styled-components';
const Base = styled.a\`color: blue;\`;
const Strong = styled(Base)\`font-weight: 700;\`;
export default () => <p><Base href="#">a</Base><Strong href="#">b</Strong></p>;`],
  ['component selectors', `import styled from 'styled-components';
export const Child = styled.span\`color: gray;\`;
export const Parent = styled.div\`
  \${Child} { color: black; }
  &:hover \${Child} { color: red; }
\`;
export default () => <Parent><Child>c</Child></Parent>;`],
  ['css mixins', `import styled, { css } from 'styled-components';
const big = css\`
  font-size: \${(p) => p.$size}px;
  line-height: 1.2;
\`;
const Title = styled.h1\`\${big} margin: 0;\`;
export default () => <Title $size={20}>t</Title>;`],
  ['keyframes', `import styled, { keyframes } from 'styled-components';
const spin = keyframes\`from { transform: rotate(0deg); } to { transform: rotate(360deg); }\`;
const Icon = styled.i\`animation: \${spin} 1s linear infinite;\`;
export default () => <Icon>o</Icon>;`],
  ['global styles', `import { createGlobalStyle } from 'styled-components';
const Global = createGlobalStyle\`body { margin: 0; } a { color: inherit; }\`;
export default () => <div><Global />x</div>;`],
  ['object styles', `import styled from 'styled-components';
const Box = styled.div({ display: 'flex', gap: '4px' });
const Fn = styled.section((p) => ({ width: p.$w + 'px' }));
export default () => <Box><Fn $w={10}>f</Fn></Box>;`],
  ['media queries and nesting', `import styled from 'styled-components';
const Grid = styled.ul\`
  display: grid;
  @media (min-width: 600px) {
    grid-template-columns: 1fr 1fr;
    li { padding: 8px; }
  }
  & > li:first-child { font-weight: bold; }
\`;
export default () => <Grid><li>a</li><li>b</li></Grid>;`],
  ['the as prop', `import styled from 'styled-components';
const Text = styled.p\`margin: 0;\`;
export default () => <div><Text>p</Text><Text as="span">s</Text></div>;`],
  ['strings and urls', `import styled from 'styled-components';
const Quote = styled.blockquote\`
  &::before { content: "“ // "; }
  background: url(//example.com/a.png) no-repeat;
  font-family: 'Helvetica Neue', sans-serif;
\`;
export default () => <Quote>q</Quote>;`],
  ['the css prop', `import styled from 'styled-components';
const Button = styled.button\`border: 0;\`;
const color = 'teal';
function Card({ size }) {
  return <div css="color: green;"><p css={\`color: \${color}; font-size: \${size}px;\`}>x</p><Button css={{ margin: size }}>b</Button></div>;
}
export default () => <Card size={3} />;`],
  ['display names of exports', `import styled from 'styled-components';
export const Label = styled.span\`color: red;\`;
export const Card = styled.article\`padding: 1px;\`;
export default () => <Card><Label>l</Label></Card>;`],
];

const settings = [
  ['production', true, false],
  ['development', true, true],
  ['no minify, no transpile', { minify: false, transpileTemplateLiterals: false }, false],
  ['namespace', { namespace: 'app', displayName: true, fileName: false }, false],
];

describe('styledComponents: renders as Next.js compiles it', () => {
  for (const [i, [name, source]] of components.entries()) {
    test(name, () => {
      for (const [j, [setting, options, development]] of settings.entries()) {
        // styled-components registers component ids for the process: a file name of each
        // run's own keeps one run's ids (and so its rules' order) from another's.
        const f = (tool) => `/app/src/components/${tool}${i}x${j}/Card.jsx`;
        const want = normalise(render(nextCode(source, f('next'), options, development), f('next')));
        const got = normalise(render(ours(source, f('ours'), options, development), f('ours')));
        assert.deepEqual(got, want, setting);
        assert.ok(want.css.length > 0);
      }
    });
  }

  test('on purpose: a comment-like text inside a CSS string stays; Next.js cuts it out of the string', () => {
    const source = "import styled from 'styled-components';\nconst Q = styled.q`&::before { content: \"a /* b */ c\"; }`;\nexport default () => <Q>q</Q>;\n";
    const css = (code, f) => normalise(render(code, f)).css;
    assert.equal(css(ours(source, '/app/src/s/ours.jsx', true, false), '/app/src/s/ours.jsx'), '.c1:before{content:"a /* b */ c"}');
    assert.equal(css(nextCode(source, '/app/src/s/next.jsx', true, false), '/app/src/s/next.jsx'), '.c1:before{content:"a  c"}');
  });

  test('component ids are stable per file and position, and differ between files', () => {
    const source = "import styled from 'styled-components';\nexport const A = styled.div`a: b;`;\nexport const B = styled.div`c: d;`;\n";
    const ids = (f) => [...ours(source, f, true, false).matchAll(/componentId: "([^"]+)"/g)].map((m) => m[1]);
    const [a, b] = ids('/app/src/a.jsx');
    assert.match(a, /^sc-[0-9a-f]{8}-0$/);
    assert.equal(b, a.replace(/-0$/, '-1'));
    assert.deepEqual(ids('/app/src/a.jsx'), [a, b]);
    assert.notEqual(ids('/app/src/b.jsx')[0], a);
  });
});
