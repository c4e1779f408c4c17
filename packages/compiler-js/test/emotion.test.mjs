// `emotion`: components compiled by us render as those compiled by @emotion/babel-plugin
// (the reference the issue names): the same HTML and the same CSS, server-rendered by
// @emotion/react with a fresh cache each, hashes numbered in order of appearance.
// Babel's output goes through our compiler with emotion off, for JSX and CommonJS only.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { loadCommonJs as load, repoRoot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const api = await import(path.join(repoRoot, 'packages/compiler-js/dist/index.js'));
const { transformSync } = api.default ?? api;
const babel = require('@babel/core');
const lightningcss = require('lightningcss');
const React = require('react');
const { renderToString } = require('react-dom/server');
const { CacheProvider } = require('@emotion/react');
const createCache = require('@emotion/cache').default;

const base = { module: 'commonjs', target: 'es2022', jsx: { importSource: '@emotion/react' } };

function ours(source, file, emotion) {
  return transformSync(source, { ...base, filename: file, emotion }).code;
}

function reference(source, file, emotion) {
  const { code } = babel.transformSync(source, {
    filename: file, babelrc: false, configFile: false,
    parserOpts: { plugins: ['jsx', 'typescript'] },
    plugins: [[require.resolve('@emotion/babel-plugin'), { ...emotion, sourceMap: false }]],
  });
  return transformSync(code, { ...base, filename: file }).code;
}

function render(code, file, props = {}) {
  const App = load(code, file).default;
  const cache = createCache({ key: 'css' });
  const html = renderToString(React.createElement(CacheProvider, { value: cache }, React.createElement(App, props)));
  const css = [...html.matchAll(/<style[^>]*>([^<]*)<\/style>/g)].map((m) => m[1]).join('\n');
  return { html: html.replace(/<style[^>]*>[^<]*<\/style>/g, ''), css, styleTags: [...html.matchAll(/<style [^>]*>/g)].length };
}

/**
 * Hashes differ by input (we and Babel minify and order arguments differently, and emotion
 * hashes the serialized styles): number them in order of appearance. CSS is compared as
 * lightningcss minifies it. Labels stay, after the hash.
 */
function normalise({ html, css, styleTags }) {
  const names = new Map();
  const number = (kind) => (_, hash) => {
    const key = `${kind}${hash}`;
    if (!names.has(key)) names.set(key, `${kind}${names.size}`);
    return names.get(key);
  };
  const rename = (text) => text
    .replace(/\bcss-([0-9a-z]+)/g, number('css-'))
    .replace(/\banimation-([0-9a-z]+)/g, number('animation-'))
    // Styled components' target class names, `e` + the file's hash + the position.
    .replace(/\be([0-9a-z]{5,8}[0-9])\b/g, number('e'));
  const canonical = (text) => text.split('\n').filter(Boolean).map((t) => lightningcss.transform({ filename: 'x.css', code: Buffer.from(t), minify: true }).code.toString()).join('\n');
  return { html: rename(html), css: rename(canonical(css)), styleTags };
}

