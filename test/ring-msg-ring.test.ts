// MSG_RING: a message posted into another ring reaches that ring's reap() callback with the
// sender's userData (all 53 bits) and res, and the sender gets its own CQE; across threads too.
import { Worker } from 'node:worker_threads';
import { constants as osConstants } from 'node:os';
import { openSync, closeSync } from 'node:fs';
import { Ring } from '../lib';
import { next } from './helpers/ring-events';
import { packageRoot, runChild } from './helpers/child';

test('a message to another ring of this thread reaches its reap callback; the sender gets a CQE', async () => {
  const a = new Ring({ entries: 4 });
  const b = new Ring({ entries: 4 });
  try {
    const big = Number.MAX_SAFE_INTEGER - 5;
    a.prepMsgRing(b.fd, -7, big);
    a.prepMsgRing(b.fd, 2 ** 31 - 1, 3);
    const sent = [...(await next(a, 3)), ...(a.inFlight > 0 ? await next(a, big) : [])];
    expect(sent.map((c) => [c.ud, c.res]).sort()).toEqual([[3, 0], [big, 0]].sort());
    const got: number[][] = [];
    b.reap((ud, res, flags) => got.push([ud, res, flags]));
    expect(got).toEqual([[big, -7, 0], [3, 2 ** 31 - 1, 0]]);
    expect(b.inFlight).toBe(0);
  } finally {
    a.close();
    b.close();
  }
});

test('a message to a ring of its own and to a non-ring fd', async () => {
  const a = new Ring({ entries: 4 });
  const fd = openSync('/dev/null', 'r');
  try {
    a.prepMsgRing(a.fd, 42, 9);
    const seen = await next(a, 9);
    // Two CQEs with userData 9: the message and the sender's own; both reach the callback.
    const all = seen.filter((c) => c.ud === 9).length === 2 ? seen : [...seen, ...(await next(a, 9))];
    expect(all.map((c) => c.res).sort()).toEqual([0, 42]);
    a.prepMsgRing(fd, 1, 10);
    expect((await next(a, 10))[0].res).toBe(-77); // -EBADFD: not an io_uring fd
  } finally {
    closeSync(fd);
    a.close();
  }
});

test('a message wakes a ring on a worker thread, which answers back', async () => {
  const main = new Ring({ entries: 4 });
  const worker = new Worker(`
const { parentPort } = require('worker_threads');
const uring = require(${JSON.stringify(packageRoot)});
const ring = new uring.Ring({ entries: 4 });
const keepAlive = setInterval(() => {}, 1000);
parentPort.once('message', (mainFd) => {
  ring.onReady(() => ring.reap((ud, res) => {
    if (ud !== 77) return; // the reply's own CQE
    ring.prepMsgRing(mainFd, res * 2, 78);
    ring.submit();
    clearInterval(keepAlive);
  }));
  parentPort.postMessage(ring.fd);
});
`, { eval: true });
  try {
    worker.postMessage(main.fd);
    const workerFd = await new Promise<number>((resolve) => worker.once('message', resolve));
    main.prepMsgRing(workerFd, 21, 77);
    const seen = await next(main, 78);
    expect(seen.find((c) => c.ud === 78)).toEqual({ ud: 78, res: 42, flags: 0 });
  } finally {
    await worker.terminate();
    main.close();
  }
});

test('argument errors', () => {
  const a = new Ring({ entries: 2 });
  try {
    expect(() => a.prepMsgRing(-1, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => a.prepMsgRing(3, 2 ** 31, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => a.prepMsgRing(3, 0.5, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => a.prepMsgRing(3, '1' as never, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => a.prepMsgRing(3, 0, -1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => a.prepMsgRing(3, 0, 1, 1 << 6)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(a.inFlight).toBe(0);
  } finally {
    a.close();
  }
});

test('a ring that received messages closes at once and frees itself (the native drain counts them)', () => {
  const r = runChild(`
const a = new uring.Ring({ entries: 4 }), b = new uring.Ring({ entries: 4 });
a.prepMsgRing(b.fd, 1, 5); a.prepMsgRing(b.fd, 2, 6);
a.submit(2); a.reap(() => {});
b.submit(0); b.reap(() => {});
b.prepNop(7); b.submit(1); b.reap(() => {});
b.close(); a.close();
`);
  expect(r.status).toBe(0);
  expect(r.stderr).not.toContain('leaked');
});
