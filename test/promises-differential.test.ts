// uring/promises against node:fs/promises: seeded random sequences in twin temp folders,
// comparing results, errors and both trees; in this process, in a plain child process
// (more steps, no jest overhead), on a worker thread (its own ring), and in children with
// io_uring blocked by seccomp (EPERM as Docker does, ENOSYS as an old kernel).
import fsp from 'node:fs/promises';
import { childProcessTests, range } from './helpers/differential-settings';
import { formatDifferences, runDifferential } from './helpers/fs-differential';
import { loadTarget, targetAvailable, targetIsNode, targetPath } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
if (!targetAvailable()) console.warn(`${targetPath} is not built yet: differential tests skipped`);

suite('uring/promises behaves as node:fs/promises', () => {
  test('in this process: 4 seeds × 500 steps, zero differences', async () => {
    const target = loadTarget();
    const r = await runDifferential(fsp, target, { seeds: range(1, 4), steps: 500 });
    expect(formatDifferences(r.differences)).toBe('');
    expect(r.steps).toBe(2000);
    if (!targetIsNode) expect(target.backend).toBe('io_uring');
  });

  childProcessTests([`--target=${targetPath}`], !targetIsNode);
});
