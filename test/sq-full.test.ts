// A full SQ refuses more work with ERR_URING_SQ_FULL and loses nothing already queued.
import { Ring } from '../lib';

test('preparing past the SQ size throws ERR_URING_SQ_FULL, and submit makes room', () => {
  const ring = new Ring({ entries: 8 });
  try {
    for (let i = 0; i < ring.sqEntries; i++) ring.prepNop(i);
    expect(ring.sqSpace).toBe(0);
    let caught: unknown;
    try {
      ring.prepNop(99);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'ERR_URING_SQ_FULL' });
    expect(caught).toBeInstanceOf(Error);
    // The refused call took no slot: exactly the first eight complete.
    expect(ring.inFlight).toBe(8);
    expect(ring.submit(8)).toBe(8);
    expect(ring.sqSpace).toBe(8);
    ring.prepNop(100);
    ring.submit(1);
    const got: number[] = [];
    ring.reap((ud) => got.push(ud));
    expect(got.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 100]);
  } finally {
    ring.close();
  }
});

test('a refused argument takes no SQE', () => {
  const ring = new Ring({ entries: 4 });
  try {
    expect(() => ring.prepNop(-1)).toThrow(RangeError);
    expect(ring.sqSpace).toBe(4);
    expect(ring.inFlight).toBe(0);
  } finally {
    ring.close();
  }
});
