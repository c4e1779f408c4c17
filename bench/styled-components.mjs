// The synthetic 1k app with styled-components in place of styled-jsx: each component's
// `<style jsx>` becomes a `styled.section` it renders as its root. compiler-js's
// `styledComponents` against Next.js's binding with `compiler.styledComponents`, one
// thread, synchronous calls, same targets (ES2020, automatic JSX, ES modules).
//
//   node bench/styled-components.mjs [--files 1000] [--passes 5]
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { machine, resultsDir } from './env.mjs';
import { markdownTable, mb, mbPerSecond, ms, range, table, timePasses } from './measure.mjs';
import { syntheticApp } from './synthetic.mjs';
import { loadNext } from './transformers.mjs';

const { values } = parseArgs({ options: { files: { type: 'string', default: '1000' }, passes: { type: 'string', default: '5' } } });
const require = createRequire(import.meta.url);
const { transformSync } = require('../packages/compiler-js/dist/index.js');

/** A component module of the synthetic app, its styled-jsx block made a styled component. */
export function withStyledComponents({ name, code }) {
  const i = name.match(/m(\d+)/)[1];
  const style = code.match(/\n\s*<style jsx>\{`([\s\S]*?)`\}<\/style>/);
  if (!style) return { name, code };
  const css = style[1].replace(new RegExp(`\\.m${i}(?=[\\s:{])`, 'g'), '&');
  const out = code
    .replace(style[0], '')
    .replace(/<section /, `<Root${i} `)
    .replace(/<\/section>/, `</Root${i}>`);
  return { name, code: `import styled from 'styled-components';\n${out}\nconst Root${i} = styled.section\`${css}\`;\n` };
}

async function main() {
  const files = syntheticApp(Number(values.files)).map(withStyledComponents);
  const styled = files.filter((f) => f.code.includes('styled.section')).length;
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.code), 0);
  const next = await loadNext();
  const { getLoaderSWCOptions } = require('next/dist/build/swc/options');
  const nextOptions = (name) => {
    const o = getLoaderSWCOptions({
      filename: `/app/${name}`, development: false, isServer: false, isPageFile: false, hasReactRefresh: false,
      relativeFilePathFromRoot: name, jsConfig: {}, esm: true, compilerOptions: { styledComponents: true },
    });
    o.jsc.target = 'es2020';
    delete o.env;
    delete o.styledJsx;
    return { ...o, filename: `/app/${name}` };
  };
  const prepared = files.map((f) => ({ ...f, next: nextOptions(f.name) }));
  const tools = {
    'compiler-js': () => prepared.map((f) => transformSync(f.code, { filename: `/app/${f.name}`, target: 'es2020', styledComponents: true }).code),
    'Next.js (SWC)': () => prepared.map((f) => next.transformSync(f.code, f.next).code),
  };
  // Both must have compiled every file with its component id.
  for (const [tool, run] of Object.entries(tools)) {
    const ids = run().filter((code) => /componentId: "sc-/.test(code)).length;
    if (ids !== styled) throw new Error(`${tool}: ${ids} of ${styled} files have a component id`);
  }
  const m = machine();
  const rows = [];
  for (const [tool, run] of Object.entries(tools)) {
    const t = await timePasses(run, { passes: Number(values.passes) });
    rows.push({ tool, 'median ms': ms(t.median), 'min–max ms': range(t), 'MB/s': mbPerSecond(bytes, t.median).toFixed(1), median: t.median });
  }
  const base = rows.find((r) => r.tool === 'Next.js (SWC)').median;
  const shown = rows.map(({ median, ...r }) => ({ ...r, 'vs Next.js': `${(base / median).toFixed(2)}×` }));
  const head = `synthetic-${files.length} with styled-components (${styled} styled components), ${mb(bytes)} MB, 1 thread; ${m.cpus} × ${m.model}, Node ${m.node}`;
  console.log(`${head}\n${table(shown, Object.keys(shown[0]))}`);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'styled-components.md'), `${head}\n\n${markdownTable(shown, Object.keys(shown[0]))}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
