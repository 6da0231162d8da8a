'use strict';
// Hostile-input fuzzer for the Ring: seeded random calls of every public method and builder
// with wrong types, NaN, ±Infinity, -0, huge numbers and bigints, detached, shared, resizable
// and shadowed buffers, oversized and sparse iovec arrays, proxies, throwing getters and
// closed rings. Exits 0 only if every throw was an Error (argument errors: TypeError or
// RangeError with an ERR_* code) and the fuzzed ring still reads a file correctly.
//   node --expose-gc scripts/fuzz.js [--calls 20000] [--seed 1]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Ring, constants, socketAddress } = require('..');

const { arg } = require('./args');
const CALLS = arg('calls', 20000);
const SEED = arg('seed', 1);

// mulberry32: small, seedable, good enough to pick cases.
let state = SEED >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => rand() < p;

/** Thrown by the fuzzer's own getters and traps: the only non-library errors allowed. */
class FuzzError extends Error {}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-fuzz-'));
process.chdir(dir); // AT_FDCWD paths land in the scratch directory
fs.mkdirSync(path.join(dir, 'sub'));
const dataPath = path.join(dir, 'data');
fs.writeFileSync(dataPath, Buffer.alloc(65536, 7));
const fileFd = fs.openSync(dataPath, 'r+');
const dirFd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
const DEAD_FD = 1 << 20; // above any fd this process has: EBADF from the kernel
const opened = new Set(); // fds that fuzzed OPENATs returned, closed as they come back

// ---- hostile values ----
function throwingGetter(name) {
  return Object.defineProperty({}, name, { get() { throw new FuzzError(`getter ${name}`); } });
}
const throwingProxy = () => new Proxy({}, {
  get() { throw new FuzzError('proxy get'); },
  has() { throw new FuzzError('proxy has'); },
  getPrototypeOf() { throw new FuzzError('proxy getPrototypeOf'); },
});
const scalars = () => [
  undefined, null, true, false, '', '1', 'abc', Symbol('s'), NaN, Infinity, -Infinity, -0, 0.5, -1, -2, -100,
  2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, Number.MAX_VALUE, Number.MIN_VALUE,
  0n, 1n, -1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n, -(2n ** 63n), 2n ** 200n,
  {}, [], [1], () => 1, new Date(0), { valueOf() { return 1; } }, { valueOf() { throw new FuzzError('valueOf'); } },
  Object.create(null), throwingGetter('length'), throwingProxy(), new Proxy([], {}),
];

function detachedBuffer() {
  const b = Buffer.alloc(64);
  structuredClone(b.buffer, { transfer: [b.buffer] });
  return b;
}
function detachedDataView() {
  const ab = new ArrayBuffer(64);
  const v = new DataView(ab, 8, 8);
  structuredClone(ab, { transfer: [ab] });
  return v;
}
function shadowed() {
  const parent = new Uint8Array(8192);
  const v = parent.subarray(64, 80);
  const which = int(3);
  if (which === 0) Object.defineProperty(v, 'byteLength', { value: 1 << 30 });
  if (which === 1) Object.defineProperty(v, 'byteOffset', { get: () => int(1 << 20) });
  if (which === 2) Object.defineProperty(v, 'buffer', { value: new ArrayBuffer(4) });
  return v;
}
function resizable() {
  const ab = new ArrayBuffer(256, { maxByteLength: 4096 });
  const v = new Uint8Array(ab);
  if (chance(0.5)) ab.resize(int(4096));
  return v;
}
function goodBuffer() {
  return Buffer.alloc(pick([1, 7, 16, 512, 4096, 8192]));
}
function hostileBuffer() {
  switch (int(14)) {
    case 0: return Buffer.alloc(0);
    case 1: return detachedBuffer();
    case 2: return shadowed();
    case 3: return resizable();
    case 4: return new Uint8Array(new SharedArrayBuffer(128));
    case 5: return new Float64Array(3);
    case 6: return new BigInt64Array(2);
    case 7: return new DataView(new ArrayBuffer(32), 8, 8);
    case 8: return Buffer.allocUnsafe(17).subarray(3, 9); // pooled: shares a slab
    case 9: return Object.create(Uint8Array.prototype);
    case 10: return chance(0.5) ? new Uint8Array(new ArrayBuffer(64), 64, 0) : detachedDataView();
    case 11: return new Uint8Array(16); // on-heap until its buffer is read
    case 12: return Buffer.alloc(65536);
    default: return pick(scalars());
  }
}
const buffer = () => (chance(0.6) ? goodBuffer() : hostileBuffer());

