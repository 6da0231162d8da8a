// Rings in worker threads: each worker's ring wakes that worker's loop, and terminate()
// with work in flight neither crashes nor leaks descriptors.
import { packageRoot, runChild } from './helpers/child';


test('two workers each read a file through their own ring with onReady', () => {
  const r = runChild(`
const { Worker } = require('worker_threads');
const fs = require('fs'), os = require('os'), path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-wt-'));
const file = path.join(dir, 'data');
fs.writeFileSync(file, Buffer.alloc(1 << 16, 7));
const code = \`
  const { parentPort, workerData } = require('worker_threads');
  const fs = require('fs');
  const uring = require(workerData.pkg);
  const ring = new uring.Ring({ entries: 16 });
  const fd = fs.openSync(workerData.file, 'r');
  const bufs = [];
  let sum = 0, done = 0;
  for (let i = 0; i < 16; i++) { bufs.push(Buffer.alloc(4096)); ring.prepRead(fd, bufs[i], i * 4096, i); }
  ring.onReady(() => {
    ring.reap((ud, res) => { done++; for (let j = 0; j < res; j++) sum += bufs[ud][j]; });
    if (done === 16) { ring.close(); fs.closeSync(fd); parentPort.postMessage({ sum, done }); }
  });
  ring.submit();
\`;
Promise.all([0, 1].map(() => new Promise((resolve, reject) => {
  const w = new Worker(code, { eval: true, workerData: { pkg: ${JSON.stringify(packageRoot)}, file } });
  w.once('message', resolve); w.once('error', reject);
}))).then((rs) => console.log(JSON.stringify(rs)));
`);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout.trim())).toEqual([{ sum: 7 * 65536, done: 16 }, { sum: 7 * 65536, done: 16 }]);
});

test('terminate() with FIFO reads in flight, 20 times: no crash, no descriptor leak', () => {
  const r = runChild(`
const { Worker } = require('worker_threads');
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-wt-'));
const fifo = path.join(dir, 'f');
cp.execFileSync('mkfifo', [fifo]);
const code = \`
  const { parentPort, workerData } = require('worker_threads');
  const fs = require('fs');
  const uring = require(workerData.pkg);
  const rfd = fs.openSync(workerData.fifo, fs.constants.O_RDWR);
  const ring = new uring.Ring({ entries: 8 });
  for (let i = 0; i < 4; i++) ring.prepRead(rfd, Buffer.alloc(4096), -1, i);
  ring.submit();
  ring.onReady(() => ring.reap(() => {}));
  parentPort.postMessage('busy');
\`;
(async () => {
  const count = () => fs.readdirSync('/proc/self/fd').length;
  const before = count();
  for (let i = 0; i < 20; i++) {
    const w = new Worker(code, { eval: true, workerData: { pkg: ${JSON.stringify(packageRoot)}, fifo } });
    await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
    await w.terminate();
  }
  console.log(JSON.stringify({ before, after: count() }));
})();
`, [], 60000);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const { before, after } = JSON.parse(r.stdout.trim());
  expect(after).toBe(before);
});
