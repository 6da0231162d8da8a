// uring/fs against node:fs's callbacks, util.promisify and streams: the promises differential's
// seeded sequences as callback calls, plus exists, promisified calls, streams and hostile
// arguments (synchronous throws compared too), in twin temp folders, at the same seeds and
// steps as test/promises-differential.test.ts in each setting: in this process, in a plain
// child, on a worker thread (its own ring), and with io_uring blocked by seccomp (EPERM, ENOSYS).
import nodeFs, { existsSync } from 'node:fs';
import path from 'node:path';
import { childProcessTests, range } from './helpers/differential-settings';
import { callbackApi } from './helpers/fs-callback-steps';
import { formatDifferences, runDifferentialWith } from './helpers/fs-differential';
import { repoRoot } from './helpers/promises-target';

// URING_PROMISES_TARGET=node runs the tests against node:fs itself (proving the harness).
const targetIsNode = process.env.URING_PROMISES_TARGET === 'node';
const targetPath = targetIsNode ? 'node:fs' : path.join(repoRoot, 'dist', 'fs');
const available = targetIsNode || existsSync(path.join(targetPath, 'index.js'));
const suite = available ? describe : describe.skip;
if (!available) console.warn(`${targetPath} is not built yet: differential tests skipped`);

suite('uring/fs behaves as node:fs (callbacks, promisify, streams)', () => {
  test('in this process: 4 seeds × 500 steps, zero differences', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const target = require(targetPath) as typeof nodeFs;
    const r = await runDifferentialWith(callbackApi, nodeFs, target, { seeds: range(1, 4), steps: 500 });
    expect(formatDifferences(r.differences, callbackApi.labels)).toBe('');
    expect(r.steps).toBe(2000);
    if (!targetIsNode) expect((target.promises as unknown as { backend: string }).backend).toBe('io_uring');
  }, 60000);

  childProcessTests(['--api=callback', `--target=${targetPath}`], !targetIsNode);
});
