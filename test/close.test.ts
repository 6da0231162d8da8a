// close() cancels in-flight work and returns promptly; a closed ring refuses work with an
// error, never a crash.
import { fifoPrelude, runChild } from './helpers/child';
import { Ring } from '../lib';

test('close() with reads pending on a FIFO cancels them, delivers their CQEs and returns', () => {
  const r = runChild(`${fifoPrelude('uring-close-')}const ring = new uring.Ring({ entries: 8 });
for (let i = 0; i < 4; i++) ring.prepRead(rfd, Buffer.alloc(64), -1, i);
ring.submit();
ring.prepRead(rfd, Buffer.alloc(64), -1, 99); // never submitted
const got = [];
ring.onReady(() => {});
ring.close((ud, res) => got.push([ud, res]));
console.log(JSON.stringify({ got: got.sort((a, b) => a[0] - b[0]), closed: ring.closed, fd: ring.fd }));
`);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim());
  expect(out.got).toEqual([[0, -125], [1, -125], [2, -125], [3, -125], [99, -125]]);
  expect(out.closed).toBe(true);
  expect(out.fd).toBe(-1);
});

test('a closed ring throws ERR_URING_CLOSED from every operation and close() is idempotent', () => {
  const ring = new Ring({ entries: 4 });
  ring.close();
  ring.close();
  const calls: Array<() => unknown> = [
    () => ring.prepNop(1),
    () => ring.prepRead(0, Buffer.alloc(1), 0, 1),
    () => ring.submit(),
    () => ring.reap(() => {}),
    () => ring.onReady(() => {}),
    () => ring.sqSpace,
    () => ring.registerBuffers([Buffer.alloc(4096)]),
    () => ring.supports(0),
  ];
  for (const call of calls) {
    expect(call).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
  }
  expect(ring.fd).toBe(-1);
});

test('close() from inside a reap callback stops delivery without crashing', () => {
  const ring = new Ring({ entries: 8 });
  for (let i = 0; i < 4; i++) ring.prepNop(i);
  ring.submit(4);
  let calls = 0;
  ring.reap(() => {
    calls++;
    ring.close();
  });
  expect(calls).toBe(1);
  expect(ring.closed).toBe(true);
});

test('work prepared from a close() callback is refused (ERR_URING_CLOSED) instead of hanging close()', () => {
  // Before: the NOP counted as in flight, never reached the kernel, and close() waited for its CQE forever.
  const r = runChild(`${fifoPrelude('uring-close-')}const ring = new uring.Ring({ entries: 8 });
ring.prepRead(rfd, Buffer.alloc(8), -1, 1);
ring.submit();
ring.prepRead(rfd, Buffer.alloc(8), -1, 2); // never submitted: cancelled without the kernel
const got = [];
const out = {};
try {
  ring.close((ud, res) => { got.push([ud, res]); ring.prepNop(100 + ud); });
} catch (e) { out.code = e.code; }
Object.assign(out, { got: got.sort((a, b) => a[0] - b[0]), closed: ring.closed, inFlight: ring.inFlight });
console.log(JSON.stringify(out));
`, [], 10000);
  expect(r.signal).toBeNull();
  expect(JSON.parse(r.stdout.trim())).toEqual({ code: 'ERR_URING_CLOSED', got: [[1, -125], [2, -125]], closed: true, inFlight: 0 });
});

test('close() called again from a close() callback is a no-op: the first close() still delivers every CQE', () => {
  const r = runChild(`${fifoPrelude('uring-close-')}const ring = new uring.Ring({ entries: 8 });
for (let i = 1; i <= 3; i++) ring.prepRead(rfd, Buffer.alloc(8), -1, i);
ring.submit();
const got = [];
const out = {};
try { ring.close((ud, res) => { got.push([ud, res]); ring.close(); }); } catch (e) { out.code = e.code; }
Object.assign(out, { got: got.sort((a, b) => a[0] - b[0]), closed: ring.closed });
console.log(JSON.stringify(out));
`, [], 10000);
  expect(r.signal).toBeNull();
  expect(JSON.parse(r.stdout.trim())).toEqual({ got: [[1, -125], [2, -125], [3, -125]], closed: true });
});
