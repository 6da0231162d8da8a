'use strict';
// One backend per child process, driven over IPC by index.js: {cmd:'run', workload, ms,
// warmMs, fx} answers {ok, ops, secs, ...}. Each backend warms up once per workload.
const fs = require('node:fs');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const ROOT = path.join(__dirname, '..', '..');
const backendId = process.argv[2];

function load() {
  if (backendId === 'ring') return { impl: require('./backend-ring') };
  if (backendId === 'sync') return { impl: require('./backend-sync') };
  if (backendId === 'fsp' || backendId === 'fsp-uv-uring') {
    return { impl: require('./backend-fs-promises').create(require('node:fs/promises')) };
  }
  if (backendId === 'fs-cb') return { impl: require('./backend-fs-callbacks').create(require('node:fs')) };
  if (backendId === 'uring-fs') {
    const mod = require(path.join(ROOT, 'dist', 'fs', 'index.js'));
    return { impl: require('./backend-fs-callbacks').create(mod), info: `backend: ${require(path.join(ROOT, 'dist', 'promises', 'index.js')).backend}` };
  }
  if (backendId === 'uring-promises' || backendId === 'uring-sqpoll') {
    const entry = path.join(ROOT, 'dist', 'promises', 'index.js');
    if (!fs.existsSync(entry)) return { reason: 'dist/promises is not built (uring/promises not on this branch)' };
    const mod = require(entry);
    const info = typeof mod.backend === 'string' ? `backend: ${mod.backend}` : undefined;
    return { impl: require('./backend-fs-promises').create(mod), info };
  }
  return { reason: `unknown backend ${backendId}` };
}

/** The Ring in `n` worker threads (one ring each), started together; total ops/s. */
function scale(msg) {
  const n = msg.workers;
  const gate = new Int32Array(new SharedArrayBuffer(8));
  return new Promise((resolve, reject) => {
    const results = [];
    for (let k = 0; k < n; k++) {
      const worker = new Worker(path.join(__dirname, 'ring-worker.js'), {
        workerData: { workload: msg.workload, ms: msg.ms, warmMs: msg.warmMs, fx: msg.fx, gate, workers: n },
      });
      worker.once('message', (r) => {
        results.push(r);
        if (results.length === n) {
          const ops = results.reduce((s, r2) => s + r2.ops, 0);
          const secs = Math.max(...results.map((r2) => r2.secs));
          resolve({ ops, secs });
        }
      });
      worker.once('error', reject);
    }
  });
}

let loaded;
try {
  loaded = load();
} catch (err) {
  loaded = { reason: err.message };
}
const warmed = new Set();

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'exit') process.exit(0);
    if (msg.cmd === 'scale') {
      process.send({ ok: true, ...(await scale(msg)) });
      return;
    }
    if (!loaded.impl) throw new Error(loaded.reason);
    const w = msg.workload;
    if (!warmed.has(w.id)) {
      warmed.add(w.id);
      await loaded.impl.run(w, msg.warmMs, msg.fx);
    }
    process.send({ ok: true, ...(await loaded.impl.run(w, msg.ms, msg.fx)) });
  } catch (err) {
    process.send({ ok: false, error: err && err.stack ? err.stack : String(err) });
  }
});

process.send({ ready: true, available: Boolean(loaded.impl), reason: loaded.reason, info: loaded.info });