function bufferArray() {
  switch (int(10)) {
    case 0: return [];
    case 1: return new Array(constants.IOV_MAX + 1).fill(Buffer.alloc(1));
    case 2: return new Array(constants.IOV_MAX).fill(Buffer.alloc(8));
    case 3: return [, Buffer.alloc(8)]; // eslint-disable-line no-sparse-arrays
    case 4: {
      // Answers differently on every read: the checked views must be the ones used.
      let n = 0;
      return new Proxy([Buffer.alloc(8)], {
        get(t, k) {
          n++;
          if (k === 'length') return n < 3 ? 1 : 5000;
          if (k === '0') return n < 4 ? t[0] : 'swapped';
          return Reflect.get(t, k);
        },
      });
    }
    case 5: return new Proxy([Buffer.alloc(8)], { get() { throw new FuzzError('array proxy'); } });
    case 6: return [hostileBuffer(), hostileBuffer()];
    case 7: return Object.assign([Buffer.alloc(4)], { length: 2 ** 32 - 1 }).slice(0, 1);
    case 8: return pick(scalars());
    default: return Array.from({ length: 1 + int(8) }, goodBuffer);
  }
}

const NAMES = ['a', 'b', 'sub/c', 'sub/d', 'e'];
function pathBuf() {
  if (chance(0.7)) return Buffer.from(`${pick(NAMES)}\0`);
  switch (int(7)) {
    case 0: return Buffer.from(pick(NAMES)); // not NUL-terminated
    case 1: return Buffer.alloc(0);
    case 2: return `${pick(NAMES)}\0`;
    case 3: return new Uint16Array([0x61, 0]);
    case 4: { const b = Buffer.alloc(2, 'a\0'); structuredClone(b.buffer, { transfer: [b.buffer] }); return b; } // not pooled: Node 22+ refuses to transfer the pool
    case 5: { const b = Buffer.from('abcdef\0'); Object.defineProperty(b, 'byteLength', { value: 2 }); return b.subarray(0, 3); }
    default: return pick(scalars());
  }
}

const hostile = (good) => (chance(0.75) ? good() : pick(scalars()));
const fd = () => hostile(() => (chance(0.85) ? fileFd : DEAD_FD));
// Each fd the fuzzer opened is closed at most once, so a number is never closed after reuse;
// -0 would close fd 0, whose number a later eventfd can take: closing fds the process
// relies on is out of scope (fs.closeSync would break libuv just the same).
const closeFd = () => nonZero(hostile(() => {
  const open = [...opened];
  if (open.length === 0 || chance(0.3)) return DEAD_FD;
  const f = open[int(open.length)];
  opened.delete(f);
  return f;
}));
const nonZero = (v) => (v === 0 ? DEAD_FD : v);
const dirfd = () => hostile(() => (chance(0.5) ? dirFd : -100));
const position = () => hostile(() => (chance(0.2) ? -1 : chance(0.2) ? BigInt(int(1 << 20)) : int(1 << 20)));
// Counted userData starts above every hostile number, so a completion is never mistaken for
// another operation's (a READ's byte count taken for an OPENAT's fd would close a stranger).
let nextUd = 2 ** 40;
let lastUd;
const userData = () => (lastUd = hostile(() => nextUd++));
const SQE_BITS = [0, constants.sqeFlags.IO_LINK, constants.sqeFlags.ASYNC, constants.sqeFlags.IO_DRAIN,
  constants.sqeFlags.IO_HARDLINK, constants.sqeFlags.FIXED_FILE, constants.sqeFlags.BUFFER_SELECT,
  constants.sqeFlags.CQE_SKIP_SUCCESS, 0x80, 0x100];
