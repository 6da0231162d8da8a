'use strict';
// Backends with node:fs's callback API: node's own (thread pool) and uring/fs. `qd` chains of
// callbacks each keep one call in flight: a call's callback issues the next.
const { performance } = require('node:perf_hooks');
const { smallPaths } = require('./fixtures');
const { randomOffsets } = require('./stats');
const { alignedBuffer } = require('./aligned');

// The clock is read once per CLOCK_EVERY operations, as in backend-fs-promises.js.
const CLOCK_EVERY = 32;

function create(fs) {
  /** Runs `qd` chains of `op(i, done)` until `ms` pass; resolves {ops, secs}. */
  function chains(qd, ms, op) {
    return new Promise((resolve, reject) => {
      let ops = 0;
      let stop = false;
      let running = qd;
      let failed = null;
      const t0 = performance.now();
      const end = t0 + ms;
      const finish = () => {
        if (--running > 0) return;
        if (failed) reject(failed);
        else resolve({ ops, secs: (performance.now() - t0) / 1000 });
      };
      const next = (i) => op(i, (err) => {
        if (err) {
          failed ??= err;
          stop = true;
        }
        if (!stop && ++ops % CLOCK_EVERY === 0 && performance.now() >= end) stop = true;
        if (stop) finish();
        else next(i);
      });
      for (let i = 0; i < qd; i++) next(i);
    });
  }

  async function randread(w, ms, fx) {
    const fd = await new Promise((resolve, reject) => fs.open(fx.bigFile, 'r', (err, f) => (err ? reject(err) : resolve(f))));
    const bs = w.bs;
    const offset = randomOffsets(Math.floor(fs.fstatSync(fd).size / bs), bs);
    const pool = alignedBuffer(w.qd * bs, 0x78);
    const bufs = Array.from({ length: w.qd }, (_, i) => pool.subarray(i * bs, (i + 1) * bs));
    try {
      return await chains(w.qd, ms, (i, done) => fs.read(fd, bufs[i], 0, bs, offset(), (err, n) => {
        done(err || (n !== bs ? new Error(`read ${n} bytes instead of ${bs}`) : null));
      }));
    } finally {
      fs.closeSync(fd);
    }
  }

  let paths;
  function files(w, ms, fx) {
    if (paths === undefined) paths = smallPaths(fx);
    let next = 0;
    const call = w.kind === 'readfile' ? fs.readFile : fs.stat;
    return chains(w.qd, ms, (i, done) => call(paths[next++ % paths.length], done));
  }

  return {
    run(w, ms, fx) {
      if (w.kind === 'randread') return randread(w, ms, fx);
      if (w.kind === 'readfile' || w.kind === 'stat') return files(w, ms, fx);
      throw new Error(`the callback backends do not run ${w.kind}`);
    },
  };
}

module.exports = { create };
