'use strict';
// Hand-written SVG chart of a benchmark run: first how many times faster than node:fs/promises
// each io_uring path is (linear), then the absolute ops/s of every backend (log scale, NOPs last).

// Okabe-Ito: told apart with the common kinds of colour blindness.
const COLORS = {
  'uring-promises': '#0072B2',
  ring: '#009E73',
  'fsp-uv-uring': '#E69F00',
  fsp: '#999999',
  sync: '#CC79A7',
  c: '#000000',
  'uring-fs': '#56B4E9',
  'fs-cb': '#D55E00',
  'uring-sqpoll': '#F0E442',
};
const NAMES = {
  'uring-promises': 'uring/promises',
  ring: 'Ring (batch API)',
  'fsp-uv-uring': "node:fs/promises on libuv's io_uring (UV_USE_IO_URING=1)",
  fsp: 'node:fs/promises',
  sync: 'sync fs',
  c: 'C liburing',
  'uring-fs': 'uring/fs callbacks',
  'fs-cb': 'node:fs callbacks',
  'uring-sqpoll': 'uring/promises on an SQPOLL ring (URING_SQPOLL=10)',
};
/** The paths compared with node:fs/promises in the first panel, in bar order. */
const VS_FSP = ['uring-promises', 'ring', 'fsp-uv-uring'];

const LEFT = 250;
const PLOT_W = 560;
const WIDTH = LEFT + PLOT_W + 150;
const BAR = 14;
const GAP = 10;

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v) {
  if (v >= 1e6) return `${(v / 1e6).toFixed(v >= 1e8 ? 0 : v >= 1e7 ? 1 : 2)} M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(v >= 1e5 ? 0 : 1)} k`;
  return v.toFixed(0);
}

/** 10^d as an axis label: 1, 10, 100, 1 k ... 100 M. */
function power(d) {
  const unit = d >= 6 ? ['M', 6] : d >= 3 ? ['k', 3] : ['', 0];
  return `${10 ** (d - unit[1])}${unit[0] ? ` ${unit[0]}` : ''}`;
}

const median = (cells, w, b) => {
  const c = cells[w] && cells[w][b];
  return c && c.median > 0 ? c.median : null;
};

/** A row of colour swatches with names, wrapping at the chart's width; returns its height. */
function legend(out, ids, y, backends) {
  let x = LEFT;
  let lines = 1;
  for (const id of ids) {
    const name = NAMES[id] || (backends.find((b) => b.id === id) || { label: id }).label;
    const w = 30 + name.length * 6.4;
    if (x + w > WIDTH - 10 && x > LEFT) {
      x = LEFT;
      lines++;
    }
    const ly = y + (lines - 1) * 18;
    out.push(`<rect x="${x}" y="${ly}" width="12" height="12" fill="${COLORS[id] || '#444'}"/>`,
      `<text x="${x + 17}" y="${ly + 10}" class="l">${esc(name)}</text>`);
    x += w;
  }
  return lines * 18;
}

/** Where groups() starting at y ends its last bar (grid lines are drawn first, under the bars). */
function bottom(rows, y) {
  return rows.reduce((h, r) => h + r.bars.length * BAR + GAP, y) - GAP;
}

/** One group of horizontal bars per workload; bar(value) gives its end x; returns the y below. */
function groups(out, rows, y, x, label) {
  for (const { w, bars } of rows) {
    const h = bars.length * BAR;
    out.push(`<text x="${LEFT - 8}" y="${y + h / 2 + 4}" text-anchor="end" class="w">${esc(w.label)}</text>`);
    for (const { id, v, title } of bars) {
      const x1 = x(v);
      out.push(`<rect x="${LEFT}" y="${y}" width="${Math.max(1, x1 - LEFT).toFixed(1)}" height="${BAR - 2}" fill="${COLORS[id] || '#444'}"><title>${esc(title)}</title></rect>`,
        `<text x="${(x1 + 4).toFixed(1)}" y="${y + BAR - 3}" class="v">${esc(label(v))}</text>`);
      y += BAR;
    }
    y += GAP;
  }
  return y;
}

