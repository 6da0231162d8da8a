// Findings of a review of readFile(path)'s one-promise path (lib/promises/read-file-fast.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { DIRECT_SLOTS } from '../lib/promises/read-file-fast';
import { errorShape, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

test('a path renamed over between the open and the STATX: the opened file is read whole, never cut to the other file\'s size', async () => {
  // STATX takes the path, not the direct descriptor: it used to size the result by the new file
  // (100000 bytes of the old one cut to 50000, or to 32768) while node:fs fstat()s its fd.
  const file = path.join(dirs.b, 'config');
  const next = path.join(dirs.b, 'config.tmp');
  for (const [oldSize, newSize] of [[100000, 50000], [100000, 32768], [40000, 32768], [1 << 20, 600000], [40000, 200000]]) {
    for (const encoding of [undefined, 'latin1'] as const) {
      const old = Buffer.alloc(oldSize, 'a');
      fs.writeFileSync(file, old);
      fs.writeFileSync(next, Buffer.alloc(newSize, 'b'));
      const pending = fsp.readFile(file, encoding);
      // The open and first read complete inside the first flush's enter; the STATX is prepared
      // on the next tick, after this one.
      process.nextTick(() => fs.renameSync(next, file));
      const got = await pending;
      const bytes = typeof got === 'string' ? Buffer.from(got, 'latin1') : got;
      expect({ oldSize, newSize, encoding, length: bytes.length, same: bytes.equals(old) })
        .toEqual({ oldSize, newSize, encoding, length: oldSize, same: true });
    }
  }
});

test('a string too long for V8 rejects as node:fs rejects (it threw out of the ring\'s reap, killing the process)', async () => {
  // 'hex' doubles the length: 270 MB of a sparse file make more than V8's 2^29 - 24 characters.
  const size = 2 ** 28 + 2 ** 20;
  for (const dir of [dirs.a, dirs.b]) {
    fs.writeFileSync(path.join(dir, 'big'), '');
    fs.truncateSync(path.join(dir, 'big'), size);
  }
  const n = await nodeFsp.readFile(path.join(dirs.a, 'big'), 'hex').then((s) => s.length, (e) => errorShape(e, dirs.a));
  const u = await fsp.readFile(path.join(dirs.b, 'big'), 'hex').then((s) => s.length, (e) => errorShape(e, dirs.b));
  expect(u).toEqual(n);
  expect(n).toMatchObject({ name: 'RangeError', message: 'Invalid string length' });
  // The descriptor was closed: the same call still works on a file that fits.
  fs.writeFileSync(path.join(dirs.b, 'small'), 'ok');
  expect(await fsp.readFile(path.join(dirs.b, 'small'), 'hex')).toBe(Buffer.from('ok').toString('hex'));
}, 60000);

const asRoot = process.getuid?.() === 0 ? test : test.skip;

// A uid change while a readFile job is between steps: the file it already opened (a direct
// descriptor) is read to the end, as node:fs keeps reading the fd it opened. (node:fs itself
// is not run beside it: whether its thread-pool open comes before the change is a race.)
asRoot('a uid change after the open: the file already open is read to the end, as node:fs does', () => {
  const root = path.join(__dirname, '..');
  const out = execFileSync(process.execPath, ['-e', `
    const fsp = require('uring/promises');
    const fs = require('node:fs');
    const dir = fs.mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'uring-midjob-'));
    fs.chmodSync(dir, 0o700); // root's only
    const file = dir + '/f';
    fs.writeFileSync(file, Buffer.alloc(100000, 'x'));
    const outcome = (p) => p.then((b) => b.length, (e) => e.code);
    (async () => {
      await fsp.readFile('/proc/self/stat');
      const u = outcome(fsp.readFile(file));
      // After the first flush (OPEN + READ done as root), before the job's next step.
      process.nextTick(() => process.seteuid(65534));
      const r = { uring: await u };
      process.seteuid(0);
      fs.rmSync(dir, { recursive: true });
      console.log(JSON.stringify(r));
    })();
  `], { cwd: root, encoding: 'utf8', timeout: 20000 }).trim();
  expect(JSON.parse(out)).toEqual({ uring: 100000 });
});

/** How a call ends: a sync throw is not a rejection (node:fs/promises never throws). */
async function ending(run: () => Promise<unknown>, dir: string): Promise<unknown> {
  let pending: Promise<unknown>;
  try {
    pending = run();
  } catch (e) {
    return { thrown: errorShape(e, dir) };
  }
  return pending.then((v) => ({ ok: String(v) }), (e) => ({ rejected: errorShape(e, dir) }));
}

test('relative paths in a removed working directory reject as node:fs rejects (readFile and stat threw uv_cwd)', async () => {
  const cwd = process.cwd();
  const gone = path.join(dirs.b, 'gone');
  fs.mkdirSync(gone);
  process.chdir(gone);
  fs.rmdirSync(gone);
  try {
    const calls: Array<[string, (api: typeof nodeFsp) => Promise<unknown>]> = [
      ['readFile', (api) => api.readFile('x')],
      ['readFile utf8', (api) => api.readFile('x', 'utf8')],
      ['readFile buffer', (api) => api.readFile(Buffer.from('x'))],
      ['stat', (api) => api.stat('x')],
      ['lstat', (api) => api.lstat('x')],
      ['open', (api) => api.open('x')],
      ['mkdir', (api) => api.mkdir('x')],
    ];
    for (const [name, call] of calls) {
      const n = await ending(() => call(nodeFsp), dirs.b);
      const u = await ending(() => call(fsp as unknown as typeof nodeFsp), dirs.b);
      expect({ name, u }).toEqual({ name, u: n });
    }
  } finally {
    process.chdir(cwd);
  }
});

test('relative paths in a working directory whose name is not UTF-8 name the file there, as in node:fs', () => {
  // process.cwd() has U+FFFD where the bytes were: joined to it, the path named nothing.
  const bad = Buffer.concat([Buffer.from(`${dirs.b}/bad`), Buffer.from([0xff])]);
  fs.mkdirSync(bad);
  fs.writeFileSync(Buffer.concat([bad, Buffer.from('/x')]), 'here');
  const script = `
    const fsp = require(${JSON.stringify(path.join(__dirname, '..'))} + '/dist/promises');
    const end = (p) => p.then((v) => typeof v === 'string' ? v : 'ok', (e) => e.code);
    (async () => {
      const r = [fsp.backend, await end(fsp.readFile('x', 'utf8')), await end(fsp.stat('x')), await end(fsp.lstat('x')),
        await end(fsp.open('x').then((h) => h.close())), await end(fsp.readFile(Buffer.from('x'), 'utf8'))];
      console.log(JSON.stringify(r));
    })();`;
  const out = execFileSync('/bin/sh', ['-c', 'cd "$DIR/$(printf "bad\\377")" && exec "$NODE" -e "$SCRIPT"'], {
    env: { ...process.env, DIR: dirs.b, NODE: process.execPath, SCRIPT: script }, encoding: 'utf8', timeout: 20000,
  }).trim();
  expect(JSON.parse(out)).toEqual(['io_uring', 'here', 'ok', 'ok', 'ok', 'here']);
});

test('a call that finds every direct descriptor taken reads the path it was given, not what its Buffer holds later', async () => {
  // node:fs copies a Buffer path when called. A job that found no free slot started over on the
  // slow path with the caller's Buffer, read when the job was prepared (on the next tick).
  const fifo = path.join(dirs.b, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const writer = fs.openSync(fifo, 'r+'); // a writer that writes nothing: readers wait in their first READ
  const a = path.join(dirs.b, 'aaaa');
  const b = path.join(dirs.b, 'bbbb');
  fs.writeFileSync(a, 'from a');
  fs.writeFileSync(b, 'from b');
  try {
    const holders = Array.from({ length: DIRECT_SLOTS }, () => fsp.readFile(fifo));
    const name = Buffer.from(a);
    const pending = fsp.readFile(name, 'utf8');
    name.write(b);
    // Once every slot holds the FIFO (the readers wait in their READ), the writer may go: EOF for all.
    const ring = /\(fd (\d+)\)/.exec(fsp.backendReason)![1];
    const installed = () => fs.readFileSync(`/proc/self/fdinfo/${ring}`, 'utf8').split('\n').filter((l) => /^\s*\d+: /.test(l)).length;
    while (installed() < DIRECT_SLOTS) await new Promise((resolve) => setTimeout(resolve, 5));
    fs.closeSync(writer);
    await Promise.all(holders);
    expect(await pending).toBe('from a');
  } finally {
    try { fs.closeSync(writer); } catch { /* closed */ }
  }
});
