// Locked memory: without CAP_IPC_LOCK and with RLIMIT_MEMLOCK leaving 64 KiB, registration that
// does not fit throws a MemlockError (from the pre-check and from the kernel itself), the
// ring keeps working, and thousands of register/unregister cycles at the exact limit do not
// drift.
import path from 'node:path';
import type { DoctorReport } from '../lib/doctor';
import { lastJson, packageRoot, runNode, runScript } from './helpers/child';
import { asFreshUser, canLimitMemlock, libuvRingBytes, memlockLimit } from './helpers/memlock-limit';

// 64 KiB of room for this test's rings and buffers (beside libuv's own rings on Node 22+).
const LIMIT = memlockLimit(65536);
const LIMIT_PAGES = LIMIT / 4096;

const WITH_IPC_LOCK = ['prlimit', `--memlock=${LIMIT}:${LIMIT}`];


// Shared by the child programs: error fields, a NOP plus a file read to show the ring works,
// page-aligned views (WebAssembly memory) and how many pages still fit. The rings themselves
// are charged to the same limit on recent kernels, so capacity is measured, not assumed.
const PRELUDE = `
const { Ring, MemlockError, UringError } = require(ROOT);
const fs = require('node:fs');
const out = {};
const fields = (e) => ({ name: e.name, isMemlock: e instanceof MemlockError, isUring: e instanceof UringError,
  code: e.code, errno: e.errno, syscall: e.syscall, limitBytes: e.limitBytes, requestedBytes: e.requestedBytes, message: e.message });
function works(ring) {
  const fd = fs.openSync('/proc/self/stat', 'r');
  const buf = Buffer.alloc(64);
  ring.prepNop(1); ring.prepRead(fd, buf, 0, 2); ring.submit(2);
  const got = {}; ring.reap((ud, res) => { got[ud] = res; });
  fs.closeSync(fd);
  return got[1] === 0 && got[2] > 0;
}
const aligned = new WebAssembly.Memory({ initial: ${Math.ceil(LIMIT_PAGES / 16) + 1} }).buffer; // page-aligned, more than the limit
const pages = (n) => new Uint8Array(aligned, 0, n * 4096);
function fits(ring, n) {
  try { ring.registerBuffers([pages(n)]); ring.unregisterBuffers(); return true; }
  catch (e) { if (e instanceof MemlockError) return false; throw e; }
}
function capacity(ring) { let n = 16; while (n > 0 && !fits(ring, n)) n--; return n; }
// The kernel uncharges a closed ring's pages from a workqueue, a little after close() or
// exit (the charge is per user, so an earlier child's rings count for a moment).
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// A MemlockError may only mean that an earlier process's rings are not uncharged yet.
function retry(fn) {
  for (let i = 0; ; i++) {
    try { return fn(); } catch (e) { if (!(e instanceof MemlockError) || i === 50) throw e; sleep(100); }
  }
}
function newRing() {
  for (let i = 0; ; i++) {
    try { return new Ring({ entries: 8 }); } catch (e) { if (!(e instanceof MemlockError) || i === 50) throw e; sleep(100); }
  }
}
function settledCapacity(ring) {
  let c = capacity(ring);
  for (let i = 0, same = 0; i < 50 && same < 3; i++) { sleep(150); const d = capacity(ring); same = d === c ? same + 1 : 0; c = d; }
  return c;
}`;

const describeIf = canLimitMemlock() ? describe : describe.skip;

