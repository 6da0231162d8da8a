// The benchmark report: target ratios from medians, BENCHMARKS.md rewritten only between its
// markers, and a chart with one bar per measured cell.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const report = require('../scripts/bench/report.js');

function results() {
  const cell = (median: number, extra = {}) => ({ median, rounds: [], ...extra });
  return {
    date: '2026-01-01T00:00:00Z',
    machine: { cpu: 'cpu', cores: 2, memGiB: 24, kernel: '6.18', node: '20', liburing: '2.3', tmpdir: '/tmp', shared: true },
    profile: { rounds: 5, ms: 400, warmMs: 100, bigFileMiB: 256, smallFiles: 10000, quick: false },
    backends: [{ id: 'ring', label: 'Ring' }, { id: 'uring-promises', label: 'uring/promises' }, { id: 'fsp', label: 'fsp' }, { id: 'c', label: 'C' }],
    workloads: [{ id: 'read4k-qd64', label: '4 KiB QD64' }, { id: 'nop-b256', label: 'NOP 256' }, { id: 'read4k-qd1', label: 'QD1' }],
    unavailable: {},
    cells: {
      'read4k-qd64': { ring: cell(800), 'uring-promises': cell(900), fsp: cell(100), c: cell(1000) },
      'nop-b256': { ring: cell(6), c: cell(10) },
      'read4k-qd1': { ring: cell(50, { p50us: 4, p99us: 9 }), 'uring-promises': cell(40, { p50us: 10, p99us: 20 }), fsp: cell(30, { p50us: 8, p99us: 30 }) },
    },
    scaling: [],
  };
}

test('target rows are ratios of medians, and say which are met', () => {
  const rows: Array<{ text: string; got: string; met: string }> = report.targetRows(results().cells, null);
  const find = (s: string) => rows.find((r) => r.text.startsWith(s))!;
  expect(find('4 KiB QD64 random reads: uring/promises vs node:fs/promises')).toMatchObject({ got: '9.00x', met: 'yes' });
  expect(find('Ring NOP batch 256')).toMatchObject({ got: '0.60x', met: 'NO' });
  expect(find('Ring batched 4 KiB')).toMatchObject({ got: '0.80x', met: 'yes' });
  expect(find('readFile of small files')).toMatchObject({ got: 'n/a', met: 'n/a' });
  // Latency: fsp p50 / ours; 8 / 10 means uring/promises is slower.
  expect(find('QD1 p50 latency: uring/promises')).toMatchObject({ got: '0.80x', met: 'NO' });
  expect(find('RSS flat')).toMatchObject({ met: 'n/a' });
});

test('BENCHMARKS.md keeps what is outside the markers; the chart has a bar per cell', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-report-'));
  try {
    report.writeAll(root, results(), null);
    const md1 = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
    expect(md1).toContain('| 4 KiB QD64 | 800 | 900 | 100 | 1.0 k |');
    // The goals are the project's; each says what measured it (the RSS one is not from this run).
    expect(md1).toContain("### The project's performance goals");
    expect(md1).toContain('| 4 KiB QD64 random reads: uring/promises vs node:fs/promises | >= 8x | 9.00x | yes | this run |');
    expect(md1).toContain('| RSS flat (+-10%) across 10 M operations after warm-up | <= 10% | n/a | n/a | not measured: run npm run bench:rss |');
    fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), `# Notes before\n\n${md1.slice(md1.indexOf('<!-- bench:results:begin'))}\n## Notes after\n`);
    const r2 = results();
    r2.cells['nop-b256'].ring.median = 7;
    report.writeAll(root, r2, null);
    const md2 = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
    expect(md2.startsWith('# Notes before\n')).toBe(true);
    expect(md2).toContain('## Notes after');
    expect(md2.match(/bench:results:begin/g)).toHaveLength(1);
    expect(md2).toContain('| NOP 256 | 7 | – | – | 10 |');
    const svg = fs.readFileSync(path.join(root, 'benchmarks', 'chart.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<title>[^<]* ops\/s<\/title>/g)).toHaveLength(9);
    const json = JSON.parse(fs.readFileSync(path.join(root, 'benchmarks', 'results.json'), 'utf8'));
    expect(json.cells['nop-b256'].ring.median).toBe(7);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
