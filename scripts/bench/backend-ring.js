'use strict';
// The Ring batch API as a throughput-minded caller uses it: keep `qd` operations in flight,
// one submit (io_uring_enter) per loop turn, reap from the mapped CQ, re-prepare from the
// completion callback. Synchronous: the thread blocks in submit(waitFor) like the C reference.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { smallPaths } = require('./fixtures');
const { Latency, randomOffsets, sequentialOffsets } = require('./stats');
const { alignedBuffer } = require('./aligned');

const { Ring } = require(path.join(__dirname, '..', '..'));

const AT_FDCWD = -100;
const O_CLOEXEC = 0o2000000;
const STATX_BASIC_STATS = 0x7ff;
const { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } = fs.constants;

// Setup flags under test (levers), e.g. URING_BENCH_RING_FLAGS=0x3000.
const RING_FLAGS = Number(process.env.URING_BENCH_RING_FLAGS || 0);

function newRing(entries) {
  return new Ring({ entries: Math.max(entries, 8), flags: RING_FLAGS });
}

function nop(w, ms) {
  const ring = newRing(w.batch);
  const batch = w.batch;
  let ops = 0;
  const onCqe = () => {
    ops++;
  };
  const t0 = performance.now();
  const end = t0 + ms;
  let t = t0;
  try {
    while (t < end) {
      for (let i = 0; i < batch; i++) ring.prepNop(i);
      ring.submit(batch);
      ring.reap(onCqe);
      t = performance.now();
    }
  } finally {
    ring.close();
  }
  return { ops, secs: (t - t0) / 1000 };
}

function rw(w, ms, fx) {
  const write = w.kind === 'seqwrite';
  const fd = fs.openSync(write ? fx.writeTarget : fx.bigFile, write ? 'r+' : 'r');
  const bs = w.bs;
  const qd = w.qd;
  const blocks = Math.floor(fs.fstatSync(fd).size / bs);
  const offset = w.kind === 'randread' ? randomOffsets(blocks, bs) : sequentialOffsets(blocks, bs);
  const pool = alignedBuffer(qd * bs, 0x78);
  const bufs = [];
  for (let i = 0; i < qd; i++) bufs.push(pool.subarray(i * bs, (i + 1) * bs));
  const lat = w.lat ? new Latency() : null;
  const started = new Float64Array(qd);
  const ring = newRing(qd);
  let ops = 0;
  let failed = 0;
  let stop = false;
  let inflight = 0;
  let now = 0;
  const prep = write
    ? (i) => ring.prepWrite(fd, bufs[i], offset(), i)
    : (i) => ring.prepRead(fd, bufs[i], offset(), i);
  const onCqe = (i, res) => {
    if (res !== bs) failed = res;
    ops++;
    if (lat !== null) lat.add(now - started[i]);
    if (stop) {
      inflight--;
      return;
    }
    prep(i);
    if (lat !== null) started[i] = performance.now();
  };
  const t0 = performance.now();
  const end = t0 + ms;
  try {
    for (let i = 0; i < qd; i++) {
      prep(i);
      started[i] = t0;
    }
    inflight = qd;
    while (inflight > 0) {
      ring.submit(1);
      now = performance.now();
      if (now >= end) stop = true;
      ring.reap(onCqe);
    }
  } finally {
    ring.close();
    fs.closeSync(fd);
  }
  if (failed !== 0) throw new Error(`${w.kind}: an operation returned ${failed}`);
  return { ops, secs: (performance.now() - t0) / 1000, ...(lat ? lat.summary() : {}) };
}

let pathBuffers;
function pathsOf(fx) {
  if (pathBuffers === undefined) pathBuffers = smallPaths(fx).map((p) => Buffer.from(`${p}\0`));
  return pathBuffers;
}

const OPEN = 0, READ = 1, WRITE = 2, FSYNC = 3, CLOSE = 4, STAT = 5;

/** readfile (open, read to EOF, close), stat (statx) and writefsync (open, write, fsync, close). */
function files(w, ms, fx) {
  const qd = w.qd;
  const kind = w.kind;
  const paths = kind === 'writefsync'
    ? Array.from({ length: qd * 64 }, (_, k) => Buffer.from(`${fx.writeDir}/ring-${k}\0`))
    : pathsOf(fx);
  const bufSize = kind === 'readfile' ? 65536 : 4096;
  const pool = alignedBuffer(qd * bufSize, 0x77);
  const bufs = [];
  for (let i = 0; i < qd; i++) bufs.push(pool.subarray(i * bufSize, (i + 1) * bufSize));
  const statBufs = Buffer.alloc(qd * 256);
  const stats = [];
  for (let i = 0; i < qd; i++) stats.push(statBufs.subarray(i * 256, (i + 1) * 256));
  const stage = new Uint8Array(qd);
  const fds = new Int32Array(qd);
  const ring = newRing(qd);
  let next = 0;
  let ops = 0;
  let stop = false;
  let inflight = 0;
  let failed = 0;

  const start = (i) => {
    if (kind === 'stat') {
      ring.prepStatx(AT_FDCWD, paths[next++ % paths.length], 0, STATX_BASIC_STATS, stats[i], i);
      stage[i] = STAT;
    } else if (kind === 'readfile') {
      ring.prepOpenat(AT_FDCWD, paths[next++ % paths.length], O_RDONLY | O_CLOEXEC, 0, i);
      stage[i] = OPEN;
    } else {
      ring.prepOpenat(AT_FDCWD, paths[i * 64 + (next++ % 64)], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644, i);
      stage[i] = OPEN;
    }
  };
  const done = (i) => {
    ops++;
    if (stop) inflight--;
    else start(i);
  };
  const onCqe = (i, res) => {
    if (res < 0) {
      failed = res;
      inflight--;
      return;
    }
    switch (stage[i]) {
      case STAT:
        done(i);
        break;
      case OPEN:
        fds[i] = res;
        if (kind === 'readfile') {
          ring.prepRead(res, bufs[i], -1, i);
          stage[i] = READ;
        } else {
          ring.prepWrite(res, bufs[i], 0, i);
          stage[i] = WRITE;
        }
        break;
      case READ:
        if (res > 0) {
          ring.prepRead(fds[i], bufs[i], -1, i);
        } else {
          ring.prepClose(fds[i], i);
          stage[i] = CLOSE;
        }
        break;
      case WRITE:
        ring.prepFsync(fds[i], i);
        stage[i] = FSYNC;
        break;
      case FSYNC:
        ring.prepClose(fds[i], i);
        stage[i] = CLOSE;
        break;
      case CLOSE:
        done(i);
        break;
    }
  };
  const t0 = performance.now();
  const end = t0 + ms;
  try {
    for (let i = 0; i < qd; i++) start(i);
    inflight = qd;
    while (inflight > 0) {
      ring.submit(1);
      if (performance.now() >= end) stop = true;
      ring.reap(onCqe);
    }
  } finally {
    ring.close();
  }
  if (failed !== 0) throw new Error(`${kind}: an operation returned ${failed}`);
  return { ops, secs: (performance.now() - t0) / 1000 };
}

function run(w, ms, fx) {
  if (w.kind === 'nop') return nop(w, ms);
  if (w.kind === 'randread' || w.kind === 'seqread' || w.kind === 'seqwrite') return rw(w, ms, fx);
  return files(w, ms, fx);
}

module.exports = { run };
