// The shared ring keeps the process alive while an operation is in the kernel, and never
// when idle; after a uid change it is replaced so calls keep working with the new credentials.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');

function node(script: string): string {
  // Child processes load the built package (dist/) through the package's own exports.
  return execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 20000 }).trim();
}

describe('process lifetime', () => {
  test('an idle ring does not keep the process alive', () => {
    expect(node(`
      const fsp = require('uring/promises');
      fsp.readFile('/proc/self/stat').then((b) => console.log('read', b.length > 0, fsp.backend));
    `)).toBe('read true io_uring');
  });

  test('a read blocked in the kernel keeps it alive until it completes', () => {
    const out = node(`
      const fsp = require('uring/promises');
      const fs = require('node:fs');
      const { execFileSync } = require('node:child_process');
      const fifo = require('node:path').join(require('node:os').tmpdir(), 'uring-life-' + process.pid);
      execFileSync('mkfifo', [fifo]);
      (async () => {
        const h = await fsp.open(fifo, 'r+');
        h.read(Buffer.alloc(5), 0, 5, null).then((r) => { console.log('got', r.buffer.toString()); fs.unlinkSync(fifo); return h.close(); });
        // Unref'd: only the pending read can keep the loop running until this fires.
        setTimeout(() => fs.writeFileSync(fifo, 'hello'), 200).unref();
      })();
    `);
    expect(out).toBe('got hello');
  });
});

const asRoot = process.getuid?.() === 0 ? test : test.skip;

describe('credentials', () => {
  asRoot('after seteuid the shared ring keeps serving: calls work and use the new credentials', () => {
    const out = node(`
      const fsp = require('uring/promises');
      const nodeFsp = require('node:fs/promises');
      const code = (p) => p.then(() => 'ok', (e) => e.code);
      (async () => {
        const before = await code(fsp.readFile('/proc/self/stat'));
        const pending = code(fsp.stat('/proc/self'));   // queued before the change, submitted after
        const pendingRead = code(fsp.readFile('/etc/hostname'));
        const pendingSecret = code(fsp.readFile('/root/.uring-never'));
        process.setegid(65534);
        process.seteuid(65534);
        const r = [before, await pending, await code(fsp.readFile('/etc/hostname'))];
        r.push(await pendingRead, await pendingSecret);
        // A root-only directory: refused for uid 65534 exactly as node:fs refuses it.
        r.push(await code(fsp.readFile('/root/.uring-never')), await code(nodeFsp.readFile('/root/.uring-never')));
        console.log(JSON.stringify([fsp.backend, ...r]));
      })();
    `);
    const [backend, before, pending, after, pendingRead, pendingSecret, ours, nodes] = JSON.parse(out);
    expect(backend).toBe('io_uring');
    expect([before, pending, after, pendingRead]).toEqual(['ok', 'ok', 'ok', 'ok']);
    // readFile queued before the change runs with the new credentials too.
    expect(pendingSecret).toBe('EACCES');
    expect(ours).toBe(nodes);
    expect(nodes).toBe('EACCES');
  });

  asRoot('a uid change needs no new ring: with no fd left for one, queued and later calls go on through the same ring', () => {
    // RLIMIT_NOFILE of 3 would make a new ring's io_uring_setup fail (EMFILE); the open fds keep working.
    const out = node(`
      const fsp = require('uring/promises');
      const fs = require('node:fs');
      const util = require('node:util');
      const { execFileSync } = require('node:child_process');
      (async () => {
        const h = await fsp.open('/proc/self/stat');
        execFileSync('prlimit', ['--pid', String(process.pid), '--nofile=3:3']);
        const read = h.read(Buffer.alloc(8), 0, 8, 0);
        const st = h.stat({ bigint: true });
        const byPath = fsp.stat('/proc/self');
        const whole = fsp.readFile('/proc/self/cmdline').then(() => 'ok', (e) => e.code); // handled now: it may fail first
        process.seteuid(65534);
        const r = { read: (await read).bytesRead, byPath: (await byPath).isDirectory(), backend: fsp.backend, reason: fsp.backendReason };
        // Opening anything new fails under RLIMIT_NOFILE 3: the readFile queued before the change says so as node:fs does.
        r.whole = await whole;
        r.nodeWhole = await require('node:fs/promises').readFile('/proc/self/cmdline').then(() => 'ok', (e) => e.code);
        r.later = (await h.read(Buffer.alloc(4), 0, 4, 0)).bytesRead;
        process.seteuid(0);
        r.sameStat = util.isDeepStrictEqual(await st, fs.fstatSync(h.fd, { bigint: true }));
        await h.close();
        r.closed = h.fd;
        console.log(JSON.stringify(r));
      })().catch((e) => console.log(JSON.stringify({ failed: String(e.stack) })));
    `);
    expect(JSON.parse(out)).toEqual({
      read: 8, byPath: true, whole: 'EMFILE', nodeWhole: 'EMFILE', backend: 'io_uring', reason: expect.stringMatching(/^io_uring ring of 256 entries/), later: 4, sameStat: true, closed: -1,
    });
  });
});
