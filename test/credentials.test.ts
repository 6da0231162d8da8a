// Credentials: a ring created as root must not run operations after the process drops to
// nobody (the CVE-2024-22017 class): submit() refuses with ERR_URING_CREDENTIALS_CHANGED.
import { lastJson, runScript } from './helpers/child';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

function afterChange(change: string): Record<string, unknown> {
  const r = runScript(`
const { Ring } = require(ROOT);
const out = {};
const ring = new Ring({ entries: 8 });
ring.prepNop(1); ring.submit(1); ring.reap(() => {}); // works before the change
${change}
out.uid = process.getuid(); out.gid = process.getgid(); out.groups = process.getgroups();
ring.prepNop(2);
try { ring.submit(); out.submitted = true; } catch (e) { out.err = { name: e.name, code: e.code, message: e.message }; }
out.inFlight = ring.inFlight;
ring.close();
// A ring created with the new credentials works.
const fresh = new Ring({ entries: 8 });
fresh.prepNop(3); out.freshSubmitted = fresh.submit(1); fresh.reap(() => {}); fresh.close();
console.log(JSON.stringify(out));`);
  expect(r.signal).toBeNull();
  return lastJson(r);
}

asRoot('credentials changed after the ring was created', () => {
  test('root -> nobody (setgid + setuid): submit throws ERR_URING_CREDENTIALS_CHANGED', () => {
    const o = afterChange('process.setgroups([65534]); process.setgid(65534); process.setuid(65534);');
    expect(o.uid).toBe(65534);
    expect(o.gid).toBe(65534);
    expect(o.submitted).toBeUndefined();
    expect(o.err).toMatchObject({ name: 'UringError', code: 'ERR_URING_CREDENTIALS_CHANGED' });
    expect(o.err).toHaveProperty('message', expect.stringMatching(/uid\/gid/));
    expect(o.freshSubmitted).toBe(1);
  });

  test('setgid alone is detected', () => {
    const o = afterChange('process.setgid(65534);');
    expect(o.err).toMatchObject({ code: 'ERR_URING_CREDENTIALS_CHANGED' });
  });

  test('a change of supplementary groups alone is detected', () => {
    const o = afterChange('process.setgroups([65534, 12345]);');
    expect(o.uid).toBe(0);
    expect(o.groups).toEqual(expect.arrayContaining([65534, 12345]));
    expect(o.err).toMatchObject({ code: 'ERR_URING_CREDENTIALS_CHANGED' });
  });
});

asRoot('close() after a credentials change', () => {
  // Cancelling and reaping start no new work, so teardown must not be refused like submit() is.
  test('cancels the read the kernel holds, delivers its completion and closes the ring', () => {
    const r = runScript(`
const { Ring } = require(ROOT);
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-cred-'));
const fifo = path.join(dir, 'f');
cp.execFileSync('mkfifo', [fifo]);
const rfd = fs.openSync(fifo, fs.constants.O_RDWR); // never sees data: only a cancel completes it
const ring = new Ring({ entries: 8 });
ring.prepRead(rfd, Buffer.alloc(8), -1, 5);
ring.submit();
process.setgroups([0, 12345]);
const out = { completions: [] };
try { ring.close((ud, res) => out.completions.push([ud, res])); } catch (e) { out.err = e.code; }
out.closed = ring.closed;
out.fd = ring.fd;
out.inFlight = ring.inFlight;
fs.rmSync(dir, { recursive: true });
console.log(JSON.stringify(out));`, { timeout: 20_000 });
    expect(r.signal).toBeNull();
    const o = lastJson(r);
    expect(o.err).toBeUndefined();
    expect(o).toMatchObject({ closed: true, fd: -1, inFlight: 0 });
    expect(o.completions).toEqual([[5, -125]]); // ECANCELED
  });
});

asRoot('SQPOLL ring after a credentials change', () => {
  // The kernel thread consumes whatever submit() publishes, with no io_uring_enter to refuse it.
  test('submit() publishes nothing: a root-only file is not opened with the old credentials', () => {
    const r = runScript(`
const { Ring, constants } = require(ROOT);
const fs = require('fs'), os = require('os'), path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-cred-'));
const secret = path.join(dir, 'secret');
fs.writeFileSync(secret, 'x', { mode: 0o600 });
const ring = new Ring({ entries: 8, flags: constants.setupFlags.SQPOLL, sqThreadIdle: 2000 });
ring.prepNop(9); ring.submit(1); ring.reap(() => {}); // the kernel thread is awake and polling the SQ
process.setgroups([65534]); process.setgid(65534); process.setuid(65534);
const out = { results: [] };
ring.prepOpenat(-100, Buffer.from(secret + '\\0'), 0, 0, 1);
try { ring.submit(); out.submitted = true; } catch (e) { out.err = e.code; }
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // time for the kernel thread to take it, if it could
ring.reap((ud, res) => out.results.push([ud, res]));
ring.close((ud, res) => out.results.push([ud, res]));
console.log(JSON.stringify(out));`, { timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(lastJson(r)).toEqual({ err: 'ERR_URING_CREDENTIALS_CHANGED', results: [[1, -125]] });
  });
});
