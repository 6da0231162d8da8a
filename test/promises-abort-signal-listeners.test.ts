// Calls sharing one AbortSignal do not pile listeners on it: node:fs/promises only reads
// `signal.aborted` between steps, and uring/promises adds at most one listener per signal (to
// cancel an operation blocked in the kernel), removed when its last call settles.
import { getEventListeners } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

const CALLS = 25; // over EventTarget's warning threshold of 10

test(`${CALLS} concurrent calls sharing a signal: no MaxListenersExceededWarning, no listener left`, async () => {
  const file = path.join(dirs.b, 'f');
  fs.writeFileSync(file, 'data');
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const { signal } = new AbortController();
    const h = await fsp.open(path.join(dirs.b, 'h'), 'w+');
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < CALLS; i++) {
      calls.push(fsp.readFile(file, { signal }));
      calls.push(fsp.writeFile(path.join(dirs.b, `w${i}`), 'x', { signal }));
      calls.push(h.writeFile('y', { signal }));
    }
    const during = getEventListeners(signal, 'abort').length;
    const results = await Promise.allSettled(calls);
    await h.close();
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(during).toBeLessThanOrEqual(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  } finally {
    process.off('warning', onWarning);
  }
  expect(warnings).toEqual([]);
});
