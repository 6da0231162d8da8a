// A worker that is terminate()d while uring/promises calls are running must not take the
// process down: a native method called as the worker's environment goes away (napi_unwrap
// refuses, and the error cannot be thrown) used to abort with "napi_throw" about once per
// hundred terminations.
import { lastJson, runScript } from './helpers/child';

const RUNS = 200;

const PROGRAM = `
const { Worker } = require('node:worker_threads');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-terminate-'));
const file = path.join(dir, 'data');
fs.writeFileSync(file, Buffer.alloc(65536, 7));
const WORKER = \`
  const { parentPort, workerData } = require('node:worker_threads');
  const fsp = require(require('node:path').join(workerData.root, 'dist', 'promises'));
  (async () => {
    parentPort.postMessage('working');
    for (;;) {
      const work = [];
      for (let i = 0; i < 16; i++) work.push((async () => {
        const fh = await fsp.open(workerData.file, 'r');
        await fh.read(Buffer.alloc(4096), 0, 4096, 0);
        await fh.close();
      })());
      work.push(fsp.readFile(workerData.file), fsp.stat(workerData.file));
      await Promise.all(work);
    }
  })();
\`;
(async () => {
  let terminated = 0;
  for (let i = 0; i < ${RUNS}; i++) {
    const w = new Worker(WORKER, { eval: true, workerData: { root: ROOT, file } });
    await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
    await new Promise((r) => setTimeout(r, i % 20)); // terminate at a different point of the loop each time
    await w.terminate();
    terminated++;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ terminated }));
})();
`;

test(`${RUNS} workers terminated in the middle of open/read/close/readFile/stat: the process lives and exits 0`, () => {
  const r = runScript(PROGRAM, { timeout: 120_000 });
  expect(r.stderr).not.toContain('FATAL ERROR');
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(lastJson<{ terminated: number }>(r).terminated).toBe(RUNS);
}, 150_000);
