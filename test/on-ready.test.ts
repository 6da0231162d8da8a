// onReady wakes the event loop when a completion arrives later (a FIFO read), and an idle
// ring never keeps the process alive.
import { fifoPrelude, runChild } from './helpers/child';

const fifo = fifoPrelude('uring-fifo-');

// 256 = COOP_TASKRUN, 768 = COOP_TASKRUN | TASKRUN_FLAG, 12288 = SINGLE_ISSUER | DEFER_TASKRUN:
// completions that run as deferred task work must still wake the loop.
test.each([0, 256, 768, 12288])('a FIFO read completes later and onReady delivers it (setup flags %i)', (flags) => {
  const r = runChild(`${fifo}
const ring = new uring.Ring({ entries: 4, flags: ${flags} });
const buf = Buffer.alloc(32);
ring.prepRead(rfd, buf, -1, 42);
ring.submit();
let woke = 0;
ring.onReady(() => {
  woke++;
  ring.reap((ud, res) => { console.log(JSON.stringify({ ud, res, text: buf.toString('utf8', 0, res), woke })); });
  if (ring.inFlight === 0) ring.close();
});
console.log(JSON.stringify({ before: ring.cqReady }));
// The writer comes later, from another process: only the ring keeps this one alive meanwhile.
cp.spawn('sh', ['-c', 'sleep 0.2; printf hello > ' + fifo], { stdio: 'ignore' }).unref();
`);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines[0]).toEqual({ before: 0 });
  expect(lines[1]).toMatchObject({ ud: 42, res: 5, text: 'hello' });
  expect(lines[1].woke).toBeGreaterThanOrEqual(1);
});

test('an idle ring, or one without onReady, does not keep the process alive', () => {
  const r = runChild(`${fifo}
const idle = new uring.Ring({ entries: 4 });
idle.onReady(() => {});
const busy = new uring.Ring({ entries: 4 });
busy.prepRead(rfd, Buffer.alloc(8), -1, 1); // never completes; nobody listens
busy.submit();
console.log('end of script');
`, [], 10000);
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('end of script');
});

test('onReady(null) stops the wakeups and releases the loop', () => {
  const r = runChild(`${fifo}
const ring = new uring.Ring({ entries: 4 });
ring.prepRead(rfd, Buffer.alloc(8), -1, 1);
ring.submit();
ring.onReady(() => console.log('should not run'));
ring.onReady(null);
setTimeout(() => console.log('timer'), 50);
`, [], 10000);
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe('timer');
});

// With SQPOLL, submit() returns before the kernel thread has taken the SQE: the loop must be
// held for it all the same, or the process exits with the read in flight.
test('SQPOLL: a read submitted while onReady listens keeps the process alive until it completes', () => {
  const r = runChild(`${fifo}
const ring = new uring.Ring({ entries: 4, flags: uring.constants.setupFlags.SQPOLL, sqThreadIdle: 10 });
const buf = Buffer.alloc(32);
ring.onReady(() => {
  ring.reap((ud, res) => { console.log(JSON.stringify({ ud, res, text: buf.toString('utf8', 0, res) })); });
  if (ring.inFlight === 0) ring.close();
});
ring.prepRead(rfd, buf, -1, 7);
ring.submit();
cp.spawn('sh', ['-c', 'sleep 0.2; printf hello > ' + fifo], { stdio: 'ignore' }).unref();
`);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout.trim())).toEqual({ ud: 7, res: 5, text: 'hello' });
});
