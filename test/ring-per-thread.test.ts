// Rings in worker threads, one each, entered through each thread's registered ring fd: every
// thread's NOPs and reads complete with its own data.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const root = path.join(__dirname, '..');

const body = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { Ring } = require(workerData.root);
const ring = new Ring({ entries: 32 });
let nops = 0;
for (let round = 0; round < 50; round++) {
  for (let i = 0; i < 32; i++) ring.prepNop(i);
  ring.submit(32);
  nops += ring.reap(() => {});
}
const fd = fs.openSync(workerData.file, 'r');
const buf = Buffer.alloc(4);
ring.prepRead(fd, buf, 0, 1);
ring.submit(1);
let res = -1;
ring.reap((ud, r) => { res = r; });
fs.closeSync(fd);
ring.close();
parentPort.postMessage({ nops, res, text: buf.toString() });
`;

test('two worker threads, one ring each', async () => {
  const os = await import('node:os');
  const fs = await import('node:fs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-threads-'));
  try {
    const files = ['aaaa', 'bbbb'].map((t, i) => {
      const f = path.join(dir, `f${i}`);
      fs.writeFileSync(f, t);
      return f;
    });
    const results = await Promise.all(files.map((file) => new Promise<{ nops: number; res: number; text: string }>((resolve, reject) => {
      const w = new Worker(body, { eval: true, workerData: { root, file } });
      w.once('message', resolve);
      w.once('error', reject);
    })));
    expect(results).toEqual([
      { nops: 1600, res: 4, text: 'aaaa' },
      { nops: 1600, res: 4, text: 'bbbb' },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
