// NOP batches: the smallest round trip through the shared rings.
import { Ring, constants } from '../lib';

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
