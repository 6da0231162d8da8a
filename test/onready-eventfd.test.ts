// The ring only asks the kernel for eventfd signals while an onReady callback listens; a
// callback set after completions were posted unheard is still called for them.
import { Ring } from '../lib';

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('onReady and the eventfd', () => {
  let ring: Ring;
  beforeEach(() => {
    ring = new Ring({ entries: 16 });
  });
  afterEach(() => ring.close());

  test('a callback set after the CQE was posted is called for it', async () => {
    ring.prepNop(7);
    ring.submit(1); // completed while nobody listened
    expect(ring.cqReady).toBe(1);
    const got: number[] = [];
    await new Promise<void>((resolve) => {
      ring.onReady(() => {
        ring.reap((ud) => got.push(ud));
        resolve();
      });
    });
    expect(got).toEqual([7]);
  });

  test('a listening callback is woken for each later batch', async () => {
    const got: number[] = [];
    let wakes = 0;
    let notify: () => void = () => {};
    ring.onReady(() => {
      wakes++;
      ring.reap((ud) => got.push(ud));
      notify();
    });
    for (let round = 0; round < 3; round++) {
      const woken = new Promise<void>((resolve) => {
        notify = resolve;
      });
      ring.prepNop(round);
      ring.submit(); // no waiting: only the eventfd tells us
      await woken;
    }
    expect(got).toEqual([0, 1, 2]);
    expect(wakes).toBeGreaterThanOrEqual(3);
  });

  test('after onReady(null) nothing is called, and completions stay reapable', async () => {
    let calls = 0;
    ring.onReady(() => {
      calls++;
    });
    ring.onReady(null);
    ring.prepNop(1);
    ring.submit(1);
    await tick();
    await tick();
    expect(calls).toBe(0);
    const got: number[] = [];
    ring.reap((ud) => got.push(ud));
    expect(got).toEqual([1]);
  });
});
