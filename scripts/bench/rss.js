'use strict';
// npm run bench:rss [-- --ops=N] [--warm=N] [--backend=ring|promises] [--qd=N] [--op=read|datasync] [--no-write] [--gc (needs node --expose-gc)]
// After a warm-up (default N operations), runs N 4 KiB random page-cache reads (default 10 M, 64 in flight)
// and samples RSS every N/10. `--backend=promises --qd=2048 --op=datasync`: FileHandle.datasync()
// completes in io-wq, never inside io_uring_enter, so with more in flight than the engine's CQ
// holds its backlog never empties (reads completing inline let it empty every batch). "flat" means within +-10% of the first
// sample. "flat" means within +-10% of the first
// sample. Writes benchmarks/rss.json, which npm run bench folds into BENCHMARKS.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomFillSync } = require('node:crypto');
const { randomOffsets } = require('./stats');

const ROOT = path.join(__dirname, '..', '..');
const opts = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const total = Number(opts.ops || 10_000_000);
const backend = opts.backend || 'ring';
// The warm-up lets V8 compile the hot path and grow its old generation to the size it keeps
// (with uring/promises that took 5-6 M operations: a one-off step of ~16 MiB, garbage, not a
// leak, see --gc), so the samples show steady state.
const WARM = opts.warm !== undefined ? Number(opts.warm) : total;
const QD = Number(opts.qd || 64);
const OP = opts.op || 'read';
const BS = 4096;

function makeFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-rss-'));
  const file = path.join(dir, 'data.bin');
  const buf = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < 64; i++) fs.writeSync(fd, randomFillSync(buf));
  fs.closeSync(fd);
  return { dir, file, blocks: (64 << 20) / BS };
}

// A runner's run(count, every, sample) runs `count` operations and calls sample(done) after every
// `every` of them, while the rest are still in flight (draining first would hide a queue that
// only empties when nothing is outstanding).

/** Ring: runs `count` reads; returns when done. State persists across calls. */
function ringRunner(file, blocks) {
  const { Ring } = require(ROOT);
  const ring = new Ring({ entries: QD });
  const fd = fs.openSync(file, 'r');
  const pool = Buffer.alloc(QD * BS);
  const bufs = Array.from({ length: QD }, (_, i) => pool.subarray(i * BS, (i + 1) * BS));
  const offset = randomOffsets(blocks, BS);
  let left = 0;
  let inflight = 0;
  let done = 0;
  let every = 0;
  let sample = null;
  const onCqe = (i, res) => {
    if (res !== BS) throw new Error(`read returned ${res}`);
    if (++done === every) {
      done = 0;
      sample();
    }
    if (left > 0) {
      left--;
      ring.prepRead(fd, bufs[i], offset(), i);
    } else inflight--;
  };
  return {
    run(count, sampleEvery = 0, onSample = null) {
      left = count;
      done = 0;
      every = sampleEvery;
      sample = onSample;
      for (let i = 0; i < QD && left > 0; i++, left--, inflight++) ring.prepRead(fd, bufs[i], offset(), i);
      while (inflight > 0) {
        ring.submit(1);
        ring.reap(onCqe);
      }
    },
    close() {
      ring.close();
      fs.closeSync(fd);
    },
  };
}

function promisesRunner(file, blocks) {
  const entry = path.join(ROOT, 'dist', 'promises', 'index.js');
  if (!fs.existsSync(entry)) throw new Error('dist/promises is not built: uring/promises is not on this branch');
  const fsp = require(entry);
  const offset = randomOffsets(blocks, BS);
  let fh;
  return {
    async run(count, every = 0, sample = null) {
      if (!fh) fh = await fsp.open(file, 'r');
      let left = count;
      let done = 0;
      await Promise.all(Array.from({ length: QD }, async () => {
        const buf = Buffer.alloc(BS);
        while (left > 0) {
          left--;
          if (OP === 'datasync') {
            await fh.datasync();
          } else {
            const { bytesRead } = await fh.read(buf, 0, BS, offset());
            if (bytesRead !== BS) throw new Error(`read returned ${bytesRead}`);
          }
          if (++done === every) {
            done = 0;
            sample();
          }
        }
      }));
    },
    async close() {
      await fh.close();
    },
  };
}

async function main() {
  const { dir, file, blocks } = makeFile();
  if (OP !== 'read' && backend === 'ring') throw new Error('--op applies to --backend=promises');
  const runner = backend === 'ring' ? ringRunner(file, blocks) : promisesRunner(file, blocks);
  // --gc (with node --expose-gc): a full GC before each sample, to tell garbage from a leak.
  const forceGc = 'gc' in opts && typeof global.gc === 'function';
  const mib = () => {
    if (forceGc) global.gc();
    return process.memoryUsage.rss() / 2 ** 20;
  };
  const heapMiB = () => process.memoryUsage().heapUsed / 2 ** 20;
  const t0 = Date.now();
  try {
    const line = (label, rss) => {
      process.stdout.write(`${label}: RSS ${rss.toFixed(1)} MiB, heap used ${heapMiB().toFixed(1)} MiB\n`);
    };
    await runner.run(WARM);
    // The first report maps ~7 MiB of node's own file pages (ICU number formatting, stdout):
    // report once before the baseline, or that one-off step shows up as drift.
    line(`warm-up, ${WARM.toLocaleString('en-US')} ops`, mib());
    const samples = [mib()];
    const step = Math.floor(total / 10);
    await runner.run(step * 10, step, () => {
      samples.push(mib());
      line(`${((samples.length - 1) * step).toLocaleString('en-US')} ops`, samples[samples.length - 1]);
    });
    await runner.close();
    const base = samples[0];
    const maxDriftPct = Math.max(...samples.map((s) => (Math.abs(s - base) / base) * 100));
    const out = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      backend: backend === 'ring' ? `Ring, 4 KiB random reads, QD ${QD}`
        : OP === 'datasync' ? `uring/promises FileHandle.datasync, QD ${QD}` : `uring/promises FileHandle.read 4 KiB, QD ${QD}`,
      ops: total,
      warmOps: WARM,
      seconds: Math.round((Date.now() - t0) / 1000),
      baselineMiB: base,
      samplesMiB: samples.slice(1),
      maxDriftPct,
    };
    console.log(`RSS after a warm-up of ${WARM.toLocaleString('en-US')} operations ${base.toFixed(1)} MiB; largest drift ${maxDriftPct.toFixed(1)}% over the next ${total.toLocaleString('en-US')} (${out.seconds} s)`);
    if (!('no-write' in opts) && !forceGc) {
      // One entry per backend and queue depth, so that runs of each end up side by side.
      const file = path.join(ROOT, 'benchmarks', 'rss.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
      all[[backend, QD === 64 ? '' : `qd${QD}`, OP === 'read' ? '' : OP].filter(Boolean).join('-')] = out;
      fs.writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
    }
    if (maxDriftPct > 10) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
