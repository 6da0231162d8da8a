// Callbacks may reap, prepare and submit again from inside reap(): every CQE is still
// delivered exactly once, and a throwing callback loses none of the others.
import { Ring } from '../lib';

test('a nested reap continues after the CQE being delivered, none twice or lost', () => {
  const ring = new Ring({ entries: 32 });
  try {
    for (let i = 0; i < 32; i++) ring.prepNop(i);
    ring.submit(32);
    const seen: number[] = [];
    const outer = ring.reap((ud) => {
      seen.push(ud);
      if (ud % 4 === 0) ring.reap((inner) => seen.push(inner), 2);
    });
    expect(seen.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(outer).toBeLessThan(32); // the nested calls took some
    expect(ring.cqReady).toBe(0);
    expect(ring.inFlight).toBe(0);
  } finally {
    ring.close();
  }
});

test('callbacks that prepare and submit more see them in the same or a later reap', () => {
  const ring = new Ring({ entries: 8 });
  try {
    let left = 100;
    let done = 0;
    const onCqe = (ud: number, res: number) => {
      expect(res).toBe(0);
      done++;
      if (left > 0) {
        left--;
        ring.prepNop(ud + 1000);
        ring.submit(); // may complete inline, into the CQ being reaped
      }
    };
    for (let i = 0; i < 8; i++) ring.prepNop(i);
    ring.submit(8);
    while (done < 108) {
      if (ring.reap(onCqe) === 0) ring.submit(1);
    }
    expect(done).toBe(108);
    expect(ring.inFlight).toBe(0);
  } finally {
    ring.close();
  }
});

test('a throwing callback: the others still run, the first error is rethrown', () => {
  const ring = new Ring({ entries: 8 });
  try {
    for (let i = 0; i < 8; i++) ring.prepNop(i);
    ring.submit(8);
    const seen: number[] = [];
    expect(() =>
      ring.reap((ud) => {
        seen.push(ud);
        if (ud === 2 || ud === 5) throw new Error(`boom ${ud}`);
      }),
    ).toThrow('boom 2');
    expect(seen.length).toBe(8);
    expect(ring.cqReady).toBe(0);
    expect(ring.inFlight).toBe(0);
  } finally {
    ring.close();
  }
});
