// uring/promises against node:fs/promises: seeded random sequences in twin temp folders,
// comparing results, errors and both trees; also with io_uring blocked by seccomp.
import { execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { compiledHelpers } from './helpers/compile-helpers';
import { formatDifferences, runDifferential, type RunResult } from './helpers/fs-differential';
import { noIoUring } from './helpers/no-io-uring';
import { loadTarget, targetAvailable, targetIsNode, targetPath } from './helpers/promises-target';

const SEEDS = [1, 2, 3, 4, 5, 6];
const STEPS = 600;

const suite = targetAvailable() ? describe : describe.skip;
if (!targetAvailable()) console.warn(`${targetPath} is not built yet: differential tests skipped`);

suite('uring/promises behaves as node:fs/promises', () => {
  test(`${SEEDS.length} seeds × ${STEPS} steps: zero differences`, async () => {
    const target = loadTarget();
    const r = await runDifferential(fsp, target, { seeds: SEEDS, steps: STEPS });
    expect(formatDifferences(r.differences)).toBe('');
    expect(r.steps).toBe(SEEDS.length * STEPS);
    if (!targetIsNode) expect(target.backend).toBe('io_uring');
  });

  test('with io_uring blocked by seccomp: backend is fs and zero differences', () => {
    const [cmd, ...prefix] = noIoUring();
    const script = path.join(compiledHelpers(), 'fs-differential.js');
    const out = execFileSync(cmd, [...prefix, process.execPath, script, `--target=${targetPath}`, '--seeds=101,102,103', '--steps=500'], {
      encoding: 'utf8',
      timeout: 60000,
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as RunResult & { backend?: string; report: string; crashed?: string };
    expect(r.crashed).toBeUndefined();
    expect(r.report).toBe('');
    expect(r.steps).toBe(1500);
    if (!targetIsNode) expect(r.backend).toBe('fs');
  });
});
