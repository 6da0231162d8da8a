// Credentials: a ring created as root must not run operations with root's credentials after
// the process drops to nobody (the CVE-2024-22017 class). The kernel runs a non-SQPOLL ring's
// requests with the submitter's current credentials; an SQPOLL ring's kernel thread keeps the
// creator's, so its submit() refuses with ERR_URING_CREDENTIALS_CHANGED.
import { rmSync } from 'node:fs';
import { lastJson, runScript } from './helpers/child';

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

// A root-only file, a ring created as root, then `change`; what the ring does afterwards.
function afterChange(change: string, ringOptions = '{ entries: 8 }'): Record<string, unknown> {
  const r = runScript(`
const { Ring, constants } = require(ROOT);
const fs = require('fs'), os = require('os'), path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-cred-'));
const secret = path.join(dir, 'secret');
fs.writeFileSync(secret, 'x', { mode: 0o600 });
fs.chmodSync(dir, 0o755);
const out = { results: {}, dir };
const ring = new Ring(${ringOptions});
ring.prepNop(1); ring.submit(1); ring.reap(() => {}); // works before the change
${change}
out.uid = process.getuid(); out.gid = process.getgid(); out.groups = process.getgroups();
ring.prepNop(2);
ring.prepOpenat(-100, Buffer.from(secret + '\\0'), 0, 0, 3);
try { out.submitted = ring.submit(2); } catch (e) { out.err = { name: e.name, code: e.code, message: e.message }; }
try { ring.reap((ud, res) => { out.results[ud] = res; }); } catch (e) { out.reapErr = e.code; }
out.inFlight = ring.inFlight;
ring.close();
console.log(JSON.stringify(out));`);
  expect(r.signal).toBeNull();
  const o = lastJson(r);
  rmSync(o.dir as string, { recursive: true, force: true });
  return o;
}

const EACCES = -13;

asRoot('credentials changed after a (non-SQPOLL) ring was created: operations run with the new ones', () => {
  test('root -> nobody (setgid + setuid): the open of a root-only file fails EACCES, a NOP completes', () => {
    const o = afterChange('process.setgroups([65534]); process.setgid(65534); process.setuid(65534);');
    expect(o).toMatchObject({ uid: 65534, gid: 65534, submitted: 2, results: { 2: 0, 3: EACCES }, inFlight: 0 });
    expect(o.err).toBeUndefined();
  });

  test('seteuid alone: the same, and reaping needs no new ring', () => {
    const o = afterChange('process.seteuid(65534);');
    expect(o).toMatchObject({ submitted: 2, results: { 2: 0, 3: EACCES }, inFlight: 0 });
  });

  test('a DEFER_TASKRUN ring reaps (enters with GETEVENTS) after the change instead of throwing', () => {
    const o = afterChange('process.seteuid(65534);', '{ entries: 8, flags: constants.setupFlags.SINGLE_ISSUER | constants.setupFlags.DEFER_TASKRUN }');
    expect(o.reapErr).toBeUndefined();
    expect(o).toMatchObject({ submitted: 2, results: { 2: 0, 3: EACCES }, inFlight: 0 });
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
