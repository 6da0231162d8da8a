// When the kernel drops completions of the shared ring (no memory for its overflow list), which
// operations they belonged to cannot be known: uring/promises gives the ring up, every call
// settles (none hangs, nothing is thrown from the event loop), backend turns 'fs' saying why,
// and later calls run on node:fs. Linux 6.18 drops nothing on demand, so the child plays the
// kernel: it raises the CQ's dropped-completion counter while a FIFO read waits in the kernel.
import { spawnSync } from 'node:child_process';
import { packageRoot } from './helpers/child';

const child = `
const [root] = process.argv.slice(1);
const fs = require('node:fs'), os = require('node:os'), path = require('node:path'), cp = require('node:child_process');
const binding = require(root + '/dist/native.js').tryBinding();
let layout;
binding.NativeRing = class extends binding.NativeRing {
  layout() { return (layout = super.layout()); }
};
const fsp = require(root + '/dist/promises');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-dropped-'));
const fifo = path.join(dir, 'fifo');
cp.execFileSync('mkfifo', [fifo]);
const keepOpen = fs.openSync(fifo, fs.constants.O_RDWR); // the reader below never sees EOF
const outcome = (p) => p.then((v) => 'resolved', (e) => e.code);
process.on('uncaughtException', (e) => { console.log(JSON.stringify({ uncaught: String(e.stack) })); process.exit(1); });
(async () => {
  await fsp.stat('/'); // the shared ring exists
  const h = await fsp.open(fifo, 'r');
  const blocked = outcome(h.read(Buffer.alloc(8), 0, 8, null)); // waits in the kernel
  await new Promise((r) => setTimeout(r, 50));
  new Uint32Array(layout.cqRing)[layout.cqOverflow / 4] += 1; // "the kernel dropped one completion"
  const out = { stat: await outcome(fsp.stat('/')), blocked: await blocked, backend: fsp.backend, reason: fsp.backendReason };
  out.later = await outcome(fsp.readFile(path.join(dir, 'none')));
  fs.writeFileSync(path.join(dir, 'f'), 'still works');
  out.read = await fsp.readFile(path.join(dir, 'f'), 'utf8');
  await h.close().catch(() => {});
  fs.closeSync(keepOpen);
  fs.rmSync(dir, { recursive: true });
  console.log(JSON.stringify(out));
})();
`;

test('dropped completions: the ring is given up, every call settles, later calls run on node:fs', () => {
  const r = spawnSync(process.execPath, ['-e', child, packageRoot], { encoding: 'utf8', timeout: 20000 });
  expect(r.signal).toBeNull();
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(out.uncaught).toBeUndefined();
  expect(out.stat).toBe('resolved');
  expect(out.blocked).toBe('ERR_URING_CQ_OVERFLOW');
  expect(out.backend).toBe('fs');
  expect(out.reason).toMatch(/dropped/);
  expect(out.later).toBe('ENOENT');
  expect(out.read).toBe('still works');
});
