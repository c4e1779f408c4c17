// Smoke runs of the minify corpus: load a build (original or minified) in a fresh `vm`
// context, call real APIs, return what they gave as JSON-able data. minify.mjs compares a
// minified build's answer with the original's. ESM (three) needs --experimental-vm-modules.
import { createRequire } from 'node:module';
import * as vm from 'node:vm';

import { benchDir } from './corpus.mjs';
import { createDocument, serialize } from './fake-dom.mjs';
import { LIBRARIES } from './libraries.mjs';

const require = createRequire(`${benchDir}/`);
const quiet0 = Object.fromEntries(['log', 'info', 'warn', 'error', 'debug', 'trace', 'group', 'groupEnd', 'groupCollapsed', 'dir', 'table', 'time', 'timeEnd', 'assert'].map((k) => [k, () => {}]));
const quiet = process.env.SMOKE_DEBUG ? console : quiet0;

function context(extra = {}) {
  const ctx = vm.createContext({
    console: quiet, process, Buffer, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate,
    queueMicrotask, performance, MessageChannel, TextEncoder, TextDecoder, URL, URLSearchParams, structuredClone,
    AbortController, AbortSignal, navigator: { userAgent: 'node' }, ...extra,
  });
  return ctx;
}

/** Loads `code` as its library runs; returns its exports (or global, or module namespace). */
async function load(lib, code, ctx) {
  if (lib.kind === 'script') {
    vm.runInContext(code, ctx, { filename: lib.file });
    return ctx[lib.global];
  }
  if (lib.kind === 'cjs') {
    const module = { exports: {} };
    const fn = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, ctx, { filename: lib.file });
    fn.call(module.exports, module.exports, require, module, `${benchDir}/node_modules/${lib.file}`, `${benchDir}/node_modules`);
    return module.exports;
  }
  if (!vm.SourceTextModule) throw new Error('ES module smoke runs need node --experimental-vm-modules');
  const mod = new vm.SourceTextModule(code, { context: ctx, identifier: lib.file });
  await mod.link(() => {
    throw new Error(`${lib.file} imports a module`);
  });
  await mod.evaluate();
  return mod.namespace;
}

const round = (xs) => Array.from(xs, (x) => Math.round(x * 1e9) / 1e9);