describeIf('RLIMIT_MEMLOCK 64 KiB without CAP_IPC_LOCK', () => {
  test('the pre-check refuses twice the limit with a MemlockError that says how to raise the limit; the ring still works', () => {
    const r = runScript(`${PRELUDE}
const ring = newRing();
try { ring.registerBuffers([Buffer.alloc(${2 * LIMIT})]); out.registered = true; } catch (e) { out.err = fields(e); }
out.works = works(ring);
out.smallOk = retry(() => { ring.registerBuffers([Buffer.alloc(4096)]); ring.unregisterBuffers(); return true; });
ring.close();
console.log(JSON.stringify(out));`, { prefix: asFreshUser(LIMIT) });
    expect(r.signal).toBeNull();
    const o = lastJson<{ registered?: boolean; err: Record<string, unknown>; works: boolean; smallOk: boolean }>(r);
    expect(o.registered).toBeUndefined();
    expect(o.err).toMatchObject({
      name: 'MemlockError', isMemlock: true, isUring: true, code: 'ENOMEM', errno: -12,
      syscall: 'io_uring_register', limitBytes: LIMIT,
    });
    expect(o.err.requestedBytes).toBeGreaterThanOrEqual(2 * LIMIT);
    const message = o.err.message as string;
    for (const hint of ['RLIMIT_MEMLOCK', 'ulimit -l', 'LimitMEMLOCK=', 'docker run --ulimit memlock=']) {
      expect(message).toContain(hint);
    }
    expect(o.works).toBe(true);
    expect(o.smallOk).toBe(true);
  });

  test('the kernel\'s own refusal (memory already locked by another ring) is a MemlockError too', () => {
    const r = runScript(`${PRELUDE}
const a = newRing();
const b = newRing();
const cap = settledCapacity(b);                   // what fits beside the two rings' own pages
a.registerBuffers([pages(2)]);
try { b.registerBuffers([pages(cap)]); out.registered = true; } catch (e) { out.err = fields(e); }
out.works = works(b);
a.unregisterBuffers();
b.registerBuffers([pages(cap)]); out.afterRelease = true; b.unregisterBuffers();
out.cap = cap;
a.close(); b.close();
console.log(JSON.stringify(out));`, { prefix: asFreshUser(LIMIT) });
    expect(r.signal).toBeNull();
    const o = lastJson<{ registered?: boolean; err: Record<string, unknown>; works: boolean; afterRelease: boolean; cap: number }>(r);
    expect(o.cap).toBeGreaterThanOrEqual(4);
    expect(o.registered).toBeUndefined();
    // The pre-check passed (cap pages are below the limit): this error came from the kernel.
    expect(o.err).toMatchObject({ name: 'MemlockError', code: 'ENOMEM', syscall: 'io_uring_register', limitBytes: LIMIT, requestedBytes: o.cap * 4096 });
    expect(o.works).toBe(true);
    expect(o.afterRelease).toBe(true);
  });

  test('rings themselves count against the limit: setup fails with a MemlockError and recovers after a close', () => {
    const r = runScript(`${PRELUDE}
const rings = [];
rings.push(newRing());
try { for (let i = 0; i < 64; i++) rings.push(new Ring({ entries: 8 })); out.neverFailed = true; } catch (e) { out.err = fields(e); }
out.made = rings.length;
rings.pop().close();
const again = newRing(); out.works = works(again); again.close();
for (const ring of rings) ring.close();
console.log(JSON.stringify(out));`, { prefix: asFreshUser(LIMIT) });
    expect(r.signal).toBeNull();
    const o = lastJson<{ neverFailed?: boolean; err: Record<string, unknown>; made: number; works: boolean }>(r);
    if (o.neverFailed) return; // a kernel that does not charge ring memory (5.12 to 6.12)
    expect(o.err).toMatchObject({ name: 'MemlockError', code: 'ENOMEM', syscall: 'io_uring_setup', limitBytes: LIMIT });
    expect(o.err.message).toContain('RLIMIT_MEMLOCK');
    expect(o.made).toBeGreaterThan(0);
    expect(o.works).toBe(true);
  });

  test('buffers sharing one page are charged a page each, as the kernel charges them: the pre-check refuses one more than the limit', () => {
    const r = runScript(`${PRELUDE}
const ring = newRing();
const views = [];
for (let i = 0; i < ${LIMIT_PAGES + 1}; i++) views.push(new Uint8Array(aligned, i * 64, 64)); // all in the first page
try { ring.registerBuffers(views); out.registered = true; } catch (e) { out.err = fields(e); }
out.works = works(ring);
ring.close();
console.log(JSON.stringify(out));`, { prefix: asFreshUser(LIMIT) });
    expect(r.signal).toBeNull();
    const o = lastJson<{ registered?: boolean; err: Record<string, unknown>; works: boolean }>(r);
    expect(o.registered).toBeUndefined();
    // One page more than the limit: refused before the kernel is asked, with what the kernel would charge.
    expect(o.err).toMatchObject({ name: 'MemlockError', code: 'ENOMEM', limitBytes: LIMIT, requestedBytes: (LIMIT_PAGES + 1) * 4096 });
    expect(o.works).toBe(true);
  });

  test('5,000 register/unregister cycles at exactly the capacity do not drift', () => {
    const r = runScript(`${PRELUDE}
const ring = newRing();
const cap = settledCapacity(ring);
let cycles = 0;
for (; cycles < 5000; cycles++) { ring.registerBuffers([pages(cap)]); ring.unregisterBuffers(); }
// Refusals in between must not leak accounting either.
let refused = 0;
for (let i = 0; i < 200; i++) { try { ring.registerBuffers([pages(cap + 1)]); } catch (e) { if (e instanceof MemlockError) refused++; } }
out.capAfter = capacity(ring);
out.cap = cap; out.cycles = cycles; out.refused = refused; out.works = works(ring);
ring.close();
console.log(JSON.stringify(out));`, { prefix: asFreshUser(LIMIT) });
    expect(r.signal).toBeNull();
    const o = lastJson<Record<string, number | boolean>>(r);
    expect(o.cap).toBeGreaterThanOrEqual(4);
    expect(o).toEqual({ cap: o.cap, capAfter: o.cap, cycles: 5000, refused: 200, works: true });
  });
});

