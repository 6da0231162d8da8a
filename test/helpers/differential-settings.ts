// The settings every differential test runs in besides its own process, at the same seeds and
// steps: a plain child (more steps, no jest overhead), io_uring blocked by seccomp (EPERM as
// Docker does), a worker thread (its own ring), and io_uring_setup failing ENOSYS (an old kernel).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { compiledHelpers, removeCompiledHelpers } from './compile-helpers';
import type { RunResult } from './fs-differential';
import { noIoUring } from './no-io-uring';

type ChildResult = RunResult & { backend?: string; report: string; crashed?: string };

export const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** Runs the harness's CLI in a child process (optionally behind a command prefix). */
function runChild(args: string[], prefix: string[], seeds: number[], steps: number, extra: string[]): ChildResult {
  const script = path.join(compiledHelpers(), 'fs-differential.js');
  const [cmd, ...rest] = [...prefix, process.execPath];
  const out = execFileSync(cmd, [...rest, '--no-deprecation', script, ...args, `--seeds=${seeds.join(',')}`, `--steps=${steps}`, ...extra], {
    encoding: 'utf8',
    timeout: 120000,
    // node's worker warnings of closing fds it did not open would only be noise.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

/**
 * Registers the four child-process tests; `args` tell the CLI the API and target. The backend
 * is checked unless the target is node's own module.
 */
export function childProcessTests(args: string[], checkBackend: boolean): void {
  afterAll(removeCompiledHelpers);
  const settings: [string, () => string[], number, number, number, string, string[]][] = [
    ['in a child process: 10 seeds × 800 steps, zero differences', () => [], 11, 10, 800, 'io_uring', []],
    ['with io_uring blocked by seccomp: backend is fs and zero differences over 4 seeds × 500 steps', () => noIoUring(), 101, 4, 500, 'fs', []],
    ['on a worker thread (its own ring): 3 seeds × 400 steps, zero differences', () => [], 201, 3, 400, 'io_uring', ['--in-worker=1']],
    ['with io_uring_setup failing ENOSYS (old kernel): backend is fs and zero differences over 2 seeds × 300 steps', () => noIoUring(38), 301, 2, 300, 'fs', []],
  ];
  for (const [title, prefix, first, seeds, steps, backend, extra] of settings) {
    test(title, () => {
      const r = runChild(args, prefix(), range(first, seeds), steps, extra);
      expect(r.crashed).toBeUndefined();
      expect(r.report).toBe('');
      expect(r.steps).toBe(seeds * steps);
      if (checkBackend) expect(r.backend).toBe(backend);
    }, 120000);
  }
}
