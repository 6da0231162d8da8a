// Soak, short: 20,000 mixed operations with forced GC, every read checked against the last
// write's checksum and the whole file again at the end. `node scripts/soak.js` runs 10 M.
import path from 'node:path';
import { lastJson, packageRoot, runNode } from './helpers/child';

interface SoakReport {
  ops: number;
  completed: number;
  lost: number;
  dataErrors: number;
  fileErrors: number;
  opErrors: number;
  firstErrors: string[];
  byKind: Record<string, number>;
  rssMiB: { samples: number; baseline: number; stable: boolean; maxDeviationPct: number };
}

test('20,000 mixed operations: none lost, no checksum mismatch, RSS sampled', () => {
  const r = runNode(['--expose-gc', path.join(packageRoot, 'scripts', 'soak.js'), '--ops', '20000', '--blocks', '256']);
  expect(r.signal).toBeNull();
  const o = lastJson<SoakReport>(r);
  expect(o.firstErrors).toEqual([]);
  expect(o).toMatchObject({ ops: 20000, completed: 20000, lost: 0, dataErrors: 0, fileErrors: 0, opErrors: 0 });
  for (const kind of ['read', 'write', 'readv', 'writev', 'fsync', 'nop']) expect(o.byKind[kind]).toBeGreaterThan(0);
  // Reads that checked data, not just counted bytes.
  expect(o.byKind.read + o.byKind.readv).toBeGreaterThan(5000);
  expect(o.rssMiB.samples).toBeGreaterThanOrEqual(40);
  expect(o.rssMiB.baseline).toBeGreaterThan(0);
  expect(r.status).toBe(0);
});