const sqeFlags = () => (chance(0.5) ? undefined : hostile(() => pick(SQE_BITS)));
const u32 = () => hostile(() => int(2 ** 32));
const small = (n) => () => hostile(() => int(n));
const openFlags = () => hostile(() => pick([0, 2, 0o100 | 2, 0o100 | 0o1000 | 1, 0o200000, 0o100 | 0o200 | 2]));
let lastOpId = 0;
const { timeoutFlags: TF, pollEvents: PE } = constants;
// Nanoseconds: at most 1 ms once valid. A timeout that never ends would hang close(): an IO_DRAIN
// SQE behind it defers every later SQE until it ends, close()'s cancel included (the kernel's rule;
// a FIFO read does the same), so valid values are brought under 1 ms and multishots get a count.
const finite = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 1e6 ? int(1e6)
  : typeof v === 'bigint' && v > 1000000n && v < 2n ** 63n ? BigInt(int(1e6)) : v);
const ns = () => finite(hostile(() => (chance(0.5) ? int(1e6) : BigInt(int(1e6)))));
function timeoutArgs() {
  const flags = timeoutFlagBits();
  const multi = typeof flags === 'number' && (flags & TF.MULTISHOT) !== 0;
  return [ns(), multi ? 1 + int(3) : small(4)(), userData(), flags, sqeFlags()];
}
const timeoutFlagBits = () => (chance(0.4) ? undefined : hostile(() => pick([0, TF.ABS, TF.BOOTTIME, TF.REALTIME, TF.ETIME_SUCCESS, TF.MULTISHOT, TF.UPDATE, TF.ABS | TF.MULTISHOT])));
const multishot = () => (chance(0.4) ? undefined : hostile(() => pick([{}, { multishot: true }, { multishot: false }, { multishot: 1 }, { multi: true }])));
const offset = () => hostile(() => (chance(0.5) ? int(1 << 20) : BigInt(int(1 << 20))));
const spliceOffset = () => hostile(() => (chance(0.5) ? -1 : int(1 << 16)));
const how = () => hostile(() => (chance(0.3) ? {} : { flags: openFlags(), mode: small(0o10000)(), resolve: small(0x40)() }));
// Registered buffers of the current ring (a fixed read or write must lie inside one of them).
let registered = [];
function fixedBuffer() {
  if (registered.length === 0 || chance(0.3)) return buffer();
  const r = pick(registered);
  const start = int(r.length);
  return r.subarray(start, start + int(r.length - start + 2)); // sometimes past the end: refused
}
// Ops that may never complete by themselves (timeouts, polls, multishots): settle cancels them.
const longLived = [];
/** A struct sockaddr: 127.0.0.1 or ::1 (a refused connection at worst), a unix path, or hostile bytes. */
const sockaddr = () => (chance(0.6)
  ? pick([
    () => socketAddress({ address: '127.0.0.1', port: 1 + int(65535) }),
    () => socketAddress({ address: '::1', port: 1 + int(65535) }),
    () => socketAddress({ path: path.join(dir, pick(NAMES)) }),
  ])()
  : buffer());
/** An options object with some of `fields` (each a value maker), or something hostile. */
function options(fields) {
  if (chance(0.2)) return pick([...scalars(), { unknown: 1 }]);
  const o = {};
  for (const [k, make] of Object.entries(fields)) if (chance(0.5)) o[k] = hostile(make);
  return chance(0.3) ? undefined : o;
}
let lastBufferRing = null;