const file = '/app/src/components/Card.jsx';
const components = [
  ['css prop with an interpolation', `import { css } from '@emotion/react';
const color = 'hotpink';
export default () => <div css={css\`
  color: \${color};
  /* a comment */
  padding: 4px   8px;
  &:hover { color: blue; }
\`}>hi</div>;`],
  ['styled element with props', `import styled from '@emotion/styled';
const Button = styled.button\`
  color: \${(p) => p.color};
  padding: 0 \${(p) => p.pad}px;
  border: 1px solid;
\`;
export default () => <Button color="red" pad={3}>go</Button>;`],
  ['styled of a styled component', `import styled from '@emotion/styled';
const Base = styled.a\`color: blue; text-decoration: none;\`;
const Strong = styled(Base)\`font-weight: 700;\`;
export default () => <p><Base href="#">a</Base><Strong href="#">b</Strong></p>;`],
  ['component selectors', `import styled from '@emotion/styled';
const Child = styled.span\`color: gray;\`;
const Parent = styled.div\`
  padding: 2px;
  \${Child} { color: black; }
  &:hover \${Child} { color: red; }
\`;
export default () => <Parent><Child>c</Child></Parent>;`],
  ['object styles and functions', `import styled from '@emotion/styled';
import { css } from '@emotion/react';
const Box = styled.div({ display: 'flex', gap: 4 }, (p) => ({ width: p.w }));
const Link = styled('a')({ color: 'blue' });
export default () => <Box w={10}><Link css={css({ margin: 0 })}>l</Link></Box>;`],
  ['composition', `import { css } from '@emotion/react';
const base = css\`color: red;\`;
const big = css\`
  \${base};
  font-size: 2rem;
\`;
export default () => <section><h1 css={big}>t</h1><p css={[base, css\`margin: 0;\`]}>p</p></section>;`],
  ['keyframes', `import { css, keyframes } from '@emotion/react';
const spin = keyframes\`from { transform: rotate(0deg) } to { transform: rotate(360deg) }\`;
export default () => <i css={css\`animation: \${spin} 1s linear infinite;\`}>o</i>;`],
  ['global styles', `import { Global, css } from '@emotion/react';
export default () => <div><Global styles={css\`body { margin: 0 } a { color: inherit }\`} />x</div>;`],
  ['media queries and nesting', `import styled from '@emotion/styled';
const Grid = styled.ul\`
  display: grid;
  @media (min-width: 600px) {
    grid-template-columns: 1fr 1fr;
    li { padding: 8px; }
  }
  & > li:first-child { font-weight: bold; }
\`;
export default () => <Grid><li>a</li><li>b</li></Grid>;`],
  ['labels from properties, classes and functions', `import { css } from '@emotion/react';
const styles = { title: css\`font-weight: 700;\`, body: css\`line-height: 1.5;\` };
class Theme { accent = css\`color: teal;\`; }
function Panel() { return <div css={css\`border: 1px solid;\`}><h2 css={styles.title}>t</h2><p css={[styles.body, new Theme().accent]}>b</p></div>; }
export default Panel;`],
  ['css prop objects and arrays', `import { css } from '@emotion/react';
function Row({ extra }) { return <div css={{ display: 'flex' }}><span css={[{ color: 'red' }, extra]}>s</span></div>; }
export default () => <Row extra={{ margin: 1 }} />;`],
  ['strings and urls in templates', `import styled from '@emotion/styled';
const Quote = styled.blockquote\`
  &::before { content: "“  /* not a comment */"; }
  background: url(//example.com/a.png) no-repeat;
  font-family: 'Helvetica Neue', sans-serif;
\`;
export default () => <Quote>q</Quote>;`],
  ['a typescript component', `import styled from '@emotion/styled';
type Props = { active: boolean };
const Tab = styled.button<Props>\`
  color: \${(p: Props) => (p.active ? 'black' : 'gray')};
\`;
export default function Tabs() { return <nav><Tab active>a</Tab><Tab active={false}>b</Tab></nav>; }`, 'Tabs.tsx'],
];

const settings = [
  ['no labels', { autoLabel: 'never' }],
  ['labels', { autoLabel: 'always' }],
  ['labels in a format', { autoLabel: 'always', labelFormat: '[dirname]-[filename]--[local]' }],
];

describe('emotion: renders as @emotion/babel-plugin compiles it', () => {
  for (const [name, source, fileName] of components) {
    test(name, () => {
      const f = fileName ? path.join(path.dirname(file), fileName) : file;
      for (const [setting, emotion] of settings) {
        // Labels on keyframes are ours and Next's, not @emotion/babel-plugin's: pinned below.
        if (name === 'keyframes' && setting !== 'no labels') continue;
        const want = normalise(render(reference(source, f, emotion), f));
        const got = normalise(render(ours(source, f, emotion), f));
        assert.deepEqual(got, want, setting);
        assert.ok(want.css.length > 0);
      }
    });
  }

  test('on purpose: keyframes are labelled, as Next.js labels them; @emotion/babel-plugin leaves @emotion/react\'s keyframes alone', () => {
    const [, source] = components.find(([name]) => name === 'keyframes');
    const emotion = { autoLabel: 'always' };
    assert.match(normalise(render(ours(source, file, emotion), file)).css, /@keyframes animation-\d+-spin\{/);
    assert.match(normalise(render(reference(source, file, emotion), file)).css, /@keyframes animation-\d+\{/);
  });

  test('labels show in class names, as Babel names them', () => {
    const [, source] = components.find(([name]) => name.startsWith('labels from'));
    const { html } = normalise(render(ours(source, file, { autoLabel: 'always' }), file));
    assert.equal(html, '<div class="css-0-Panel"><h2 class="css-1-title">t</h2><p class="css-2-body-accent-Panel">b</p></div>');
  });

  test('with emotion on, the css prop works without a pragma (JSX from @emotion/react)', () => {
    const source = "export default () => <b css={{ color: 'red' }}>x</b>;";
    const code = transformSync(source, { filename: file, module: 'commonjs', emotion: true }).code;
    assert.match(code, /require\("@emotion\/react\/jsx-runtime"\)/);
    const { html, css } = normalise(render(code, file));
    assert.equal(html, '<b class="css-0">x</b>');
    assert.equal(css, '.css-0{color:red}');
  });

  test('a source map in development points at the style in the source', () => {
    const source = "import { css } from '@emotion/react';\n\nexport const base = css`color: red;`;\n";
    const code = transformSync(source, { filename: file, emotion: true, jsx: { development: true } }).code;
    const url = code.match(/sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)/)[1];
    const map = JSON.parse(Buffer.from(url, 'base64').toString());
    assert.deepEqual([map.sources, map.sourcesContent, map.mappings], [[file], [source], 'AAEoB']);
    assert.doesNotMatch(transformSync(source, { filename: file, emotion: true }).code, /sourceMappingURL/);
  });
});
