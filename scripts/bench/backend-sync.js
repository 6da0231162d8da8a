'use strict';
// The synchronous node:fs calls: one syscall at a time on the main thread, no queue depth.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { smallPaths } = require('./fixtures');
const { Latency, randomOffsets, sequentialOffsets } = require('./stats');
const { alignedBuffer } = require('./aligned');

function rw(w, ms, fx) {
  const write = w.kind === 'seqwrite';
  const fd = fs.openSync(write ? fx.writeTarget : fx.bigFile, write ? 'r+' : 'r');
  const bs = w.bs;
  const blocks = Math.floor(fs.fstatSync(fd).size / bs);
  const offset = w.kind === 'randread' ? randomOffsets(blocks, bs) : sequentialOffsets(blocks, bs);
  const buf = alignedBuffer(bs, 0x78);
  const lat = w.lat ? new Latency() : null;
  let ops = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  let t = t0;
  try {
    while (t < end) {
      const n = write ? fs.writeSync(fd, buf, 0, bs, offset()) : fs.readSync(fd, buf, 0, bs, offset());
      if (n !== bs) throw new Error(`${w.kind}: ${n} bytes instead of ${bs}`);
      const after = performance.now();
      if (lat !== null) lat.add(after - t);
      t = after;
      ops++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { ops, secs: (t - t0) / 1000, ...(lat ? lat.summary() : {}) };
}

let paths;
function files(w, ms, fx) {
  if (paths === undefined) paths = smallPaths(fx);
  const data = Buffer.alloc(4096, 0x77);
  let next = 0;
  let ops = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  let t = t0;
  while (t < end) {
    if (w.kind === 'readfile') {
      fs.readFileSync(paths[next++ % paths.length]);
    } else if (w.kind === 'stat') {
      fs.statSync(paths[next++ % paths.length]);
    } else {
      const fd = fs.openSync(`${fx.writeDir}/sync-${next++ % 64}`, 'w');
      try {
        fs.writeFileSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    ops++;
    t = performance.now();
  }
  return { ops, secs: (t - t0) / 1000 };
}

module.exports = {
  run(w, ms, fx) {
    if (w.kind === 'randread' || w.kind === 'seqread' || w.kind === 'seqwrite') return rw(w, ms, fx);
    return files(w, ms, fx);
  },
};