// ---- the calls ----
const builders = {
  prepNop: () => [userData(), sqeFlags()],
  prepRead: () => [fd(), buffer(), position(), userData(), sqeFlags()],
  prepWrite: () => [fd(), buffer(), position(), userData(), sqeFlags()],
  prepReadv: () => [fd(), bufferArray(), position(), userData(), sqeFlags()],
  prepWritev: () => [fd(), bufferArray(), position(), userData(), sqeFlags()],
  prepFsync: () => [fd(), userData(), chance(0.5) ? undefined : hostile(() => int(2)), sqeFlags()],
  prepOpenat: () => [dirfd(), pathBuf(), openFlags(), small(0o10000)(), userData(), sqeFlags()],
  prepClose: () => [closeFd(), userData(), sqeFlags()],
  prepStatx: () => [dirfd(), pathBuf(), small(0x2000)(), u32(), hostile(() => Buffer.alloc(256)), userData(), sqeFlags()],
  prepRenameat: () => [dirfd(), pathBuf(), dirfd(), pathBuf(), small(2)(), userData(), sqeFlags()],
  prepLinkat: () => [dirfd(), pathBuf(), dirfd(), pathBuf(), small(2)(), userData(), sqeFlags()],
  prepSymlinkat: () => [pathBuf(), dirfd(), pathBuf(), userData(), sqeFlags()],
  prepUnlinkat: () => [dirfd(), pathBuf(), hostile(() => pick([0, 0x200])), userData(), sqeFlags()],
  prepMkdirat: () => [dirfd(), pathBuf(), small(0o10000)(), userData(), sqeFlags()],
  prepFtruncate: () => [fd(), hostile(() => (chance(0.5) ? int(1 << 20) : BigInt(int(1 << 20)))), userData(), sqeFlags()],
  prepCancel: () => [hostile(() => lastOpId), userData(), sqeFlags()],
  prepTimeout: timeoutArgs,
  prepLinkTimeout: () => [ns(), userData(), timeoutFlagBits(), sqeFlags()],
  prepTimeoutRemove: () => [hostile(() => lastOpId), userData(), sqeFlags()],
  prepPollAdd: () => [hostile(() => (chance(0.5) ? dirFd : fileFd)), hostile(() => pick([PE.IN, PE.OUT, PE.IN | PE.OUT, 0])), userData(), multishot(), sqeFlags()],
  prepPollRemove: () => [hostile(() => lastOpId), userData(), sqeFlags()],
  prepReadFixed: () => [fd(), fixedBuffer(), position(), small(3)(), userData(), sqeFlags()],
  prepWriteFixed: () => [fd(), fixedBuffer(), position(), small(3)(), userData(), sqeFlags()],
  prepFallocate: () => [fd(), small(4)(), offset(), offset(), userData(), sqeFlags()],
  prepFadvise: () => [fd(), offset(), u32(), small(7)(), userData(), sqeFlags()],
  prepSyncFileRange: () => [fd(), offset(), u32(), small(9)(), userData(), sqeFlags()],
  prepSplice: () => [fd(), spliceOffset(), fd(), spliceOffset(), small(1 << 16)(), small(16)(), userData(), sqeFlags()],
  prepTee: () => [fd(), fd(), small(1 << 16)(), small(16)(), userData(), sqeFlags()],
  prepOpenat2: () => [dirfd(), pathBuf(), how(), userData(), sqeFlags()],
  // Sockets: only AF_UNIX/INET/INET6 stream and datagram sockets are made, and the other socket
  // builders get the file or a dead fd, so that nothing waits for the network.
  prepSocket: () => [hostile(() => pick([1, 2, 10])), hostile(() => pick([1, 2, 1 | 0o2000000])), small(2)(), userData(), sqeFlags()],
  prepBind: () => [fd(), sockaddr(), userData(), sqeFlags()],
  prepListen: () => [fd(), small(1024)(), userData(), sqeFlags()],
  prepConnect: () => [fd(), sockaddr(), userData(), sqeFlags()],
  prepAccept: () => [fd(), userData(), options({ multishot: () => chance(0.5), sqeFlags })],
  prepSend: () => [fd(), buffer(), userData(), chance(0.5) ? undefined : u32(), sqeFlags()],
  prepRecv: () => [fd(), chance(0.5) ? buffer() : hostile(() => ({ bufferGroup: hostile(() => int(8)) })), userData(),
    options({ multishot: () => chance(0.5), recvFlags: u32, sqeFlags })],
  prepShutdown: () => [fd(), small(4)(), userData(), sqeFlags()],
  prepMsgRing: () => [hostile(() => (chance(0.7) ? ring.fd : fileFd)), hostile(() => int(2 ** 31) - 2 ** 30), userData(), sqeFlags()],
};
const LONG_LIVED = new Set(['prepTimeout', 'prepLinkTimeout', 'prepPollAdd']);
const others = {
  // A wait is always bounded: a timeout or a multishot op may never post the CQEs asked for.
  submit: () => (chance(0.7) ? [] : [hostile(() => 0), boundedMs(hostile(() => int(20)))]),
  reap: () => [hostile(() => onCqe), chance(0.5) ? undefined : hostile(() => 1 + int(64))],
  supports: () => [hostile(() => int(80))],
  onReady: () => [hostile(() => (chance(0.5) ? null : () => {}))],
  registerBuffers: () => [chance(0.5) ? Array.from({ length: 1 + int(4) }, goodBuffer) : bufferArray()],
  unregisterBuffers: () => [],
  registerFiles: () => [hostile(() => (chance(0.5) ? [fileFd, -1] : new Int32Array([fileFd])))],
  unregisterFiles: () => [],
  registerBufferRing: () => [hostile(() => int(8)), hostile(() => pick([1, 2, 3, 8, 64])), hostile(() => pick([1, 16, 4096]))],
  // take / release / bufferId / unregister on the last BufferRing registered.
  bufferRing: () => pick([['take', hostile(() => 1 | (int(70) << 16)), small(4097)()], ['release', hostile(() => (chance(0.5) ? int(64) : Buffer.alloc(4)))],
    ['bufferId', u32()], ['unregister']]),
  sqSpace: null, sqReady: null, cqReady: null, inFlight: null, fd: null, closed: null,
};
function boundedMs(v) {
  return v === undefined || (typeof v === 'number' && v > 1000) ? int(20) : v;
}
const methods = [...Object.keys(builders), ...Object.keys(builders), ...Object.keys(others)];

