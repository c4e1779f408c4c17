// Horizontal bar charts as hand-built SVG strings (no chart library).
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v) => (v >= 1000 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/**
 * `bars: [{ label, value, group?, highlight?, note? }]`, drawn in order; a new `group` starts a
 * titled block. Each block is scaled to its own largest value when `scalePerGroup`, else all
 * bars share one scale. Values print after the bars with `unit`.
 */
export function barChart({ title, unit, bars, scalePerGroup = false }) {
  const labelW = 330;
  const barW = 420;
  const rowH = 22;
  const width = labelW + barW + (bars.some((b) => b.note && b.value != null) ? 250 : 130);
  const parts = [];
  let y = 40;
  let group;
  const maxOf = (g) => Math.max(...bars.filter((b) => !scalePerGroup || b.group === g).map((b) => b.value ?? 0), 1e-9);
  for (const b of bars) {
    if (b.group !== undefined && b.group !== group) {
      group = b.group;
      y += 8;
      parts.push(`<text x="8" y="${y + 12}" font-weight="bold">${esc(group)}</text>`);
      y += rowH;
    }
    const w = b.value == null ? 0 : Math.max(1, (b.value / maxOf(b.group)) * barW);
    const fill = b.highlight ? '#d9480f' : '#4c6ef5';
    parts.push(
      `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${fill}"/>`,
      `<text x="${labelW + w + 6}" y="${y + 15}">${b.value == null ? esc(b.note ?? 'n/a') : `${fmt(b.value)} ${esc(unit)}${b.note ? ` ${esc(b.note)}` : ''}`}</text>`,
    );
    y += rowH;
  }
  const height = y + 12;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** MB/s of every variant of a transform run (transform.mjs), 1 thread and more in blocks. */
export function transformChart(run) {
  const mb = (run.bytes / 1e6).toFixed(run.bytes < 1e7 ? 2 : 1);
  const done = (r) => Object.values(r.supports ?? {}).filter((v) => v === true).length;
  return barChart({
    title: `Transform, ${run.corpus}${run.extras ? ' + extras' : ''}: ${run.files} files, ${mb} MB (MB/s, higher is better)`,
    unit: 'MB/s',
    bars: run.rows.map((r) => ({
      label: r.label,
      value: run.bytes / 1e6 / (r.median / 1000),
      group: r.threads === 1 ? '1 thread' : `${r.threads} cores`,
      highlight: r.tool === 'compiler-js',
      note: run.extras ? `(${done(r)} of 4 extras)` : undefined,
    })),
  });
}

/** Minify time (`what: 'time'`) or gzip size (`'gzip'`) per library, a block per library. */
export function minifyChart(rows, originals, what) {
  const [key, title, unit, scale] =
    what === 'time'
      ? ['median', 'Minify time per library (ms, lower is better; each block on its own scale)', 'ms', (v) => v]
      : ['gzip', 'Minified size after gzip -9 per library (KB, lower is better; each block on its own scale)', 'KB', (v) => v / 1024];
  return barChart({
    title,
    unit,
    scalePerGroup: true,
    bars: rows.map((r) => ({
      label: r.label,
      group: `${r.lib} (${(originals[r.lib].bytes / 1024).toFixed(1)} KB)`,
      value: r.error ? null : scale(r[key]),
      note: r.error ? 'failed' : undefined,
      highlight: r.tool === 'ours',
    })),
  });
}
