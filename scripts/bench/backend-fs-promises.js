'use strict';
// Backends with the node:fs/promises API: node's own (thread pool, or libuv's io_uring with
// UV_USE_IO_URING=1) and uring/promises. `qd` async workers each await one call at a time.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { smallPaths } = require('./fixtures');
const { Latency, randomOffsets, sequentialOffsets } = require('./stats');
const { alignedBuffer } = require('./aligned');

// In throughput mode the clock is read once per CLOCK_EVERY operations (counted over all
// workers), not twice per operation: performance.now() costs about as much as a third of a
// uring/promises read, a cost the Ring and C loops do not pay. The run overshoots its end by
// at most CLOCK_EVERY operations (tens of microseconds); the rate uses the measured time.
// Latency mode (QD1) still reads the clock around every operation.
const CLOCK_EVERY = 32;

function create(fsp) {
  async function rw(w, ms, fx) {
    const write = w.kind === 'seqwrite';
    const fh = await fsp.open(write ? fx.writeTarget : fx.bigFile, write ? 'r+' : 'r');
    const bs = w.bs;
    const blocks = Math.floor(fs.statSync(write ? fx.writeTarget : fx.bigFile).size / bs);
    const offset = w.kind === 'randread' ? randomOffsets(blocks, bs) : sequentialOffsets(blocks, bs);
    const lat = w.lat ? new Latency() : null;
    const pool = alignedBuffer(w.qd * bs, 0x78);
    let ops = 0;
    let stop = false;
    const t0 = performance.now();
    const end = t0 + ms;
    async function worker(i) {
      const buf = pool.subarray(i * bs, (i + 1) * bs);
      if (lat !== null) {
        while (!stop) {
          const t = performance.now();
          const r = write ? await fh.write(buf, 0, bs, offset()) : await fh.read(buf, 0, bs, offset());
          const n = write ? r.bytesWritten : r.bytesRead;
          if (n !== bs) throw new Error(`${w.kind}: ${n} bytes instead of ${bs}`);
          const after = performance.now();
          lat.add(after - t);
          ops++;
          if (after >= end) stop = true;
        }
        return;
      }
      while (!stop) {
        const r = write ? await fh.write(buf, 0, bs, offset()) : await fh.read(buf, 0, bs, offset());
        const n = write ? r.bytesWritten : r.bytesRead;
        if (n !== bs) throw new Error(`${w.kind}: ${n} bytes instead of ${bs}`);
        if (++ops % CLOCK_EVERY === 0 && performance.now() >= end) stop = true;
      }
    }
    try {
      await Promise.all(Array.from({ length: w.qd }, (_, i) => worker(i)));
    } finally {
      await fh.close();
    }
    return { ops, secs: (performance.now() - t0) / 1000, ...(lat ? lat.summary() : {}) };
  }

  let paths;
  async function files(w, ms, fx) {
    if (paths === undefined) paths = smallPaths(fx);
    const data = Buffer.alloc(4096, 0x77);
    let next = 0;
    let ops = 0;
    let stop = false;
    const t0 = performance.now();
    const end = t0 + ms;
    async function worker(i) {
      while (!stop) {
        if (w.kind === 'readfile') {
          await fsp.readFile(paths[next++ % paths.length]);
        } else if (w.kind === 'stat') {
          await fsp.stat(paths[next++ % paths.length]);
        } else {
          const fh = await fsp.open(`${fx.writeDir}/fsp-${i}-${next++ % 64}`, 'w');
          try {
            await fh.writeFile(data);
            await fh.sync();
          } finally {
            await fh.close();
          }
        }
        if (++ops % CLOCK_EVERY === 0 && performance.now() >= end) stop = true;
      }
    }
    await Promise.all(Array.from({ length: w.qd }, (_, i) => worker(i)));
    return { ops, secs: (performance.now() - t0) / 1000 };
  }

  return {
    run(w, ms, fx) {
      if (w.kind === 'randread' || w.kind === 'seqread' || w.kind === 'seqwrite') return rw(w, ms, fx);
      return files(w, ms, fx);
    },
  };
}

module.exports = { create };
