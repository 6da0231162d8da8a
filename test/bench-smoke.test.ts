// `npm run bench` end to end on a tiny budget: every backend answers and the table prints.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

test('a one-round quick bench measures the Ring, uring/promises, node:fs/promises and C', () => {
  const out = execFileSync(process.execPath, [
    path.join(__dirname, '..', 'scripts', 'bench', 'index.js'),
    '--quick', '--only=nop-b32,read4k-qd1,stat', '--rounds=1', '--ms=30', '--no-write',
  ], { encoding: 'utf8', timeout: 60000 });
  const row = (label: string) => out.split('\n').find((l) => l.startsWith(label))!;
  const cells = (label: string) => row(label).slice(label.length).trim().split(/\s{2,}/);
  // ring, uring-promises, fsp, fsp-uv-uring, sync, c: a number (e.g. "412 k", "1.20 M") or "-".
  const num = /^\d+(\.\d+)? ?[kM]?$/;
  const nop = cells('NOP, batch 32');
  expect(nop[0]).toMatch(num);
  expect(nop[5]).toMatch(num);
  expect(nop.slice(1, 5)).toEqual(['-', '-', '-', '-']);
  for (const label of ['4 KiB random read, QD 1', 'stat storm, 64 at once']) {
    const c = cells(label);
    expect(c).toHaveLength(6);
    for (const v of c) expect(v).toMatch(num);
  }
  expect(out).toMatch(/QD1 p50 latency: Ring/);
});
