// styled-jsx output run with the real `styled-jsx` 5 runtime under react-dom/server, then
// compared with what Next.js's own compiler makes of the same components.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';

import { transformSync } from '../dist/index.js';
import { repoRoot } from './helpers.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const React = require('react');
const { renderToStaticMarkup } = require('react-dom/server');
const { StyleRegistry, createStyleRegistry } = require('styled-jsx');

function load(code) {
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

/** `{ html, css }` of the component rendered with `props` inside a StyleRegistry. */
function render(code, props = {}) {
  const registry = createStyleRegistry();
  const html = renderToStaticMarkup(React.createElement(StyleRegistry, { registry }, React.createElement(load(code).default, props)));
  const css = registry.styles().map((s) => s.props.dangerouslySetInnerHTML?.__html ?? s.props.children).join('\n');
  return { html, css };
}

const ours = (source, file = 'c.jsx', options = {}) => transformSync(source, { filename: file, module: 'commonjs', ...options }).code;

describe('styled-jsx with the real runtime', () => {
  test('static styles: every host element gets the class; the CSS is scoped', () => {
    const { html, css } = render(ours('export default () => <div className="card"><p>hi</p><Strong>x</Strong><style jsx>{`p { color: red } .card:hover { opacity: .5 }`}</style></div>;\nconst Strong = ({ children }) => <strong>{children}</strong>;'));
    const cls = html.match(/class="(jsx-[0-9a-f]{16}) card"/)[1];
    assert.equal(html, `<div class="${cls} card"><p class="${cls}">hi</p><strong>x</strong></div>`);
    assert.equal(css, `p.${cls}{color:red}.card.${cls}:hover{opacity:.5}`);
  });

  test('dynamic values are substituted for the given props', () => {
    const code = ours('export default ({ color, size }) => <div><p>x</p><style jsx>{`p { color: ${color}; font-size: ${size}px }`}</style></div>;');
    const red = render(code, { color: 'red', size: 12 });
    const blue = render(code, { color: 'blue', size: 14 });
    const cls = red.html.match(/class="(jsx-\w+)"/)[1];
    assert.equal(red.html, `<div class="${cls}"><p class="${cls}">x</p></div>`);
    assert.equal(red.css, `p.${cls}{color:red;font-size:12px}`);
    assert.notEqual(blue.html.match(/class="(jsx-\w+)"/)[1], cls, 'other values, other class');
    assert.match(blue.css, /\{color:blue;font-size:14px\}$/);
  });

  test('global styles and :global() stay unscoped', () => {
    const { css } = render(ours('export default () => <main><style jsx global>{`body { margin: 0 }`}</style><style jsx>{`:global(.theme) main { color: red }`}</style></main>;'));
    assert.match(css, /^body\{margin:0\}\n\.theme main\.jsx-[0-9a-f]{16}\{color:red\}$/);
  });

  test('styled-jsx/css: external styles and css.resolve with the runtime', () => {
    const styles = load(ours('import css from "styled-jsx/css";\nexport const button = css`button { color: red }`;\nexport default css.global`body { margin: 0 }`;', 'styles.js'));
    const code = ours('import css from "styled-jsx/css";\nimport base, { button } from "./styles";\nconst { className, styles } = css.resolve`a { color: green }`;\nexport default () => <div><button>b</button><a className={className}>a</a>{styles}<style jsx>{button}</style><style jsx>{base}</style></div>;');
    const module = { exports: {} };
    new Function('module', 'exports', 'require', code)(module, module.exports, (id) => (id === './styles' ? styles : require(id)));
    const registry = createStyleRegistry();
    const html = renderToStaticMarkup(React.createElement(StyleRegistry, { registry }, React.createElement(module.exports.default)));
    const css = registry.styles().map((st) => st.props.dangerouslySetInnerHTML.__html).join('\n');
    const scope = `jsx-${styles.default.__hash} jsx-${styles.button.__hash}`;
    const resolved = css.match(/^a\.(jsx-[0-9a-f]{16})/)[1];
    assert.equal(html, `<div class="${scope}"><button class="${scope}">b</button><a class="${scope} ${resolved}">a</a></div>`);
    assert.match(css, /^a\.jsx-[0-9a-f]{16}\{color:green\}\nbutton\.jsx-[0-9a-f]{16}\{color:red\}\nbody\{margin:0\}$/);
  });

  test('the same source gives the same class names in every build', () => {
    const a = ours('export default () => <b><style jsx>{`b { x: y }`}</style></b>;');
    const b = ours('export default () => <b><style jsx>{`b { x: y }`}</style></b>;', 'other.jsx', { module: 'commonjs' });
    assert.equal(render(a).html, render(b).html);
  });
});

// ---------------------------------------------------------------------------------------
let next;
before(async () => {
  next = await require('next/dist/build/swc').loadBindings();
});

function nextCode(source, file) {
  const { getLoaderSWCOptions } = require('next/dist/build/swc/options');
  const o = getLoaderSWCOptions({
    filename: file, development: false, isServer: true, isPageFile: false, hasReactRefresh: false,
    relativeFilePathFromRoot: file, jsConfig: {}, esm: false, compilerOptions: {},
  });
  o.jsc.target = 'es2020';
  o.module = { type: 'commonjs' };
  delete o.env;
  return next.transformSync(source, { ...o, filename: `/app/${file}` }).code;
}

const lightningcss = require('lightningcss');

/**
 * Class names differ by hash function: number them in order of appearance, in both. CSS is
 * compared for equivalence: both sides go through the same lightningcss minification, since
 * Next.js prints `blue`, `min-width` and `"text"` where we print `#00f`, `width>=` and `text`.
 */
function normalise({ html, css }) {
  const names = new Map();
  const rename = (text) => text.replace(/jsx-[0-9a-z]+/g, (m) => {
    if (!names.has(m)) names.set(m, `jsx-${names.size}`);
    return names.get(m);
  });
  const canonical = (text) => text.split('\n').map((t) => lightningcss.transform({ filename: 'x.css', code: Buffer.from(t), minify: true }).code.toString()).join('\n');
  return { html: rename(html), css: rename(canonical(css)) };
}

const components = [
  ['static element and children', 'export default () => <div><p>hi</p><span>there</span><style jsx>{`p { color: red } span { color: blue }`}</style></div>;'],
  ['string className', 'export default () => <div className="card"><style jsx>{`.card { padding: 4px }`}</style></div>;'],
  ['expression className', 'export default ({ c }) => <div className={c}><style jsx>{`div { padding: 4px }`}</style></div>;', { c: 'x' }],
  ['template className', 'export default ({ c }) => <div className={`a ${c}`}><style jsx>{`div { margin: 1px }`}</style></div>;', { c: 'y' }],
  ['undefined className expression', 'export default ({ c }) => <div className={c}><style jsx>{`div { padding: 4px }`}</style></div>;', {}],
  ['spread props with className', 'export default (props) => <div {...props}><style jsx>{`div { padding: 4px }`}</style></div>;', { className: 'from-props', id: 'i' }],
  ['className after spread', 'export default (props) => <div {...props} className="own"><style jsx>{`div { padding: 4px }`}</style></div>;', { className: 'lost' }],
  ['components are not classed', 'const Inner = () => <i>inner</i>;\nexport default () => <div><Inner /><b>b</b><style jsx>{`b { x: y }`}</style></div>;'],
  ['lists rendered from map', 'export default ({ items }) => <ul>{items.map((i) => <li key={i}>{i}</li>)}<style jsx>{`li { list-style: none }`}</style></ul>;', { items: ['a', 'b'] }],
  ['nested scope only', 'export default () => <section><div><p>in</p><style jsx>{`p { color: red }`}</style></div><p>out</p></section>;'],
  ['two static styles', 'export default () => <div><p /><style jsx>{`div { a: 1 }`}</style><style jsx>{`p { b: 2 }`}</style></div>;'],
  ['global style', 'export default () => <div><style jsx global>{`body { margin: 0 }`}</style></div>;'],
  ['global selector', 'export default () => <div><style jsx>{`:global(body) div { margin: 0 }`}</style></div>;'],
  ['pseudo classes', 'export default () => <a href="#"><style jsx>{`a:hover { color: red } a:focus-visible { outline: none }`}</style></a>;'],
  ['combinators', 'export default () => <div><p><em>x</em></p><style jsx>{`div > p em { a: b } p + p { c: d }`}</style></div>;'],
  ['media query', 'export default () => <div><style jsx>{`@media (min-width: 600px) { div { display: flex } }`}</style></div>;'],
  ['dynamic value', 'export default ({ color }) => <div><style jsx>{`div { color: ${color} }`}</style></div>;', { color: 'red' }],
  ['two dynamic values', 'export default ({ color, size }) => <p><style jsx>{`p { color: ${color}; font-size: ${size}px }`}</style></p>;', { color: 'green', size: 3 }],
  ['dynamic and static styles', 'export default ({ color }) => <div className="box"><style jsx>{`.box { margin: 0 }`}</style><style jsx>{`.box { color: ${color} }`}</style></div>;', { color: 'navy' }],
  ['dynamic with className expression', 'export default ({ c, w }) => <div className={c}><style jsx>{`div { width: ${w}px }`}</style></div>;', { c: 'k', w: 10 }],
  ['module constant', 'const brand = "#0070f3";\nexport default () => <div><style jsx>{`div { color: ${brand} }`}</style></div>;'],
  ['fragment scope', 'export default () => <><p>a</p><style jsx>{`p { color: red }`}</style></>;'],
  ['typescript component', 'type P = { label: string };\nexport default function B({ label }: P) { return <button>{label}<style jsx>{`button { border: 0 }`}</style></button>; }', { label: 'ok' }, 'b.tsx'],
  ['attribute selectors', 'export default () => <div><input type="text" /><style jsx>{`input[type="text"] { border: 1px solid }`}</style></div>;'],
  ['css.resolve', 'import css from "styled-jsx/css";\nconst { className, styles } = css.resolve`a { color: green }`;\nexport default () => <div><a className={className}>x</a>{styles}</div>;'],
  ['css.global in the same module', 'import css from "styled-jsx/css";\nconst g = css.global`body { margin: 0 }`;\nexport default () => <div><style jsx>{g}</style></div>;'],
  ['conditional children', 'export default ({ on }) => <div>{on ? <b>on</b> : <i>off</i>}<style jsx>{`b, i { font-weight: 400 }`}</style></div>;', { on: true }],
  // What issue 16 found rendering differently from Next.js.
  ['keyframes stay global', 'export default () => <div><style jsx>{`@keyframes spin { to { transform: rotate(360deg) } } div { animation: spin 1s }`}</style><style jsx global>{`@keyframes fade { to { opacity: 0 } }`}</style></div>;'],
  ['dynamic element', "const Tag = 'h1';\nexport default () => <div><Tag className=\"root\">t</Tag><style jsx>{`.root { color: red }`}</style></div>;"],
  ['dynamic element from props', "export default ({ as: Tag = 'h2' }) => <Tag className=\"root\">t<style jsx>{`.root { color: red }`}</style></Tag>;"],
  [':global() inside a global style', 'export default () => <div><style jsx global>{`:global(div) { margin: 0 } :global(.a) p { color: red }`}</style></div>;'],
  ['interpolation in a media query', 'export default ({ bp }) => <div><style jsx>{`@media (max-width: ${bp}px) { div { color: red } }`}</style></div>;', { bp: 600 }],
  ['interpolation in a global value', 'export default ({ c }) => <div><style jsx global>{`body { color: ${c} }`}</style></div>;', { c: 'teal' }],
  ['a plain style element is left alone', 'export default () => <div><p>x</p><style>{`p { color: blue }`}</style><style jsx>{`p { color: red }`}</style></div>;'],
  ['only css.global styles: no class', 'import css from "styled-jsx/css";\nconst g = css.global`body { margin: 0 }`;\nexport default () => <div><p>x</p><style jsx>{g}</style></div>;'],
  ['nested rules: &:hover, &.d and nested descendants', 'export default () => <div className="parent"><p className="c">x</p><style jsx>{`div.parent { color: red; &:hover { color: blue } .c { margin: 0 } } p.c { &.c { padding: 1px } }`}</style></div>;'],
  ['compound selectors', 'export default () => <div className="parent"><p className="c">x</p><style jsx>{`div.parent { color: red } p.c:hover { color: blue } div.parent > p.c { margin: 0 }`}</style></div>;'],
];

describe('the same components as Next.js compiles them', () => {
  test('at least 25 components', () => assert.ok(components.length >= 25));

  for (const [name, source, props = {}, file = 'c.jsx', cssDiffers] of components) {
    test(name, () => {
      const a = normalise(render(ours(source, file), props));
      const b = normalise(render(nextCode(source, file), props));
      assert.equal(a.html, b.html, 'rendered HTML');
      if (cssDiffers) cssDiffers(a, b);
      else assert.equal(a.css, b.css, 'collected CSS');
    });
  }
});