function ratioPanel(out, { workloads, backends, cells }, top) {
  const rows = [];
  for (const w of workloads) {
    const base = median(cells, w.id, 'fsp');
    if (base === null) continue;
    const bars = VS_FSP.filter((id) => median(cells, w.id, id) !== null)
      .map((id) => ({ id, v: median(cells, w.id, id) / base, title: `${NAMES[id]}: ${(median(cells, w.id, id) / base).toFixed(2)}× node:fs/promises` }));
    if (bars.length > 0) rows.push({ w, bars });
  }
  if (rows.length === 0) return top;
  const max = Math.max(...rows.flatMap((r) => r.bars.map((b) => b.v)), 2);
  const step = max > 12 ? 2 : 1;
  const hi = Math.ceil(max / step) * step;
  const x = (v) => LEFT + (v / hi) * PLOT_W;
  let y = top;
  out.push(`<text x="10" y="${y + 14}" class="h">× faster than node:fs/promises</text>`,
    `<text x="10" y="${y + 30}" class="s">ops/s of each path divided by node:fs/promises' ops/s on the same workload, in the same run; linear scale; the dashed line is node:fs/promises itself (1×)</text>`);
  y += 44;
  y += legend(out, VS_FSP.filter((id) => backends.some((b) => b.id === id)), y, backends) + 16;
  const end = bottom(rows, y);
  for (let t = 0; t <= hi; t += step) {
    out.push(`<line x1="${x(t)}" y1="${y - 4}" x2="${x(t)}" y2="${end}" class="g"/>`,
      `<text x="${x(t)}" y="${y - 8}" text-anchor="middle" class="v">${t}×</text>`);
  }
  out.push(`<line x1="${x(1)}" y1="${y - 4}" x2="${x(1)}" y2="${end}" class="one"/>`,
    `<text x="${x(1)}" y="${end + 13}" text-anchor="middle" class="v">1× = node:fs/promises</text>`);
  return groups(out, rows, y, x, (v) => `${v.toFixed(v >= 10 ? 0 : 1)}×`) + 20;
}

function absolutePanel(out, { workloads, backends, cells }, top) {
  // NOPs measure the ring alone, not file IO: last.
  const ordered = [...workloads.filter((w) => w.kind !== 'nop' && !/^nop/.test(w.id)), ...workloads.filter((w) => w.kind === 'nop' || /^nop/.test(w.id))];
  // Bars and legend in the first panel's order, then the baselines.
  const order = Object.keys(COLORS);
  const shown = [...backends].sort((a, b) => (order.indexOf(a.id) + 1 || 99) - (order.indexOf(b.id) + 1 || 99));
  const rows = [];
  for (const w of ordered) {
    const bars = shown.filter((b) => median(cells, w.id, b.id) !== null)
      .map((b) => ({ id: b.id, v: median(cells, w.id, b.id), title: `${NAMES[b.id] || b.label}: ${fmt(median(cells, w.id, b.id))} ops/s` }));
    if (bars.length > 0) rows.push({ w, bars });
  }
  const values = rows.flatMap((r) => r.bars.map((b) => b.v));
  const lo = Math.floor(Math.log10(Math.min(...values, 1e3)));
  const hi = Math.ceil(Math.log10(Math.max(...values, 1e4)));
  const x = (v) => LEFT + ((Math.log10(v) - lo) / (hi - lo)) * PLOT_W;
  let y = top;
  out.push(`<text x="10" y="${y + 14}" class="h">Operations per second</text>`,
    `<text x="10" y="${y + 30}" class="s">median of rounds; log scale (each grid line is 10 times the one before); longer is better; NOP rows (the ring alone, no file IO) last</text>`);
  y += 44;
  y += legend(out, shown.map((b) => b.id), y, backends) + 16;
  for (let d = lo; d <= hi; d++) {
    out.push(`<line x1="${x(10 ** d)}" y1="${y - 4}" x2="${x(10 ** d)}" y2="${bottom(rows, y)}" class="g"/>`,
      `<text x="${x(10 ** d)}" y="${y - 8}" text-anchor="middle" class="v">${power(d)}</text>`);
  }
  return groups(out, rows, y, x, fmt);
}

/** results: results.json's shape (workloads, backends, cells, machine, date, profile). */
function render(results) {
  const { machine = {}, date = '', profile = {} } = results;
  const out = [];
  const title = `uring on ${machine.cpu || 'unknown CPU'}, ${machine.cores || '?'} cores: Linux ${machine.kernel || '?'}, Node ${machine.node || '?'}, ${String(date).slice(0, 10)}`;
  const sub = `npm run bench${profile.quick ? ' -- --quick' : ''}: ${profile.rounds || '?'} rounds of ${profile.ms || '?'} ms per case, liburing ${machine.liburing || '?'}` +
    (machine.shared ? '; the machine was shared with other jobs while this ran (noisy)' : '');
  let y = ratioPanel(out, results, 50);
  y = absolutePanel(out, results, y + 10);
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    '<style>.t{font-size:17px;font-weight:bold;fill:#111}.h{font-size:15px;font-weight:bold;fill:#111}.s{font-size:11px;fill:#555}' +
      '.w{font-size:12px;fill:#222}.l{font-size:11px;fill:#222}.v{font-size:10px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px}.g{stroke:#ddd;stroke-width:1}' +
      '.one{stroke:#555;stroke-width:1.5;stroke-dasharray:4 3}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" class="t">${esc(title)}</text>`,
    `<text x="10" y="40" class="s">${esc(sub)}</text>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}

module.exports = { render, fmt };