const CHECKS = {
  'react-dom': (client, ctx) => {
    const React = require('react');
    const { flushSync } = require('react-dom');
    const h = React.createElement;
    const log = [];
    let bump;
    function Row({ item }) {
      const [n, setN] = React.useState(item.n);
      if (item.id === 'b') bump = () => setN((x) => x + 10);
      React.useLayoutEffect(() => {
        log.push(`layout ${item.id}`);
      }, [item.id]);
      return h('li', { className: n > 10 ? 'big' : 'small', 'data-id': item.id, style: { color: item.color, marginTop: 4 } }, `${item.id}: ${n}`);
    }
    const Theme = React.createContext('light');
    function App({ items, title }) {
      const theme = React.useContext(Theme);
      const total = React.useMemo(() => items.reduce((s, i) => s + i.n, 0), [items]);
      React.useEffect(() => {
        log.push(`effect ${items.length}`);
        return () => log.push('cleanup');
      }, [items.length]);
      return h(React.Fragment, null, h('h1', { title }, title, ' ', theme), h('ul', null, items.map((i) => h(Row, { key: i.id, item: i }))), h('p', null, 'total ', total), items.length > 2 && h('svg', { viewBox: '0 0 1 1' }, h('circle', { r: 1 })));
    }
    const doc = ctx.document;
    const container = doc.body.appendChild(doc.createElement('div'));
    const root = client.createRoot(container);
    const items = [{ id: 'a', n: 1, color: 'red' }, { id: 'b', n: 2, color: 'blue' }, { id: 'c', n: 3 }];
    const snapshots = [];
    flushSync(() => root.render(h(Theme.Provider, { value: 'dark' }, h(App, { items, title: 'First' }))));
    snapshots.push(serialize(container));
    flushSync(() => root.render(h(Theme.Provider, { value: 'dark' }, h(App, { items: [items[2], items[0], items[1]], title: 'Reordered' }))));
    snapshots.push(serialize(container));
    flushSync(() => bump());
    snapshots.push(serialize(container));
    flushSync(() => root.render(h(Theme.Provider, { value: 'light' }, h(App, { items: items.slice(1), title: 'Fewer' }))));
    snapshots.push(serialize(container));
    flushSync(() => root.unmount());
    snapshots.push(serialize(container));
    return { version: client.version, exports: Object.keys(client).sort(), snapshots, log, errors: ctx.errors };
  },

  lodash: (_) => ({
    version: _.VERSION,
    chunk: _.chunk([1, 2, 3, 4, 5], 2),
    groupBy: _.groupBy([6.1, 4.2, 6.3], Math.floor),
    merge: _.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }),
    sortBy: _.sortBy([{ u: 'fred', a: 48 }, { u: 'barney', a: 36 }, { u: 'fred', a: 40 }], ['u', 'a']),
    template: _.template('hi <%= user %>!<% _.forEach(xs, function(x) { %><li><%- x %></li><% }); %>')({ user: 'fred', xs: ['<a>', 'b&c'] }),
    strings: [_.camelCase('Foo Bar_baz-qux'), _.kebabCase('fooBar Baz'), _.startCase('--foo-bar--'), _.truncate('hi-diddly-ho there, neighborino', { length: 24, separator: /,? +/ })],
    chain: _.chain([1, 2, 3, 4, 5]).map((x) => x * x).filter((x) => x % 2).sum().value(),
    collections: [_.uniqBy([2.1, 1.2, 2.3], Math.floor), _.intersection([2, 1], [2, 3]), _.zipObjectDeep(['a.b[0].c', 'a.b[1].d'], [1, 2]), _.partition([1, 2, 3, 4], (n) => n % 2)],
    objects: [_.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'), _.set({}, 'x[0].y.z', 5), _.pick({ a: 1, b: '2', c: 3 }, ['a', 'c']), _.isEqual({ a: [1, { b: new Date(0) }] }, { a: [1, { b: new Date(0) }] }), _.cloneDeep({ x: [1, { y: 2 }] })],
    functions: [_.memoize((n) => n * 2)(21), _.curry((a, b, c) => a + b + c)(1)(2)(3), _.flow([_.add, (n) => n * n])(1, 2), typeof _.debounce(() => {}, 10)],
  }),

  moment: (m) => ({
    version: m.version,
    formats: [
      m.utc('2020-02-29T12:34:56Z').add(1, 'year').format('YYYY-MM-DD HH:mm:ss dddd Do MMMM [Q]Q'),
      m.utc('12-25-1995', 'MM-DD-YYYY').format('x'),
      m.utc([2010, 1, 14, 15, 25, 50, 125]).toJSON(),
      m.utc('2020-01-01').startOf('isoWeek').toISOString(),
      m.utc('2020-06-15').endOf('month').format('LLLL'),
    ],
    math: [m.utc('2021-03-04').diff(m.utc('2020-01-01'), 'days'), m.utc('2020-01-05').isoWeek(), m.utc('2020-01-01').isBefore('2020-01-02'), m.utc('2021-02-31', 'YYYY-MM-DD', true).isValid()],
    durations: [m.duration(123456789).humanize(), m.duration({ h: 25, m: 61 }).toISOString(), m.duration(-90, 'minutes').asHours()],
    relative: [m.utc(0).from(m.utc(5 * 3600 * 1000)), m.utc(0).to(m.utc(40 * 86400 * 1000))],
    calendar: m.utc('2020-01-01T10:00:00Z').calendar(m.utc('2020-01-02T09:00:00Z')),
  }),

  three: (T) => {
    const e = new T.Euler(0.1, -0.2, 0.3);
    const m = new T.Matrix4().makeRotationFromEuler(e).setPosition(1, 2, 3);
    const cam = new T.PerspectiveCamera(60, 1.5, 0.1, 100);
    cam.position.set(3, 4, 5);
    cam.lookAt(0, 0, 0);
    cam.updateMatrixWorld();
    const box = new T.BoxGeometry(1, 2, 3, 2, 2, 2);
    box.computeBoundingSphere();
    const sphere = new T.SphereGeometry(1, 8, 6);
    const parent = new T.Object3D();
    const child = new T.Object3D();
    parent.add(child);
    parent.position.set(1, 0, 0);
    parent.rotation.y = Math.PI / 2;
    child.position.set(0, 0, 1);
    parent.updateMatrixWorld(true);
    const ray = new T.Ray(new T.Vector3(-5, 0.1, 0.2), new T.Vector3(1, 0, 0));
    return {
      revision: T.REVISION,
      vector: round(new T.Vector3(1, 2, 3).applyMatrix4(m).toArray()),
      quaternion: round(new T.Quaternion().setFromEuler(e).toArray()),
      camera: [round(cam.projectionMatrix.elements), round(cam.matrixWorldInverse.elements)],
      box: [box.attributes.position.count, box.index.count, Math.round(box.boundingSphere.radius * 1e9)],
      sphere: [sphere.attributes.position.count, round([sphere.attributes.normal.array.reduce((a, b) => a + b, 0)])],
      world: round(child.getWorldPosition(new T.Vector3()).toArray()),
      ray: round(ray.intersectBox(new T.Box3(new T.Vector3(-1, -1, -1), new T.Vector3(1, 1, 1)), new T.Vector3()).toArray()),
      color: [new T.Color('hsl(120, 50%, 50%)').getHexString(), new T.Color(0x336699).lerp(new T.Color('white'), 0.25).getStyle()],
      math: [T.MathUtils.clamp(5, 0, 1), T.MathUtils.euclideanModulo(-1, 3), round([T.MathUtils.smoothstep(0.3, 0, 1)])],
    };
  },

  d3: (d3) => {
    const x = d3.scaleLinear().domain([0, 10]).range([0, 100]);
    const root = d3.hierarchy({ name: 'r', children: [{ name: 'a', children: [{ name: 'a1' }, { name: 'a2' }] }, { name: 'b' }] });
    d3.tree().size([100, 100])(root);
    const nodes = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const sim = d3.forceSimulation(nodes).force('link', d3.forceLink([{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }]).id((d) => d.id)).force('charge', d3.forceManyBody()).force('center', d3.forceCenter()).stop();
    sim.tick(50);
    return {
      scale: [x(3.3), x.invert(50), x.ticks(5), d3.scaleLog().domain([1, 1000]).ticks().length, d3.scaleBand().domain(['a', 'b', 'c']).range([0, 90]).padding(0.1).bandwidth()],
      format: [d3.format('.2s')(12345), d3.format('$,.2f')(1234.5), d3.format('+.1%')(0.123), d3.utcFormat('%Y-%m-%d %H:%M %A')(new Date(Date.UTC(2020, 0, 2, 3, 4)))],
      arrays: [d3.extent([3, 1, 4, 1, 5]), d3.mean([1, 2, 3, 4]), d3.quantile([1, 2, 3, 4, 5], 0.25), d3.bisectLeft([1, 2, 4, 8], 3), [...d3.rollup([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }], (vs) => d3.sum(vs, (d) => d.v), (d) => d.k)]],
      csv: d3.csvParse('a,b\n1,"x,y"\n3,4'),
      shapes: [d3.line()([[0, 0], [1, 1], [2, 0]]), d3.line().curve(d3.curveBasis)([[0, 0], [1, 1], [2, 0], [3, 1]]), d3.arc()({ innerRadius: 10, outerRadius: 100, startAngle: 0, endAngle: Math.PI / 2 })],
      tree: root.descendants().map((n) => [n.data.name, n.depth, Math.round(n.x * 1e6), n.y]),
      force: nodes.map((n) => round([n.x, n.y])),
      colors: [d3.interpolateRgb('red', 'blue')(0.3), d3.interpolateViridis(0.5), d3.schemeCategory10[3], d3.color('steelblue').darker(1).formatHex()],
      geo: d3.geoPath(d3.geoMercator().scale(100).translate([0, 0]))({ type: 'LineString', coordinates: [[0, 0], [10, 10], [20, 5]] }),
    };
  },

  vue: async (Vue) => {
    const out = {};
    const state = Vue.reactive({ a: 1, list: [1, 2], nested: { deep: 'x' } });
    const doubled = Vue.computed(() => state.a * 2 + state.list.length);
    const seen = [];
    Vue.watchEffect(() => seen.push(`${doubled.value}:${state.nested.deep}`), { flush: 'sync' });
    state.a = 5;
    state.list.push(3);
    state.nested.deep = 'y';
    out.reactivity = { doubled: doubled.value, seen, raw: Vue.isReactive(state), ref: Vue.unref(Vue.ref(3)) };
    // A renderer onto plain objects: the runtime, the template compiler and the scheduler.
    const nodeOps = {
      createElement: (tag) => ({ tag, props: {}, children: [] }),
      createText: (text) => ({ text }),
      createComment: (text) => ({ comment: text }),
      setText: (node, text) => (node.text = text),
      setElementText: (el, text) => (el.children = [{ text, parent: el }]),
      insert: (child, parent, anchor) => {
        if (child.parent) nodeOps.remove(child);
        const i = anchor ? parent.children.indexOf(anchor) : -1;
        if (i < 0) parent.children.push(child);
        else parent.children.splice(i, 0, child);
        child.parent = parent;
      },
      remove: (child) => {
        const p = child.parent;
        if (p) p.children.splice(p.children.indexOf(child), 1);
        child.parent = null;
      },
      parentNode: (node) => node.parent ?? null,
      nextSibling: (node) => {
        const s = node.parent?.children;
        return s ? (s[s.indexOf(node) + 1] ?? null) : null;
      },
      patchProp: (el, key, _prev, next) => (el.props[key] = typeof next === 'function' ? 'fn' : next),
    };
    const show = (n) => (n.text !== undefined ? n.text : n.comment !== undefined ? '' : `<${n.tag}${Object.entries(n.props).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}>${n.children.map(show).join('')}</${n.tag}>`);
    const { createApp } = Vue.createRenderer(nodeOps);
    const store = Vue.reactive({ items: ['a', 'b'], ok: true });
    const Item = { props: ['label'], template: '<li :class="{ even: label.length % 2 === 0 }">{{ label.toUpperCase() }}</li>' };
    const App = {
      components: { Item },
      setup: () => ({ store, count: Vue.computed(() => store.items.length) }),
      template: '<div id="app"><p v-if="store.ok">{{ count }} items</p><p v-else>none</p><ul><Item v-for="i in store.items" :key="i" :label="i" /></ul><slot /></div>',
    };
    const root = { tag: 'root', props: {}, children: [] };
    createApp(App).mount(root);
    const snapshots = [show(root)];
    store.items.push('cc');
    store.items.reverse();
    await Vue.nextTick();
    snapshots.push(show(root));
    store.ok = false;
    await Vue.nextTick();
    snapshots.push(show(root));
    out.snapshots = snapshots;
    out.compiled = Vue.compile('<div :class="{ a: ok }"><span v-for="i in items" :key="i">{{ i }}</span><p v-if="ok">yes</p></div>').toString();
    out.version = Vue.version;
    return out;
  },

  typescript: (ts) => {
    const source = `enum E { A = 1, B }\nexport class C<T> { constructor(private readonly x: T) {}\n  get(): T { return this.x } }\nconst el = <div>{new C<number>(E.B).get()}</div>;\nexport async function* gen(xs: number[]) { for await (const x of xs) yield x ?? 0; }\n`;
    const transpiled = ts.transpileModule(source, { fileName: 'a.tsx', compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, jsx: ts.JsxEmit.React, downlevelIteration: true } });
    // The checker, on a file with type errors, against the es5 lib shipped next to typescript.js.
    const files = { 'main.ts': 'const n: number = "s";\nfunction f(a: string) { return a.lenght; }\nf(1);\nlet u: { a: number } = { a: 1, b: 2 };\nexport {};\n' };
    const host = ts.createCompilerHost({});
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, lang) => (files[name] !== undefined ? ts.createSourceFile(name, files[name], lang) : getSourceFile(name, lang));
    host.fileExists = (name) => files[name] !== undefined || ts.sys.fileExists(name);
    host.writeFile = () => {};
    const program = ts.createProgram(['main.ts'], { lib: ['lib.es5.d.ts'], strict: true, noEmit: true, types: [] }, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    const printed = ts.createPrinter().printFile(ts.createSourceFile('p.ts', 'let   x =  1+2 ;function  f ( ){return x}', ts.ScriptTarget.Latest));
    return { version: ts.version, transpiled: transpiled.outputText, diagnostics, printed };
  },
};

/** Loads `code` as library `name` and runs its checks; resolves to JSON-able data. */
export async function runSmoke(name, code) {
  const lib = LIBRARIES.find((l) => l.name === name);
  const extra = {};
  if (name === 'react-dom') extra.document = createDocument();
  const ctx = context(extra);
  if (name === 'react-dom') {
    ctx.window = vm.runInContext('globalThis', ctx);
    ctx.self = ctx.top = ctx.window;
    ctx.HTMLIFrameElement = class HTMLIFrameElement {};
    ctx.errors = [];
    ctx.reportError = (err) => ctx.errors.push(String(err?.message ?? err));
    extra.document.defaultView = ctx.window;
  }
  const api = await load(lib, code, ctx);
  return CHECKS[name](api, ctx);
}
