// Inputs compiled by both compiler-js and Next.js's own compiler with the same options.
// `run()` (if exported) is called and its result compared; the default export, if a
// component, is rendered with `props`. `differs` says where we deliberately differ.
const ui = { 'ui-lib': { transform: 'ui-lib/{{member}}' } };

export const cases = [
  // ---------------- removeConsole
  { name: 'console statements removed', options: { removeConsole: true }, source: 'export function run() { console.log("a"); console.error("b", 1); return 42; }\nconsole.info("top");\n' },
  { name: 'console exclude keeps listed methods', options: { removeConsole: { exclude: ['error', 'warn'] } }, source: 'export function run() { console.log("gone"); console.error("kept"); console.warn("kept too"); return 1; }\n' },
  { name: 'console shadowed by a variable', options: { removeConsole: true }, source: 'export function run() { const console = { log: (m) => "local " + m }; return console.log("x"); }\n' },
  { name: 'console shadowed by a parameter', options: { removeConsole: true }, source: 'export function run() { return ((console) => console.log("p"))({ log: (m) => "param " + m }); }\n' },
  { name: 'console shadowed by a catch parameter', options: { removeConsole: true }, source: 'export function run() { try { throw { log: () => "caught" }; } catch (console) { return console.log(); } }\n' },
  { name: 'console in nested functions and methods', options: { removeConsole: true }, source: 'class Counter { n = 0; inc() { console.debug("inc"); return ++this.n; } }\nexport function run() { const c = new Counter(); c.inc(); [1, 2].forEach((x) => { console.log(x); }); return c.inc(); }\n' },
  { name: 'console in if/else bodies', options: { removeConsole: true }, source: 'export function run(flag = true) { if (flag) console.log("yes"); else console.log("no"); return flag; }\n' },
  {
    name: 'console in expression position',
    options: { removeConsole: true },
    source: 'export function run() { const ok = true; const r = ok && console.log("expr"); return [typeof r, [1].map(() => console.warn("arrow"))]; }\n',
    differs: {
      reason: 'expression-position console calls: we replace them with `void 0`, as babel-plugin-transform-remove-console does; Next.js leaves them and they still print',
      check: (ours, next) => ({ ours: [ours.consoleCalls, ours.ran], next: next.consoleCalls.map((c) => c[0]) }),
      expect: { ours: [[], ['undefined', [null]]], next: ['log', 'warn'] },
    },
  },
  // ---------------- reactRemoveProperties
  { name: 'data-test attributes removed', file: 'c.jsx', options: { reactRemoveProperties: true }, source: 'export default function C({ name }) { return <div data-test="root" data-testid="x" className="c">{name}<span data-test-id="s">!</span></div>; }\n', props: { name: 'Ada' } },
  { name: 'custom property patterns', file: 'c.jsx', options: { reactRemoveProperties: { properties: ['^data-qa$', '^aria-hidden$'] } }, source: 'export default function C() { return <p data-qa="1" data-qa-x="2" aria-hidden="true" data-test="kept">t</p>; }\n' },
  { name: 'JSX inside attribute values', file: 'c.jsx', options: { reactRemoveProperties: true }, source: 'function Layout({ header, children }) { return <section>{header}{children}</section>; }\nexport default function C() { return <Layout header={<h1 data-test="h">Title</h1>} data-test="outer"><p data-test="p">body</p></Layout>; }\n' },
  { name: 'spreads keep their props', file: 'c.jsx', options: { reactRemoveProperties: true }, source: 'export default function C(props) { return <div {...props} data-test="gone" />; }\n', props: { 'data-test': 'from spread', id: 'i' } },
  { name: 'lists and fragments', file: 'c.tsx', options: { reactRemoveProperties: true }, source: 'export default function C({ items }: { items: string[] }) { return <>{items.map((i) => <li key={i} data-test-item={i}>{i}</li>)}</>; }\n', props: { items: ['a', 'b'] } },
  { name: 'conditional rendering', file: 'c.tsx', options: { reactRemoveProperties: true }, source: 'export default function C({ on }: { on: boolean }) { return on ? <b data-test="on">on</b> : <i data-test="off">off</i>; }\n', props: { on: true } },
  { name: 'both Next transforms together', file: 'c.jsx', options: { removeConsole: true, reactRemoveProperties: true }, source: 'export default function C() { console.log("render"); return <em data-test="x">both</em>; }\nexport function run() { console.log("run"); return "ran"; }\n' },
  // ---------------- modularizeImports
  { name: 'member imports', options: { modularizeImports: ui }, source: 'import { Button, Card } from "ui-lib";\nexport function run() { return [Button.id, Card.id]; }\n' },
  { name: 'aliased members', options: { modularizeImports: ui }, source: 'import { Button as B, Card as C } from "ui-lib";\nexport function run() { return [B.id, C.id]; }\n' },
  {
    name: 're-exports',
    options: { modularizeImports: ui },
    source: 'export { Button, Card as Panel } from "ui-lib";\nexport function run() { return "re-exported"; }\n',
    differs: {
      reason: '`export { Card as Panel } from "ui-lib"`: the member is `Card`, so we load ui-lib/Card; Next.js uses the exported name and loads ui-lib/Panel, which the package does not have',
      check: (ours, next) => ({ ours: ours.imports, next: next.imports }),
      expect: { ours: ['ui-lib/Button', 'ui-lib/Card'], next: ['ui-lib/Button', 'ui-lib/Panel'] },
    },
  },
  { name: 'skipDefaultConversion', options: { modularizeImports: { 'ui-lib': { transform: 'ui-lib/{{member}}', skipDefaultConversion: true } } }, source: 'import { Button } from "ui-lib";\nexport function run() { return Button.id; }\n' },
  { name: 'regex key with capture groups', options: { modularizeImports: { '^@corp/(\\w+)$': { transform: '@corp/{{matches.[1]}}/{{member}}' } } }, source: 'import { DatePicker } from "@corp/forms";\nexport function run() { return DatePicker.id; }\n' },
  { name: 'kebabCase helper', options: { modularizeImports: { 'icons': { transform: 'icons/{{kebabCase member}}' } } }, source: 'import { ArrowLeft, HomeIcon } from "icons";\nexport function run() { return [ArrowLeft.id, HomeIcon.id]; }\n' },
  { name: 'member map transform', options: { modularizeImports: { 'my-lib': { transform: { '^use(\\w+)$': 'my-lib/hooks/{{memberMatches.[1]}}', '(.*)': 'my-lib/components/{{member}}' } } } }, source: 'import { useTheme, Modal } from "my-lib";\nexport function run() { return [useTheme.id, Modal.id]; }\n' },
  {
    name: 'default import left whole, named members split off',
    options: { modularizeImports: ui },
    source: 'import lib, { Button } from "ui-lib";\nexport function run() { return [typeof lib, Button.id]; }\n',
    differs: {
      reason: 'a default import stays whole (unless handleDefaultImport) but its named neighbours are still modularized; Next.js leaves the whole declaration untouched',
      check: (ours, next) => ({ ours: ours.imports, next: next.imports, same: JSON.stringify(ours.ran) === JSON.stringify(next.ran) }),
      expect: { ours: ['ui-lib/Button', 'ui-lib'], next: ['ui-lib'], same: false },
    },
  },
  { name: 'type-only imports untouched', file: 'm.ts', options: { modularizeImports: ui }, source: 'import type { Props } from "ui-lib";\nimport { Button, type Theme } from "ui-lib";\nexport function run(p?: Props, t?: Theme) { return Button.id; }\n' },
  { name: 'several packages', options: { modularizeImports: { ...ui, lodash: { transform: 'lodash/{{member}}' } } }, source: 'import { Button } from "ui-lib";\nimport { chunk } from "lodash";\nexport function run() { return [Button.id, chunk([1, 2, 3], 2)]; }\n' },
  { name: 'members rendered as components', file: 'c.tsx', options: { modularizeImports: ui }, source: 'import { Button, Card } from "ui-lib";\nexport default function C({ label }: { label: string }) { return <Card><Button>{label}</Button></Card>; }\n', props: { label: 'Go' } },
  // ---------------- TypeScript and JSX with no Next transforms
  { name: 'enums and namespaces', file: 'm.ts', options: {}, source: 'enum Color { Red, Green = 4, Blue }\nnamespace Util { export const twice = (n: number) => n * 2; }\nexport function run() { return [Color.Blue, Color[4], Util.twice(21)]; }\n' },
  { name: 'parameter properties and generics', file: 'm.ts', options: {}, source: 'class Box<T> { constructor(public readonly value: T, private label = "box") {} describe() { return `${this.label}:${this.value}`; } }\nexport function run() { return new Box<number>(7).describe(); }\n' },
  { name: 'optional chaining and nullish', file: 'm.ts', options: {}, source: 'export function run() { const o: { a?: { b?: number } } = { a: {} }; return [o.a?.b ?? "none", o.a?.b?.toFixed?.(1)]; }\n' },
  { name: 'async functions', file: 'm.ts', options: {}, source: 'const wait = (n: number) => new Promise<number>((r) => setTimeout(() => r(n), 1));\nexport async function run() { const a = await wait(1); const b = await wait(2); return a + b; }\n' },
  { name: 'component with hooks', file: 'c.tsx', options: {}, source: 'import { useState, useMemo } from "react";\nexport default function C({ n }: { n: number }) { const [x] = useState(n); const doubled = useMemo(() => x * 2, [x]); return <output title={`n=${n}`}>{doubled}</output>; }\n', props: { n: 21 } },
  { name: 'satisfies, as const and class fields', file: 'm.ts', options: {}, source: 'const cfg = { port: 80, hosts: ["a"] } as const satisfies { port: number; hosts: readonly string[] };\nclass S { static count = 1; #secret = 2; reveal() { return this.#secret + S.count; } }\nexport function run() { return [cfg.port, cfg.hosts.length, new S().reveal()]; }\n' },
];
