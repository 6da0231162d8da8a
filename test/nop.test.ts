// NOP batches: the smallest round trip through the shared rings.
import { closeSync, constants as fsConstants } from 'node:fs';
import { Ring, constants } from '../lib';
import { useTempDir } from './helpers/temp-dir';

describe('NOP', () => {
  let ring: Ring;
  beforeEach(() => {
    ring = new Ring({ entries: 64 });
  });
  afterEach(() => ring.close());

  test('a batch of NOPs completes once each with res 0 and its own userData', () => {
    const want: number[] = [];
    for (let i = 0; i < 64; i++) {
      const ud = i * 7919 + 2 ** 40; // above 32 bits: userData is not truncated
      want.push(ud);
      ring.prepNop(ud);
    }
    expect(ring.sqSpace).toBe(0);
    expect(ring.submit(64)).toBe(64);
    const got: Array<[number, number]> = [];
    expect(ring.reap((ud, res) => got.push([ud, res]))).toBe(64);
    expect(got.map(([ud]) => ud).sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b));
    expect(got.every(([, res]) => res === 0)).toBe(true);
    expect(ring.inFlight).toBe(0);
    expect(ring.sqSpace).toBe(64);
  });

  test('many rounds reuse slots without mixing up userData', () => {
    let next = 0;
    let seen = 0;
    for (let round = 0; round < 200; round++) {
      const n = 1 + (round % 64);
      const base = next;
      for (let i = 0; i < n; i++) ring.prepNop(next++);
      ring.submit(n);
      const got: number[] = [];
      ring.reap((ud) => got.push(ud));
      got.sort((a, b) => a - b);
      expect(got).toEqual(Array.from({ length: n }, (_, i) => base + i));
      seen += got.length;
    }
    expect(seen).toBe(next);
  });

  test('reap honours max and leaves the rest for later', () => {
    for (let i = 0; i < 10; i++) ring.prepNop(i);
    ring.submit(10);
    const got: number[] = [];
    expect(ring.reap((ud) => got.push(ud), 3)).toBe(3);
    expect(ring.cqReady).toBe(7);
    expect(ring.reap((ud) => got.push(ud))).toBe(7);
    expect(got.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe.each([
  ['COOP_TASKRUN | TASKRUN_FLAG', constants.setupFlags.COOP_TASKRUN | constants.setupFlags.TASKRUN_FLAG],
  ['SINGLE_ISSUER | DEFER_TASKRUN', constants.setupFlags.SINGLE_ISSUER | constants.setupFlags.DEFER_TASKRUN],
  ['SUBMIT_ALL', constants.setupFlags.SUBMIT_ALL],
])('with setup flags %s', (_name, flags) => {
  test('NOPs complete through submit/reap and through onReady', async () => {
    const ring = new Ring({ entries: 8, flags });
    try {
      for (let i = 0; i < 8; i++) ring.prepNop(i);
      ring.submit();
      const got: number[] = [];
      await new Promise<void>((resolve) => {
        ring.onReady(() => {
          ring.reap((ud) => got.push(ud));
          if (got.length === 8) resolve();
        });
        // Completions already posted before onReady was set are reaped here.
        ring.reap((ud) => got.push(ud));
        if (got.length === 8) resolve();
      });
      expect(got.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      ring.close();
    }
  });
});

describe('NOP SQE reuse and closing', () => {
  const tmp = useTempDir('uring-nop-');

  test('a NOP rewrites every field of a reused SQE slot (a stale OPENAT flags/mode word would change its result)', () => {
    const ring = new Ring({ entries: 1 }); // one SQE slot: the NOP lands where the OPENAT was
    try {
      const file = Buffer.from(`${tmp('f')}\0`);
      const { O_WRONLY, O_CREAT } = fsConstants;
      // OPENAT leaves open flags (bit 0 set: O_WRONLY) in the op-flags word and the mode in len:
      // to a NOP these would mean IORING_NOP_INJECT_RESULT with res = mode (or -EINVAL on kernels without it).
      ring.prepOpenat(-100, file, O_WRONLY | O_CREAT, 0o644, 1);
      ring.submit(1);
      let fd = -1;
      ring.reap((_ud, res) => { fd = res; });
      expect(fd).toBeGreaterThanOrEqual(0);
      closeSync(fd);
      for (let round = 0; round < 3; round++) {
        ring.prepNop(2 + round);
        ring.submit(1);
        const got: Array<[number, number, number]> = [];
        ring.reap((ud, res, flags) => got.push([ud, res, flags]));
        expect(got).toEqual([[2 + round, 0, 0]]);
      }
    } finally {
      ring.close();
    }
  });

  test('prepNop on a closing ring checks its arguments first, then refuses; on a closed ring it refuses first', () => {
    const ring = new Ring({ entries: 4 });
    ring.prepNop(1); // never submitted: close() completes it with -ECANCELED, calling back while closing
    const codes: Array<string | undefined> = [];
    ring.close(() => {
      codes.push(codeOf(() => ring.prepNop(-1)), codeOf(() => ring.prepNop(2, 0x80)), codeOf(() => ring.prepNop(3)));
    });
    expect(codes).toEqual(['ERR_OUT_OF_RANGE', 'ERR_OUT_OF_RANGE', 'ERR_URING_CLOSED']);
    expect(codeOf(() => ring.prepNop(-1))).toBe('ERR_URING_CLOSED');
    expect(codeOf(() => ring.prepNop(1, 0x80))).toBe('ERR_URING_CLOSED');
    expect(ring.inFlight).toBe(0);
  });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}