describeIf('no ring before the first call of uring/promises, under a low limit', () => {
  test('with 64 KiB of room, a program that imported uring/promises registers a 32 KiB buffer on its own Ring', () => {
    const r = runScript(`${PRELUDE}
require(ROOT + '/dist/promises');
const ring = newRing();
out.registered = retry(() => { ring.registerBuffers([pages(8)]); ring.unregisterBuffers(); return true; });
ring.close();
console.log(JSON.stringify(out));`, { prefix: asFreshUser(LIMIT) });
    expect(lastJson(r)).toEqual({ registered: true });
  });

  test('with 16 KiB of room, backend says fs (no room for the shared ring) before any call', () => {
    const limit = memlockLimit(16384);
    // libuv's own rings (Node 22+) fail to be created while an earlier child's are still being
    // uncharged, and then leave more room than the test means: run again until they all exist.
    let o: { backend: string; reason: string; mapped: number } | undefined;
    for (let i = 0; i < 20 && (o === undefined || o.mapped < libuvRingBytes()); i++) {
      if (i > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      const r = runScript(`
const mapped = require(ROOT + '/dist/memlock').ringMappedBytes();
const fsp = require(ROOT + '/dist/promises');
console.log(JSON.stringify({ backend: fsp.backend, reason: fsp.backendReason, mapped }));`, {
        prefix: asFreshUser(limit),
      });
      o = lastJson(r);
    }
    expect(o!.backend).toBe('fs');
    expect(o!.reason).toContain(`RLIMIT_MEMLOCK is ${limit} bytes`);
  });
});

// The doctor's low-limit cases live here, serial with the children above: the kernel counts
// locked memory per user, so a ring of an earlier child may still be charged for a moment.
describeIf('uring doctor under a low limit, without CAP_IPC_LOCK', () => {
  const doctorUnder = (room: number, args: string[] = []) => {
    const limit = memlockLimit(room);
    const prefix = asFreshUser(limit);
    return { limit, r: runNode([path.join(packageRoot, 'bin', 'uring.js'), 'doctor', ...args], { prefix }) };
  };

  test('with 16 KiB of room (a 1-entry ring fits, the 256-entry ring does not): exit 1, node:fs and why', () => {
    const { limit, r } = doctorUnder(16384);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/io_uring_setup:\s+FAILED \(ENOMEM\) \(a ring of 256 entries/);
    expect(r.stdout).toMatch(/^UNUSABLE \(memlock\): uring\/promises will use node:fs because ENOMEM: .*28672 bytes/m);
    expect(r.stdout).toContain(`RLIMIT_MEMLOCK is ${limit} bytes (the kernel counts locked memory per user, across all their processes`);
    expect(r.stdout).not.toMatch(/^OK/m);
    const json = JSON.parse(doctorUnder(16384, ['--json']).r.stdout) as DoctorReport;
    expect(json).toMatchObject({ usable: false, reason: 'memlock', setup: { ok: false, code: 'ENOMEM' }, backend: { name: 'fs' } });
    expect(json.memlock).toMatchObject({ capIpcLock: false, limitBytes: limit, ringBytes: 28672 });
    // libuv's own rings (Node 22+) vary a little from process to process.
    expect(json.memlock.ringsThatFit).toBeLessThanOrEqual(1);
  });

  test('with 64 KiB of room: exit 0, with a warning that only a few rings fit and the count is per user', () => {
    // Retried while an earlier child's rings are not uncharged yet (the probe then meets ENOMEM).
    let r = doctorUnder(65536).r;
    for (let i = 0; i < 20 && r.status === 1 && r.stdout.includes('(memlock)'); i++) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      r = doctorUnder(65536).r;
    }
    expect(r.status).toBe(0);
    // 2 rings of 28 KiB; 3 when this Node's libuv maps less than at a bare start (Node 22+).
    const n = Number(/room for (\d+) such ring\(s\)/.exec(r.stdout)?.[1]);
    expect([2, 3]).toContain(n);
    expect(r.stdout).toMatch(new RegExp(`^WARNING: RLIMIT_MEMLOCK \\(\\d+ bytes\\) leaves room for only ${n} ring\\(s\\) of 256 entries`, 'm'));
    expect(r.stdout).toContain('per user, across all their processes');
  });
});

describeIf('RLIMIT_MEMLOCK 64 KiB with CAP_IPC_LOCK', () => {
  test('the limit does not apply: twice the limit registers', () => {
    const r = runScript(`${PRELUDE}
const ring = newRing();
ring.registerBuffers([Buffer.alloc(${2 * LIMIT})]); out.registered = true;
out.works = works(ring);
ring.close();
console.log(JSON.stringify(out));`, { prefix: WITH_IPC_LOCK });
    expect(r.signal).toBeNull();
    expect(lastJson(r)).toEqual({ registered: true, works: true });
  });
});
