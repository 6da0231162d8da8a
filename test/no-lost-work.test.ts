// No lost work: a producer that outruns reaping (completions beyond the CQ's size wait on the
// kernel's overflow list) sees every completion exactly once. scripts/overflow.js runs the
// same with 1 M operations.
import path from 'node:path';
import { lastJson, packageRoot, runNode } from './helpers/child';

interface OverflowReport {
  ops: number;
  delivered: number;
  missing: number;
  duplicates: number;
  foreign: number;
  failed: number;
  leftInFlight: number;
  cqEntries: number;
  maxInFlight: number;
  overflowed: number;
}

test.each([
  [20000, 64, 4],
  [20000, 8, 16],
])('%i NOPs, %i SQ entries, reaping only at %ix the CQ size: none lost, none twice', (ops, entries, backlog) => {
  const r = runNode([path.join(packageRoot, 'scripts', 'overflow.js'), '--ops', String(ops), '--entries', String(entries), '--backlog', String(backlog)]);
  expect(r.signal).toBeNull();
  const o = lastJson<OverflowReport>(r);
  expect(o.overflowed).toBeGreaterThan(0); // the CQ really overflowed
  expect(o.maxInFlight).toBeGreaterThan(o.cqEntries);
  expect(o).toMatchObject({ ops, delivered: ops, missing: 0, duplicates: 0, foreign: 0, failed: 0, leftInFlight: 0 });
  expect(r.status).toBe(0);
});
