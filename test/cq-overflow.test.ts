// More completions than CQ entries before reaping: the kernel holds the overflow
// (IORING_FEAT_NODROP) and reap flushes it, so no completion is lost.
import { Ring, constants } from '../lib';

test('more NOPs than CQ entries, reaped late, all arrive exactly once', () => {
  const ring = new Ring({ entries: 16, cqEntries: 16 });
  try {
    expect(ring.features & constants.features.NODROP).toBeTruthy();
    const total = ring.cqEntries * 8; // 8x the CQ
    let next = 0;
    while (next < total) {
      while (ring.sqSpace > 0 && next < total) ring.prepNop(next++);
      ring.submit();
    }
    // Nothing reaped yet: the CQ is full and the rest waits in the kernel.
    expect(ring.cqReady).toBe(ring.cqEntries);
    const seen = new Uint8Array(total);
    let count = 0;
    while (ring.inFlight > 0) {
      const n = ring.reap((ud, res) => {
        expect(res).toBe(0);
        seen[ud]++;
      });
      count += n;
      if (n === 0) ring.submit(1);
    }
    expect(count).toBe(total);
    expect(seen.every((v) => v === 1)).toBe(true);
  } finally {
    ring.close();
  }
});
