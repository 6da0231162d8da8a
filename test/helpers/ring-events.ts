// Drives a Ring from the event loop in a test: submits, and hands each CQE to `onCqe` until
// it returns true (or the timeout fails the test); the CQEs reaped with that one are handed over too.
import type { Ring } from '../../lib';

export interface Cqe {
  ud: number;
  res: number;
  flags: number;
}

export function until(ring: Ring, onCqe: (cqe: Cqe) => boolean, timeoutMs = 20000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ring.onReady(null);
      reject(new Error('timed out waiting for completions'));
    }, timeoutMs);
    let done = false;
    const reap = (): void => {
      ring.reap((ud, res, flags) => {
        if (onCqe({ ud, res, flags })) done = true;
      });
      if (done) {
        clearTimeout(timer);
        ring.onReady(null);
        resolve();
      }
    };
    ring.submit();
    ring.onReady(reap);
  });
}

/** Every CQE until one with `ud` arrives (and those reaped with it); returns them all. */
export async function next(ring: Ring, ud: number): Promise<Cqe[]> {
  const seen: Cqe[] = [];
  await until(ring, (c) => {
    seen.push(c);
    return c.ud === ud;
  });
  return seen;
}
