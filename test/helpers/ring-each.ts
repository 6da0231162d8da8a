// A fresh Ring per test (closed afterwards), and the way the builder tests run what they prepared.
import { Ring } from '../../lib';

/** Registers beforeEach/afterEach hooks; call the result for the current test's ring. */
export function useRing(entries = 8): () => Ring {
  let ring: Ring | undefined;
  beforeEach(() => {
    ring = new Ring({ entries });
  });
  afterEach(() => ring?.close());
  return () => ring!;
}

/** Submits, waits for every operation in flight, and returns userData -> res. */
export function runAll(ring: Ring): Map<number, number> {
  const res = new Map<number, number>();
  ring.submit(ring.inFlight);
  ring.reap((ud, v) => res.set(ud, v));
  return res;
}
