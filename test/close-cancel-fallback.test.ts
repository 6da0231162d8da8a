// close() on a kernel without IORING_ASYNC_CANCEL_ANY (before 5.19, whose ANY cancel completes
// with -EINVAL) falls back to one cancel per operation instead of waiting forever. The child
// makes this kernel refuse close()'s cancel flags the same way, through the built module.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..');
let dir: string;
let fifo: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-cancel-fallback-'));
  fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = `
const fs = require('node:fs');
const [root, fifo, entries, reads, sqpoll] = process.argv.slice(1);
// A flag bit no kernel knows: the ANY cancel then completes with -EINVAL, as on Linux < 5.19.
require(root + '/dist/ring.js').teardownCancel.flags = 0x80000000;
const { Ring, constants } = require(root);
const ring = new Ring({ entries: Number(entries), flags: sqpoll === '1' ? constants.setupFlags.SQPOLL : 0 });
const fd = fs.openSync(fifo, 'r+');
const bufs = [];
for (let i = 0; i < Number(reads); i++) {
  while (ring.sqSpace === 0) ring.submit(); // with SQPOLL the kernel thread frees the SQ on its own time
  const b = Buffer.alloc(16, 0xee);
  bufs.push(b);
  ring.prepRead(fd, b, -1, i);
}
ring.submit();
const results = {};
ring.close((ud, res) => { results[ud] = res; });
fs.writeSync(fd, Buffer.from('after close'));
const untouched = bufs.every((b) => b.every((x) => x === 0xee));
process.stdout.write(JSON.stringify({ closed: ring.closed, results, untouched }));
`;

function run(entries: number, reads: number, sqpoll = false) {
  const r = spawnSync(process.execPath, ['-e', child, root, fifo, String(entries), String(reads), sqpoll ? '1' : '0'], {
    encoding: 'utf8',
    timeout: 20000, // without the fallback close() never returns
  });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { closed: boolean; results: Record<string, number>; untouched: boolean };
}

test('FIFO reads in flight are cancelled one by one when the ANY cancel is refused', () => {
  const out = run(16, 5);
  expect(out.closed).toBe(true);
  expect(out.results).toEqual(Object.fromEntries([0, 1, 2, 3, 4].map((i) => [i, -osConstants.errno.ECANCELED])));
  expect(out.untouched).toBe(true);
});

test('the fallback cancels more operations than the SQ holds', () => {
  const out = run(4, 11);
  expect(Object.keys(out.results)).toHaveLength(11);
  expect(Object.values(out.results).every((res) => res === -osConstants.errno.ECANCELED)).toBe(true);
  expect(out.untouched).toBe(true);
});

test('with SQPOLL the fallback cancels too', () => {
  const out = run(4, 9, true);
  expect(out.closed).toBe(true);
  expect(Object.keys(out.results)).toHaveLength(9);
  expect(Object.values(out.results).every((res) => res === -osConstants.errno.ECANCELED)).toBe(true);
  expect(out.untouched).toBe(true);
});