let completions = 0;
function onCqe(ud, res) {
  completions++;
  const kind = kinds.get(ud);
  kinds.delete(ud);
  if (['prepOpenat', 'prepOpenat2', 'prepSocket', 'prepAccept'].includes(kind) && res >= 0) opened.add(res);
}
const kinds = new Map();

const tally = {};
const unexpected = [];
function check(err, what) {
  if (err instanceof FuzzError) { tally.FuzzError = (tally.FuzzError ?? 0) + 1; return; }
  const ok = err instanceof Error &&
    ((err instanceof TypeError || err instanceof RangeError)
      ? typeof err.code === 'string' && err.code.startsWith('ERR_')
      : (err.name === 'UringError' || err.name === 'MemlockError') && typeof err.code === 'string');
  const key = err instanceof Error ? `${err.name}:${err.code}` : `non-error:${typeof err}`;
  tally[key] = (tally[key] ?? 0) + 1;
  if (!ok && unexpected.length < 20) unexpected.push({ what, name: err?.name, code: err?.code, message: String(err?.message ?? err) });
}

function newRing() {
  for (;;) {
    const options = chance(0.3)
      ? pick([{ entries: pick(scalars()) }, { cqEntries: pick(scalars()) }, { flags: pick(scalars()) }, throwingGetter('entries'), pick(scalars())])
      : { entries: pick([1, 2, 8, 64]), cqEntries: chance(0.3) ? pick([64, 128]) : undefined };
    try {
      return new Ring(options);
    } catch (err) {
      check(err, 'new Ring');
    }
  }
}

