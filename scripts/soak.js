'use strict';
// Soak: a bounded run of mixed operations (reads, writes, readv/writev, fsync, NOPs through
// the Ring, and a share through uring/promises when it is built) with forced GC. Every read
// is checked against the checksum of the last write to its block, the whole file again at
// the end, and RSS is sampled: stable means every sample after warm-up is within ±10% of the
// one taken at the end of warm-up.
//   node --expose-gc scripts/soak.js [--ops 10000000] [--depth 64] [--blocks 1024] [--seed 1]
//                                    [--require-stable]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (typeof gc !== 'function') {
  // Forced GC is part of the soak: re-run with --expose-gc.
  const r = spawnSync(process.execPath, ['--expose-gc', __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { Ring } = require('..');
let promises = null;
try {
  promises = require(path.join(__dirname, '..', 'dist', 'promises'));
} catch {
  // not built on this branch: the Ring carries all the work
}

const { arg } = require('./args');
const OPS = arg('ops', 10_000_000);
const DEPTH = arg('depth', 64);
const BLOCKS = arg('blocks', 1024);
const SEED = arg('seed', 1);
const REQUIRE_STABLE = process.argv.includes('--require-stable');
const BLOCK = 4096;
const WARMUP = Math.floor(OPS / 5);
const SAMPLE_EVERY = Math.max(1, Math.floor(OPS / 50));
const GC_EVERY = Math.max(1000, Math.floor(OPS / 100));
const PROMISE_SHARE = promises ? 0.05 : 0;
const PROMISE_DEPTH = 8;

let state = SEED >>> 0 || 1;
function rand() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
}

/** Order-sensitive 32-bit checksum of a 4 KiB block. */
function checksum(buf) {
  const w = new Int32Array(buf.buffer, buf.byteOffset, BLOCK / 4);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w[i]) | 0;
  return h;
}
function fill(buf) {
  const w = new Int32Array(buf.buffer, buf.byteOffset, BLOCK / 4);
  let x = (rand() * 4294967296) >>> 0 || 1;
  for (let i = 0; i < w.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    w[i] = x;
  }
}
// 4 KiB views for the kernel: most from a reused pool, some fresh so GC has work to do.
const pool = [];
function takeBuffer() {
  if (rand() < 0.1) return Buffer.alloc(BLOCK);
  return pool.pop() ?? Buffer.alloc(BLOCK);
}
function giveBack(buf) {
  if (pool.length < DEPTH * 2) pool.push(buf);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-soak-'));
const file = path.join(dir, 'data');
fs.writeFileSync(file, Buffer.alloc(BLOCKS * BLOCK));
const fd = fs.openSync(file, 'r+');
const sums = new Int32Array(BLOCKS).fill(checksum(Buffer.alloc(BLOCK))); // what each block holds
const busy = new Uint8Array(BLOCKS); // a write or read in flight: nobody else touches the block

const ring = new Ring({ entries: 256 });
const ops = new Map(); // userData -> operation
let nextUd = 0;
let issued = 0;
let completed = 0;
let dataErrors = 0;
let opErrors = 0;
let promisesInFlight = 0;
const byKind = { read: 0, write: 0, readv: 0, writev: 0, fsync: 0, nop: 0, promiseRead: 0, promiseWrite: 0 };
const firstErrors = [];
const rss = [];
let rssBaseline = 0;
let finished = false;
const start = process.hrtime.bigint();

function freeBlock() {
  for (let tries = 0; tries < 4; tries++) {
    const b = Math.floor(rand() * BLOCKS);
    if (!busy[b]) return b;
  }
  return -1;
}
function fail(what) {
  opErrors++;
  if (firstErrors.length < 10) firstErrors.push(what);
}

function issueRingOp() {
  const ud = nextUd++;
  const r = rand();
  const b = r < 0.8 ? freeBlock() : -1;
  if (b < 0 || r >= 0.8) {
    if (r >= 0.95) {
      ring.prepFsync(fd, ud);
      ops.set(ud, { kind: 'fsync' });
    } else {
      ring.prepNop(ud);
      ops.set(ud, { kind: 'nop' });
    }
    return;
  }
  busy[b] = 1;
  const pos = b * BLOCK;
  if (r < 0.35) {
    const buf = takeBuffer();
    ring.prepRead(fd, buf, pos, ud);
    ops.set(ud, { kind: 'read', b, buf });
  } else if (r < 0.40) {
    const buf = takeBuffer();
    ring.prepReadv(fd, [buf.subarray(0, 1024), buf.subarray(1024)], pos, ud);
    ops.set(ud, { kind: 'readv', b, buf });
  } else if (r < 0.75) {
    const buf = takeBuffer();
    fill(buf);
    ring.prepWrite(fd, buf, pos, ud);
    ops.set(ud, { kind: 'write', b, buf, sum: checksum(buf) });
  } else {
    const buf = takeBuffer();
    fill(buf);
    ring.prepWritev(fd, [buf.subarray(0, 3000), buf.subarray(3000)], pos, ud);
    ops.set(ud, { kind: 'writev', b, buf, sum: checksum(buf) });
  }
}

function settle(op, res) {
  byKind[op.kind]++;
  if (op.kind === 'nop' || op.kind === 'fsync') {
    if (res !== 0) fail(`${op.kind} -> ${res}`);
  } else if (res !== BLOCK) {
    fail(`${op.kind} block ${op.b} -> ${res}`);
  } else if (op.kind === 'write' || op.kind === 'writev' || op.kind === 'promiseWrite') {
    sums[op.b] = op.sum;
  } else if (checksum(op.buf) !== sums[op.b]) {
    dataErrors++;
    if (firstErrors.length < 10) firstErrors.push(`${op.kind} block ${op.b}: checksum mismatch`);
  }
  if (op.b !== undefined) busy[op.b] = 0;
  if (op.buf) giveBack(op.buf);
  completed++;
  if (completed % SAMPLE_EVERY === 0) {
    const now = process.memoryUsage.rss();
    rss.push(now);
    if (rssBaseline === 0 && completed >= WARMUP) rssBaseline = now;
  }
  if (completed % GC_EVERY === 0) gc();
}

function onCqe(ud, res) {
  const op = ops.get(ud);
  if (op === undefined) {
    fail(`unknown userData ${ud}`);
    return;
  }
  ops.delete(ud);
  settle(op, res);
}

async function promiseOp(handle) {
  const b = freeBlock();
  if (b < 0) return;
  busy[b] = 1;
  const buf = takeBuffer();
  const write = rand() < 0.5;
  const op = write ? { kind: 'promiseWrite', b, buf } : { kind: 'promiseRead', b, buf };
  if (write) {
    fill(buf);
    op.sum = checksum(buf);
  }
  promisesInFlight++;
  issued++;
  try {
    const { bytesRead, bytesWritten } = write
      ? await handle.write(buf, 0, BLOCK, b * BLOCK)
      : await handle.read(buf, 0, BLOCK, b * BLOCK);
    settle(op, write ? bytesWritten : bytesRead);
  } catch (err) {
    busy[b] = 0;
    completed++;
    fail(`${op.kind}: ${err && err.code}`);
  } finally {
    promisesInFlight--;
  }
}

let handle = null;
function pump() {
  if (finished) return; // a late promise continuation after the ring was closed
  ring.reap(onCqe);
  while (issued < OPS && ring.inFlight < DEPTH && ring.sqSpace > 0) {
    if (handle && promisesInFlight < PROMISE_DEPTH && rand() < PROMISE_SHARE) {
      promiseOp(handle).then(pump, (err) => fail(String(err)));
      continue;
    }
    issueRingOp();
    issued++;
  }
  ring.submit();
  if (completed >= OPS && !finished) finish();
}

function finish() {
  finished = true;
  ring.onReady(null);
  ring.close(onCqe);
  const end = () => {
    // The whole file once more, block by block, against the model.
    const all = fs.readFileSync(file);
    let fileErrors = 0;
    for (let b = 0; b < BLOCKS; b++) if (checksum(all.subarray(b * BLOCK, (b + 1) * BLOCK)) !== sums[b]) fileErrors++;
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const after = rss.filter((_, i) => (i + 1) * SAMPLE_EVERY > WARMUP);
    const deviation = rssBaseline > 0 && after.length > 0
      ? Math.max(...after.map((v) => Math.abs(v - rssBaseline) / rssBaseline)) : 0;
    const report = {
      ops: OPS, completed, lost: issued - completed, dataErrors, fileErrors, opErrors, firstErrors, byKind,
      backend: handle ? 'ring+promises' : 'ring',
      seconds: Number(seconds.toFixed(2)), opsPerSecond: Math.round(completed / seconds),
      rssMiB: {
        baseline: +(rssBaseline / 2 ** 20).toFixed(1),
        min: +(Math.min(...rss) / 2 ** 20).toFixed(1),
        max: +(Math.max(...rss) / 2 ** 20).toFixed(1),
        samples: rss.length,
        maxDeviationPct: +(deviation * 100).toFixed(1),
        series: rss.map((v) => Math.round(v / 2 ** 20)),
        stable: deviation <= 0.1,
      },
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    const ok = report.lost === 0 && dataErrors === 0 && fileErrors === 0 && opErrors === 0;
    process.exitCode = ok && (!REQUIRE_STABLE || report.rssMiB.stable) ? 0 : 1;
  };
  if (handle) handle.close().then(end, end);
  else end();
}

(async () => {
  if (promises && typeof promises.open === 'function') handle = await promises.open(file, 'r+');
  ring.onReady(pump);
  pump();
})();
