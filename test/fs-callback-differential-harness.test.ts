// The callback differential harness itself: silent when both sides are node:fs, covering
// every call uring/fs routes through the ring with successes and errors (and synchronous
// throws), and catching a wrong callback value or a throw where node calls back.
import nodeFs from 'node:fs';
import type { CallbackStep } from './helpers/fs-callback-ops';
import { callbackApi } from './helpers/fs-callback-steps';
import { formatDifferences, runDifferentialWith } from './helpers/fs-differential';

type AnyFn = (...args: unknown[]) => unknown;
const opts = { seeds: [7, 8], steps: 300 };

function mutant(name: string, fn: (original: AnyFn, args: unknown[]) => unknown): typeof nodeFs {
  const original = (nodeFs as unknown as Record<string, AnyFn>)[name];
  return { ...nodeFs, [name]: (...args: unknown[]) => fn(original, args) } as typeof nodeFs;
}

describe('callback differential harness', () => {
  test('node:fs against itself: no differences (the harness is deterministic)', async () => {
    const r = await runDifferentialWith(callbackApi, nodeFs, nodeFs, opts);
    expect(r.steps).toBe(600);
    expect(formatDifferences(r.differences, callbackApi.labels)).toBe('');
  });

  test('the run covers every routed call with successes, errors and synchronous throws', async () => {
    const seen = new Map<string, Set<string>>();
    const note = (name: string, o: Record<string, unknown>) => {
      const cb = o.callback as unknown[] | undefined;
      const kind = o.threw ? 'threw' : cb ? (cb[0] === null || typeof cb[0] === 'boolean' ? 'ok' : 'err') : o.rejected ? 'err' : o.error ? 'err' : 'ok';
      seen.set(name, (seen.get(name) ?? new Set()).add(kind));
    };
    await runDifferentialWith(callbackApi, nodeFs, nodeFs, {
      seeds: [7, 8, 9, 10],
      steps: 500,
      onStep: (s, expected) => {
        const step = s as unknown as CallbackStep;
        const outs = expected as Record<string, unknown>[];
        if (step.kind === 'call') note(step.call.method, expected as Record<string, unknown>);
        else if (step.kind === 'parallel' || step.kind === 'sequence') step.calls.forEach((c, i) => note(c.method, outs[i]));
        else if (step.kind === 'promisified') note(`promisify ${step.call.method}`, expected as Record<string, unknown>);
        else note(step.kind, expected as Record<string, unknown>);
      },
    });
    const has = (kind: string) => [...seen].filter(([, k]) => k.has(kind)).map(([n]) => n);
    for (const name of ['open', 'close', 'read', 'write', 'readv', 'writev', 'fstat', 'stat', 'lstat', 'fsync', 'fdatasync', 'ftruncate', 'truncate',
      'rename', 'unlink', 'mkdir', 'link', 'symlink', 'readFile', 'writeFile', 'appendFile', 'exists', 'promisify read', 'promisify write',
      'promisify exists', 'readStream', 'writeStream']) {
      expect([name, has('ok')]).toEqual([name, expect.arrayContaining([name])]);
    }
    for (const name of ['open', 'close', 'read', 'write', 'readv', 'stat', 'lstat', 'ftruncate', 'truncate', 'rename', 'unlink', 'rmdir',
      'mkdir', 'link', 'symlink', 'readFile', 'writeFile', 'appendFile', 'readStream', 'writeStream']) {
      expect([name, has('err')]).toEqual([name, expect.arrayContaining([name])]);
    }
    for (const name of ['open', 'close', 'read', 'write', 'readv', 'ftruncate', 'truncate', 'mkdir', 'stat', 'readFile', 'writeFile', 'exists']) {
      expect([name, has('threw')]).toEqual([name, expect.arrayContaining([name])]);
    }
  }, 60000);

  test('a wrong callback value is reported with seed, step and both outcomes', async () => {
    const wrong = mutant('fstat', (original, args) => {
      const cb = args.pop() as AnyFn;
      return original(...args, (err: unknown, st?: { size: number }) => {
        if (st) st.size += 1;
        cb(err, st);
      });
    });
    const r = await runDifferentialWith(callbackApi, nodeFs, wrong, opts);
    expect(r.differences.length).toBeGreaterThan(0);
    expect(formatDifferences(r.differences, callbackApi.labels)).toMatch(/^seed 7 step \d+: [\s\S]*fstat\([\s\S]*uring\/fs:/);
  });

  test('a synchronous throw where node calls back is reported', async () => {
    const throwing = mutant('unlink', (original, args) => {
      if (typeof args[args.length - 1] === 'function') throw new TypeError('not today');
      return original(...args);
    });
    const r = await runDifferentialWith(callbackApi, nodeFs, throwing, opts);
    expect(r.differences.length).toBeGreaterThan(0);
    expect(r.differences[0].what).toMatch(/\bunlink\(/);
    expect(JSON.stringify(r.differences[0].actual)).toMatch(/"threw":\{"error":"TypeError"/);
  });
});
