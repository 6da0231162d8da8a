// `npm run bench` end to end on a tiny budget: every backend answers (the callback ones too), the table prints with its
// legend and a × node:fs/promises column, and the goals say which figures this run measured.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

test('a one-round quick bench measures the Ring, uring/promises, node:fs/promises, C and the callback APIs', () => {
  const out = execFileSync(process.execPath, [
    path.join(__dirname, '..', 'scripts', 'bench', 'index.js'),
    '--quick', '--only=nop-b32,read4k-qd1,stat', '--rounds=1', '--ms=30', '--no-write',
  ], { encoding: 'utf8', timeout: 60000 });
  const row = (label: string) => out.split('\n').find((l) => l.startsWith(label))!;
  const cells = (label: string) => row(label).slice(label.length).trim().split(/\s{2,}/);
  // ring, uring-promises, fsp, fsp-uv-uring, sync, c, uring-fs, fs-cb, uring-sqpoll: a number
  // (e.g. "412 k", "1.20 M") or "-"; then uring/promises over node:fs/promises.
  const num = /^\d+(\.\d+)? ?[kM]?$/;
  expect(row('ops/s (median)')).toMatch(/ring\s+uring-promises\s+fsp\s+fsp-uv-uring\s+sync\s+c\s+uring-fs\s+fs-cb\s+uring-sqpoll\s+× node:fs\/promises$/);
  const nop = cells('NOP, batch 32');
  expect(nop[0]).toMatch(num);
  expect(nop[5]).toMatch(num);
  expect(nop.slice(1, 5)).toEqual(['-', '-', '-', '-']);
  expect(nop.slice(6)).toEqual(['-', '-', '-', '-']);
  const qd1 = cells('4 KiB random read, QD 1');
  expect(qd1).toHaveLength(10);
  for (const v of qd1.slice(0, 6)) expect(v).toMatch(num);
  expect(qd1.slice(6, 9)).toEqual(['-', '-', '-']); // the callback and SQPOLL backends do not run it
  expect(qd1[9]).toMatch(/^\d+\.\d\dx$/);
  const stat = cells('stat storm, 64 at once');
  expect(stat).toHaveLength(10);
  for (const v of stat.slice(0, 9)) expect(v).toMatch(num);
  expect(stat[9]).toMatch(/^\d+\.\d\dx$/);
  // A legend for the backend ids and the ratio column.
  expect(out).toMatch(/^\s+uring-promises: uring\/promises$/m);
  expect(out).toMatch(/^\s+fsp-uv-uring: fs\/promises UV_USE_IO_URING=1$/m);
  expect(out).toMatch(/^\s+uring-fs: uring\/fs callbacks$/m);
  expect(out).toMatch(/^\s+uring-sqpoll: uring\/promises URING_SQPOLL=10$/m);
  expect(out).toMatch(/^× node:fs\/promises: uring\/promises ops\/s divided by node:fs\/promises ops\/s/m);
  // The goals are the project's; the RSS figure was not measured by this run and says so.
  expect(out).toMatch(/^The project's performance goals, measured in this run/m);
  expect(out).toMatch(/QD1 p50 latency: Ring/);
  const rss = out.split('\n').filter((l) => l.includes('RSS flat'));
  expect(rss.length).toBeGreaterThan(0);
  for (const l of rss) expect(l).toMatch(/\[(npm run bench:rss, \d{4}-\d\d-\d\d|not measured: run npm run bench:rss)\]$/);
  expect(out.indexOf('did not measure')).toBeLessThan(out.indexOf('RSS flat'));
});
