// URING_SQPOLL=<idle ms> makes the shared ring an SQPOLL ring (a kernel thread consumes its SQ):
// read once at the first call, never the default. Results stay node:fs's, many more operations
// than the SQ holds still complete, and after a credentials change the ring is replaced, so the
// kernel thread never runs a call with the old (root) credentials.
import { rmSync } from 'node:fs';
import { lastJson, runScript } from './helpers/child';

const asRoot = process.getuid?.() === 0 ? test : test.skip;

// Runs `body` (async, may set out.*) in a child with URING_SQPOLL=`sqpoll`; reports `out` and the ring.
function withSqpoll(sqpoll: string | undefined, body: string): Record<string, unknown> {
  const env = { ...process.env };
  delete env.URING_SQPOLL;
  if (sqpoll !== undefined) env.URING_SQPOLL = sqpoll;
  const r = runScript(`
const fsp = require(ROOT + '/dist/promises');
const fs = require('fs'), os = require('os'), path = require('path');
const threads = () => fs.readdirSync('/proc/self/task').map((t) => fs.readFileSync('/proc/self/task/' + t + '/comm', 'utf8').trim());
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-sqpoll-'));
const out = { dir };
(async () => {
  ${body}
  out.reason = fsp.backendReason;
  out.sqThread = threads().some((n) => n.startsWith('iou-sqp'));
  console.log(JSON.stringify(out));
})();`, { env });
  expect(r.signal).toBeNull();
  const o = lastJson(r);
  rmSync(o.dir as string, { recursive: true, force: true }); // here: the child may have dropped root
  return o;
}

// Writes, reads back and stats files, 3000 calls at once (the SQ holds 256); compares with node:fs.
const ROUND_TRIP = `
  const names = Array.from({ length: 1000 }, (_, i) => path.join(dir, 'f' + i));
  await Promise.all(names.map((n, i) => fsp.writeFile(n, 'data ' + i)));
  const [texts, sizes] = await Promise.all([
    Promise.all(names.map((n) => fsp.readFile(n, 'utf8'))),
    Promise.all(names.map((n) => fsp.stat(n).then((s) => s.size))),
  ]);
  out.same = names.every((n, i) => texts[i] === fs.readFileSync(n, 'utf8') && texts[i] === 'data ' + i && sizes[i] === fs.statSync(n).size);
  const fh = await fsp.open(names[7]);
  const buf = Buffer.alloc(6);
  out.read = (await fh.read(buf, 0, 6, 0)).bytesRead + ' ' + buf.toString();
  await fh.close();`;

test('URING_SQPOLL=50: an SQPOLL shared ring with its kernel thread; 3000 calls at once give node:fs results', () => {
  const o = withSqpoll('50', ROUND_TRIP);
  expect(o).toMatchObject({ same: true, read: '6 data 7', sqThread: true });
  expect(o.reason).toMatch(/SQPOLL \(idle 50 ms\)/);
});

test('unset, empty or not a whole number of ms: no SQPOLL (never the default)', () => {
  for (const value of [undefined, '', 'abc', '1.5', '-1']) {
    const o = withSqpoll(value, ROUND_TRIP);
    expect({ value, ...o }).toMatchObject({ value, same: true, sqThread: false });
    expect(o.reason).not.toMatch(/SQPOLL/);
  }
});

asRoot('after root drops to nobody, calls run with nobody\'s credentials on a new SQPOLL ring', () => {
  const o = withSqpoll('50', `
    const secret = path.join(dir, 'secret');
    fs.writeFileSync(secret, 'x', { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'open'), 'y', { mode: 0o644 });
    fs.chmodSync(dir, 0o755);
    out.before = (await fsp.readFile(secret, 'utf8'));
    process.setgroups([65534]); process.setgid(65534); process.setuid(65534);
    out.after = await fsp.readFile(secret, 'utf8').then((t) => t, (e) => e.code);
    out.open = await fsp.readFile(path.join(dir, 'open'), 'utf8');
    out.statAfter = await fsp.stat(secret).then((s) => s.size, (e) => e.code);`);
  expect(o).toMatchObject({ before: 'x', after: 'EACCES', open: 'y', statAfter: 1, sqThread: true });
  expect(o.reason).toMatch(/SQPOLL/);
});
