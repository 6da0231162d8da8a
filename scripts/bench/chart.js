'use strict';
// Hand-written SVG chart: ops/s per workload (groups) and backend (bars), log scale.

const COLORS = {
  ring: '#1f77b4',
  'uring-promises': '#2ca02c',
  fsp: '#d62728',
  'fsp-uv-uring': '#ff7f0e',
  sync: '#9467bd',
  c: '#7f7f7f',
};

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v) {
  if (v >= 1e6) return `${(v / 1e6).toFixed(v >= 1e8 ? 0 : v >= 1e7 ? 1 : 2)} M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(v >= 1e5 ? 0 : 1)} k`;
  return v.toFixed(0);
}

/** results: {workloads:[{id,label}], backends:[{id,label}], cells:{[w]:{[b]:{median}}}} */
function render({ workloads, backends, cells, title }) {
  const values = [];
  for (const w of workloads) for (const b of backends) {
    const c = cells[w.id] && cells[w.id][b.id];
    if (c && c.median > 0) values.push(c.median);
  }
  const lo = Math.floor(Math.log10(Math.min(...values, 1e3)));
  const hi = Math.ceil(Math.log10(Math.max(...values, 1e4)));
  const left = 230, right = 90, top = 56, barH = 11, gap = 12, plotW = 640;
  const width = left + plotW + right;
  const x = (v) => left + ((Math.log10(v) - lo) / (hi - lo)) * plotW;
  const out = [];
  let y = top;
  for (const w of workloads) {
    const bars = backends.filter((b) => cells[w.id] && cells[w.id][b.id] && cells[w.id][b.id].median > 0);
    if (bars.length === 0) continue;
    const h = bars.length * barH;
    out.push(`<text x="${left - 8}" y="${y + h / 2 + 4}" text-anchor="end" class="w">${esc(w.label)}</text>`);
    for (const b of bars) {
      const v = cells[w.id][b.id].median;
      const x1 = x(v);
      out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x1 - left).toFixed(1)}" height="${barH - 2}" fill="${COLORS[b.id] || '#444'}"><title>${esc(b.label)}: ${fmt(v)} ops/s</title></rect>`);
      out.push(`<text x="${(x1 + 4).toFixed(1)}" y="${y + barH - 3}" class="v">${fmt(v)}</text>`);
      y += barH;
    }
    y += gap;
  }
  const plotBottom = y;
  const grid = [];
  for (let d = lo; d <= hi; d++) {
    const gx = x(10 ** d);
    grid.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${plotBottom - gap}" class="g"/>`);
    grid.push(`<text x="${gx}" y="${top - 10}" text-anchor="middle" class="v">${fmt(10 ** d)}</text>`);
  }
  const legend = [];
  let lx = 10;
  for (const b of backends) {
    legend.push(`<rect x="${lx}" y="${plotBottom + 4}" width="10" height="10" fill="${COLORS[b.id] || '#444'}"/>` +
      `<text x="${lx + 14}" y="${plotBottom + 13}" class="v">${esc(b.label)}</text>`);
    lx += 34 + b.label.length * 5.6;
  }
  const height = plotBottom + 40;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    '<style>.w{font-size:12px;fill:#222}.v{font-size:10px;fill:#444}.g{stroke:#ddd;stroke-width:1}.t{font-size:14px;font-weight:bold}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="20" class="t">${esc(title)}</text>`,
    `<text x="${left}" y="34" class="v">operations per second, median of rounds, log scale (longer is better)</text>`,
    ...grid,
    ...out,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

module.exports = { render, fmt };