let ring = newRing();
const closedRings = [];
let calls = 0;
for (; calls < CALLS; calls++) {
  if (chance(0.003)) {
    // Close with work in flight: every completion still arrives, once.
    try { ring.close(hostile(() => onCqe)); } catch (err) { check(err, 'close'); }
    if (!ring.closed) ring.close(onCqe); // the hostile callback was refused: close for real
    closedRings.push(ring);
    if (closedRings.length > 4) closedRings.shift();
    ring = newRing();
    registered = [];
    longLived.length = 0;
  }
  const target = closedRings.length > 0 && chance(0.05) ? pick(closedRings) : ring;
  const name = pick(methods);
  if (name in others && others[name] === null) {
    try { void target[name]; } catch (err) { check(err, name); }
    continue;
  }
  const argv = (builders[name] ?? others[name])();
  if (name === 'bufferRing') {
    if (lastBufferRing !== null) try { lastBufferRing[argv[0]](...argv.slice(1)); } catch (err) { check(err, `BufferRing.${argv[0]}`); }
    continue;
  }
  try {
    const id = target[name](...argv);
    if (name === 'registerBuffers' && target === ring) registered = argv[0].filter((b) => b instanceof Uint8Array);
    if (name === 'unregisterBuffers' && target === ring) registered = [];
    if (name === 'registerBufferRing') lastBufferRing = id;
    if (name in builders) {
      lastOpId = id;
      if (LONG_LIVED.has(name) && target === ring) longLived.push(id);
      if (typeof lastUd === 'number' && lastUd >= 2 ** 40) kinds.set(lastUd, name);
    }
  } catch (err) {
    check(err, name);
    if (err && err.code === 'ERR_URING_SQ_FULL') {
      try { target.submit(); } catch (e) { check(e, 'submit after full'); }
    }
  }
  if (chance(0.1) && !ring.closed) {
    try { ring.submit(); ring.reap(onCqe); } catch (err) { check(err, 'drain'); }
  }
  if (calls % 2000 === 1999 && typeof gc === 'function') gc();
}

// The fuzzed ring settles everything, then reads a known file correctly.
function settle(r) {
  for (const id of longLived) {
    if (r.sqSpace === 0) r.submit();
    r.prepCancel(id, 1); // -ENOENT for those already done
  }
  for (let rounds = 0; r.inFlight > 0 && rounds < 1000; rounds++) {
    try {
      r.submit(Math.min(1, r.inFlight), 1000);
    } catch (err) {
      check(err, 'settle submit');
    }
    r.reap(onCqe);
  }
  return r.inFlight;
}
const left = settle(ring);
const want = Buffer.from(`uring fuzz ${SEED}\n`.repeat(100));
const knownPath = path.join(dir, 'known');
fs.writeFileSync(knownPath, want);
const knownFd = fs.openSync(knownPath, 'r');
const got = Buffer.alloc(want.length + 10);
let readRes = null;
try { ring.unregisterFiles(); } catch { /* none registered */ }
ring.prepRead(knownFd, got, 0, 4242);
ring.submit(1);
ring.reap((ud, res) => { if (ud === 4242) readRes = res; else onCqe(ud, res); });
const readOk = readRes === want.length && got.subarray(0, want.length).equals(want);
ring.close(onCqe);
for (const r of closedRings) r.close();
for (const f of opened) { try { fs.closeSync(f); } catch { /* closed by a fuzzed CLOSE */ } }
fs.closeSync(knownFd);
fs.closeSync(fileFd);
fs.closeSync(dirFd);
fs.rmSync(dir, { recursive: true, force: true });

const result = { seed: SEED, calls, completions, leftInFlight: left, readOk, readRes, unexpected, tally };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exitCode = unexpected.length === 0 && readOk && left === 0 ? 0 : 1;
