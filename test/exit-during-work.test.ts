// Exiting with work in flight (in the style of classic-level's segfault and env-cleanup-hook
// tests): each scenario runs in a child, which must end with its own exit code, never a signal.
import { lastJson, runScript } from './helpers/child';

// A ring with FIFO reads that never complete, file reads and NOPs, all submitted.
const SETUP = `
const { Ring } = require(ROOT);
const fs = require('node:fs'), os = require('node:os'), path = require('node:path');
const { execFileSync } = require('node:child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-exit-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const fifo = path.join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const pipeFd = fs.openSync(fifo, 'r+');
fs.writeFileSync(path.join(dir, 'file'), Buffer.alloc(1 << 20, 1));
const fileFd = fs.openSync(path.join(dir, 'file'), 'r');
function busyRing(entries = 64) {
  const ring = new Ring({ entries });
  for (let i = 0; i < 4; i++) ring.prepRead(pipeFd, Buffer.alloc(4096), -1, i);
  for (let i = 0; i < 16; i++) ring.prepRead(fileFd, Buffer.alloc(65536), i * 65536, 100 + i);
  for (let i = 0; i < 8; i++) ring.prepNop(200 + i);
  ring.submit();
  return ring;
}
`;

function run(source: string, nodeFlags: string[] = []) {
  const r = runScript(SETUP + source, { nodeFlags });
  expect(r.signal).toBeNull();
  return r;
}

test('process.exit(7) from a timer with reads in flight exits with 7', () => {
  const r = run(`
const ring = busyRing();
ring.onReady(() => ring.reap(() => {})); // keeps the loop alive: the FIFO reads never finish
setTimeout(() => process.exit(7), 20);`);
  expect(r.status).toBe(7);
});

test('process.exit(3) from inside a completion callback exits with 3', () => {
  const r = run(`
const ring = busyRing();
ring.onReady(() => ring.reap((ud) => { if (ud >= 100) process.exit(3); }));`);
  expect(r.status).toBe(3);
});

test('an exception thrown by the onReady callback is uncaught (exit 1), not a crash', () => {
  const r = run(`
const ring = busyRing();
ring.onReady(() => { throw new Error('boom from onReady'); });`);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('boom from onReady');
});

test('natural exit with an un-closed ring holding FIFO reads: the env cleanup hook drains it', () => {
  const r = run(`
const rings = [busyRing(), busyRing(32), busyRing(256)];
console.log(JSON.stringify({ inFlight: rings.map((x) => x.inFlight) }));`);
  expect(r.status).toBe(0);
  expect(lastJson<{ inFlight: number[] }>(r).inFlight).toEqual([28, 28, 28]);
});

test('GC of un-closed rings: idle ones are finalized and release their fds; busy ones stay alive until their work is done', () => {
  const r = run(`
// Ring fds and eventfds only: other fds come and go with Node's own lazy setup.
const fdCount = () => fs.readdirSync('/proc/self/fd').filter((f) => {
  try { return /\[(io_uring|eventfd)\]/.test(fs.readlinkSync('/proc/self/fd/' + f)); } catch { return false; }
}).length;
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
(async () => {
  const out = {};
  const before = fdCount();
  const make = (i) => { const ring = new Ring({ entries: 8 }); ring.prepNop(i); ring.submit(1); ring.reap(() => {}); };
  for (let i = 0; i < 50; i++) make(i);
  out.opened = fdCount() - before;
  for (let i = 0; i < 20 && fdCount() !== before; i++) { gc(); await new Promise((r) => setTimeout(r, 10)); }
  out.leftIdle = fdCount() - before;
  // Busy and unreachable: the FIFO reads pin the buffers, so the rings must not be collected.
  const bufs = [];
  for (let i = 0; i < 10; i++) {
    const ring = new Ring({ entries: 8 });
    const b = Buffer.alloc(16, 0xaa); bufs.push(new WeakRef(b));
    ring.prepRead(pipeFd, b, -1, i);
    ring.submit();
  }
  for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 10)); }
  out.buffersAlive = bufs.filter((w) => w.deref() !== undefined).length;
  // Feed the reads: the kernel writes into buffers that must still exist.
  fs.writeSync(pipeFd, Buffer.alloc(10 * 16, 0x55));
  sleep(50);
  for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 10)); }
  console.log(JSON.stringify(out));
})();`, ['--expose-gc']);
  expect(r.status).toBe(0);
  const o = lastJson<{ opened: number; leftIdle: number; buffersAlive: number }>(r);
  expect(o.opened).toBe(100);
  expect(o.leftIdle).toBe(0);
  expect(o.buffersAlive).toBe(10);
});

test('exit at arbitrary points of a busy submit/reap loop, five times', () => {
  for (let delay = 1; delay <= 9; delay += 2) {
    const r = run(`
const ring = busyRing(32);
let n = 0;
const pump = () => {
  ring.reap(() => { n++; });
  try { while (ring.sqSpace > 0) ring.prepRead(fileFd, Buffer.alloc(4096), (n % 256) * 4096, n++); ring.submit(); } catch {}
};
ring.onReady(pump); pump();
setTimeout(() => process.exit(0), ${delay});`);
    expect(r.status).toBe(0);
  }
});
