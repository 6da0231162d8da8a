// uring/promises against node:fs/promises: seeded random sequences in twin temp folders,
// comparing results, errors and both trees; in this process, in a plain child process
// (more steps, no jest overhead), on a worker thread (its own ring), and in children with
// io_uring blocked by seccomp (EPERM as Docker does, ENOSYS as an old kernel).
import { execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { compiledHelpers, removeCompiledHelpers } from './helpers/compile-helpers';
import { formatDifferences, runDifferential, type RunResult } from './helpers/fs-differential';
import { noIoUring } from './helpers/no-io-uring';
import { loadTarget, targetAvailable, targetIsNode, targetPath } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
if (!targetAvailable()) console.warn(`${targetPath} is not built yet: differential tests skipped`);

type ChildResult = RunResult & { backend?: string; report: string; crashed?: string };

/** Runs the harness's CLI in a child process (optionally behind a command prefix). */
function runChild(prefix: string[], seeds: number[], steps: number, extra: string[] = []): ChildResult {
  const script = path.join(compiledHelpers(), 'fs-differential.js');
  const [cmd, ...args] = [...prefix, process.execPath];
  const out = execFileSync(cmd, [...args, script, `--target=${targetPath}`, `--seeds=${seeds.join(',')}`, `--steps=${steps}`, ...extra], {
    encoding: 'utf8',
    timeout: 120000,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

suite('uring/promises behaves as node:fs/promises', () => {
  afterAll(removeCompiledHelpers);

  test('in this process: 4 seeds × 500 steps, zero differences', async () => {
    const target = loadTarget();
    const r = await runDifferential(fsp, target, { seeds: range(1, 4), steps: 500 });
    expect(formatDifferences(r.differences)).toBe('');
    expect(r.steps).toBe(2000);
    if (!targetIsNode) expect(target.backend).toBe('io_uring');
  });

  test('in a child process: 10 seeds × 800 steps, zero differences', () => {
    const r = runChild([], range(11, 10), 800);
    expect(r.crashed).toBeUndefined();
    expect(r.report).toBe('');
    expect(r.steps).toBe(8000);
    if (!targetIsNode) expect(r.backend).toBe('io_uring');
  }, 120000);

  test('with io_uring blocked by seccomp: backend is fs and zero differences over 4 seeds × 500 steps', () => {
    const r = runChild(noIoUring(), range(101, 4), 500);
    expect(r.crashed).toBeUndefined();
    expect(r.report).toBe('');
    expect(r.steps).toBe(2000);
    if (!targetIsNode) expect(r.backend).toBe('fs');
  }, 120000);

  test('on a worker thread (its own ring): 3 seeds × 400 steps, zero differences', () => {
    const r = runChild([], range(201, 3), 400, ['--in-worker=1']);
    expect(r.crashed).toBeUndefined();
    expect(r.report).toBe('');
    expect(r.steps).toBe(1200);
    if (!targetIsNode) expect(r.backend).toBe('io_uring');
  }, 120000);

  test('with io_uring_setup failing ENOSYS (old kernel): backend is fs and zero differences over 2 seeds × 300 steps', () => {
    const r = runChild(noIoUring(38), range(301, 2), 300);
    expect(r.crashed).toBeUndefined();
    expect(r.report).toBe('');
    expect(r.steps).toBe(600);
    if (!targetIsNode) expect(r.backend).toBe('fs');
  }, 120000);
});
