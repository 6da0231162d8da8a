// No buffer the kernel may still write into is ever collected: an in-flight operation pins
// its buffers (and the Ring itself) until its CQE is reaped. Run under --expose-gc with a
// FinalizationRegistry watching the buffers.
import { runChild } from './helpers/child';

const prelude = `
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-gc-'));
const fifo = path.join(dir, 'f');
cp.execFileSync('mkfifo', [fifo]);
const rfd = fs.openSync(fifo, fs.constants.O_RDWR);
const wfd = fs.openSync(fifo, fs.constants.O_WRONLY);
const collected = new Set();
const registry = new FinalizationRegistry((tag) => collected.add(tag));
const turn = () => new Promise((r) => setImmediate(r));
async function collect() { for (let i = 0; i < 6; i++) { gc(); await turn(); } }
`;

test('buffers of in-flight READ and READV are not collected until their CQEs are reaped', () => {
  const r = runChild(`${prelude}
const ring = new uring.Ring({ entries: 8 });
(() => {
  const a = Buffer.alloc(65536); registry.register(a, 'read');
  ring.prepRead(rfd, a, -1, 1);
  const b = Buffer.alloc(65536), c = new Uint8Array(65536); registry.register(b, 'readv-0'); registry.register(c, 'readv-1');
  ring.prepReadv(rfd, [b, c], -1, 2);
  const control = Buffer.alloc(65536); registry.register(control, 'control');
})();
ring.submit();
(async () => {
  await collect();
  const during = [...collected].sort();
  fs.writeSync(wfd, 'x'.repeat(100));
  fs.writeSync(wfd, 'y'.repeat(100));
  const results = [];
  while (ring.inFlight > 0) { ring.submit(1); ring.reap((ud, res) => results.push([ud, res])); }
  await collect();
  console.log(JSON.stringify({ during, after: [...collected].sort(), results: results.sort() }));
  ring.close();
})();
`, ['--expose-gc']);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim());
  expect(out.during).toEqual(['control']);
  expect(out.after).toEqual(['control', 'read', 'readv-0', 'readv-1']);
  expect(out.results).toEqual([[1, 100], [2, 100]]);
});

test('an unreachable Ring with work in flight stays alive, and is collected after it completes', () => {
  const r = runChild(`${prelude}
let completed;
const done = new Promise((r) => (completed = r));
(() => {
  const ring = new uring.Ring({ entries: 8 });
  registry.register(ring, 'ring');
  const buf = Buffer.alloc(65536); registry.register(buf, 'buffer');
  ring.prepRead(rfd, buf, -1, 7);
  ring.submit();
  ring.onReady(() => ring.reap((ud, res) => {
    console.log(JSON.stringify({ ud, res, text: buf.toString('utf8', 0, res) }));
    completed();
  }));
})();
(async () => {
  await collect();
  console.log(JSON.stringify({ during: [...collected].sort() }));
  fs.writeSync(wfd, 'late data');
  await done;
  await collect();
  console.log(JSON.stringify({ after: [...collected].sort() }));
})();
`, ['--expose-gc']);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines[0]).toEqual({ during: [] });
  expect(lines[1]).toEqual({ ud: 7, res: 9, text: 'late data' });
  expect(lines[2]).toEqual({ after: ['buffer', 'ring'] });
});
