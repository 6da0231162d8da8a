// The benchmark chart tells the story: first "× faster than node:fs/promises" (linear, a bar
// per io_uring path, labelled), then ops/s with the NOP rows last; a colour-blind-safe
// palette; a title naming the machine, kernel, Node and date.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require('../scripts/bench/chart.js');

const cell = (median: number) => ({ median, rounds: [] });
const results = {
  date: '2026-01-02T03:04:05Z',
  machine: { cpu: 'Test CPU 9000', cores: 2, memGiB: 24, kernel: '6.18.0-test', node: '20.20.2', liburing: '2.3', tmpdir: '/tmp', shared: false },
  profile: { rounds: 5, ms: 400, warmMs: 100, bigFileMiB: 256, smallFiles: 10000, quick: false },
  backends: [{ id: 'ring', label: 'Ring' }, { id: 'uring-promises', label: 'uring/promises' }, { id: 'fsp', label: 'fsp' },
    { id: 'fsp-uv-uring', label: 'uv' }, { id: 'c', label: 'C' }],
  workloads: [{ id: 'nop-b256', label: 'NOP, batch 256', kind: 'nop' }, { id: 'read4k-qd64', label: '4 KiB QD64', kind: 'randread' },
    { id: 'stat', label: 'stat storm', kind: 'stat' }],
  unavailable: {},
  cells: {
    'nop-b256': { ring: cell(6e6), c: cell(1e7) },
    'read4k-qd64': { ring: cell(800), 'uring-promises': cell(900), fsp: cell(100), 'fsp-uv-uring': cell(300), c: cell(1000) },
    stat: { ring: cell(250), 'uring-promises': cell(150), fsp: cell(100), c: cell(400) },
  },
  scaling: [],
};

const svg: string = render(results);
const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('the title names the machine, the kernel, Node and the date', () => {
  expect(texts[0]).toBe('uring on Test CPU 9000, 2 cores: Linux 6.18.0-test, Node 20.20.2, 2026-01-02');
});

test('the first panel is × node:fs/promises for uring/promises, the Ring and libuv\'s io_uring, labelled on the bars', () => {
  const first = texts.indexOf('× faster than node:fs/promises');
  const second = texts.indexOf('Operations per second');
  expect(first).toBeGreaterThan(0);
  expect(second).toBeGreaterThan(first);
  const panel = texts.slice(first, second);
  // 900/100, 800/100, 300/100 on 4 KiB QD64; 150/100, 250/100 on stat; no NOP row (no node:fs/promises there).
  expect(panel.filter((t) => /^\d+(\.\d)?×$/.test(t) && !/^\d+×$/.test(t))).toEqual(['9.0×', '8.0×', '3.0×', '1.5×', '2.5×']);
  expect(panel).not.toContain('NOP, batch 256');
  expect(panel).toEqual(expect.arrayContaining(['uring/promises', 'Ring (batch API)', "node:fs/promises on libuv's io_uring (UV_USE_IO_URING=1)"]));
  // Linear: the axis counts 0×, 1×, 2×... rather than powers of ten.
  expect(panel).toEqual(expect.arrayContaining(['0×', '1×', '2×', '9×']));
});

test('the ops/s panel comes second, with the NOP rows last', () => {
  const panel = texts.slice(texts.indexOf('Operations per second'));
  const rows = panel.filter((t) => ['NOP, batch 256', '4 KiB QD64', 'stat storm'].includes(t));
  expect(rows).toEqual(['4 KiB QD64', 'stat storm', 'NOP, batch 256']);
  expect(panel).toEqual(expect.arrayContaining(['900', '6.00 M', '10.0 M']));
});

test('bars use the Okabe-Ito colour-blind-safe palette', () => {
  const fills = new Set([...svg.matchAll(/<rect [^>]*fill="(#[0-9A-Fa-f]{6})"/g)].map((m) => m[1].toUpperCase()));
  fills.delete('#FFFFFF');
  const okabeIto = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000', '#999999'];
  expect(fills.size).toBeGreaterThanOrEqual(5);
  for (const f of fills) expect(okabeIto).toContain(f);
});
