// readFile(path)'s one-promise path (lib/promises/read-file-fast.ts): OPENAT into a direct
// descriptor linked to a READ, a READ to EOF (or STATX for the size when the first read filled
// its buffer), then CLOSE. Contents, errors and the descriptor table are checked at each size
// boundary of the first read and for files it cannot finish alone.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fsp from '../lib/promises';
import { FIRST_READ, DIRECT_SLOTS } from '../lib/promises/read-file-fast';
import { errorShape, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

/** Slots of the shared ring's file table that hold an open file (from its fdinfo). */
function installedSlots(): string[] {
  const m = /\(fd (\d+)\)/.exec(fsp.backendReason);
  if (m === null) throw new Error(`no ring: ${fsp.backendReason}`);
  const info = fs.readFileSync(`/proc/self/fdinfo/${m[1]}`, 'utf8');
  expect(info).toMatch(new RegExp(`UserFiles:\\s+${DIRECT_SLOTS}\\n`));
  return info.split('\n').filter((l) => /^\s*\d+: /.test(l));
}

test('the shared ring serves readFile through io_uring', () => {
  expect(fsp.backend).toBe('io_uring');
});

test('contents at every size boundary of the first read, as buffers and strings', async () => {
  const sizes = [0, 1, 4095, 4096, FIRST_READ - 1, FIRST_READ, FIRST_READ + 1, 3 * FIRST_READ + 17, 1 << 20];
  for (const size of sizes) {
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 31 + size) & 0xff;
    const file = path.join(dirs.b, `f${size}`);
    fs.writeFileSync(file, data);
    const got = await fsp.readFile(file);
    expect(Buffer.isBuffer(got)).toBe(true);
    expect(got.length).toBe(size);
    expect(Buffer.compare(got, data)).toBe(0);
    // A result of its own, not a view of memory the next call reuses.
    expect(got.buffer.byteLength).toBe(size === 0 ? got.buffer.byteLength : size);
    for (const encoding of ['utf8', 'latin1', 'base64', 'hex'] as const) {
      expect(await fsp.readFile(file, encoding)).toBe(data.toString(encoding));
      expect(await fsp.readFile(file, { encoding })).toBe(data.toString(encoding));
    }
  }
  expect(installedSlots()).toEqual([]);
});

test('a result is not overwritten by later calls', async () => {
  const a = path.join(dirs.b, 'a');
  const b = path.join(dirs.b, 'b');
  fs.writeFileSync(a, 'first file');
  fs.writeFileSync(b, 'second one');
  const first = await fsp.readFile(a);
  await Promise.all(Array.from({ length: 50 }, () => fsp.readFile(b)));
  expect(first.toString()).toBe('first file');
});

test('path shapes: relative, Buffer, file URL, trailing slash; errors equal node:fs', async () => {
  for (const dir of [dirs.a, dirs.b]) {
    fs.writeFileSync(path.join(dir, 'file'), 'contents');
    fs.mkdirSync(path.join(dir, 'sub'));
  }
  const cwd = process.cwd();
  try {
    const cases: Array<(dir: string) => unknown> = [
      (d) => path.join(d, 'file'),
      (d) => Buffer.from(path.join(d, 'file')),
      (d) => pathToFileURL(path.join(d, 'file')),
      (d) => path.join(d, 'missing'),
      (d) => path.join(d, 'file/'),
      (d) => path.join(d, 'file', 'x'),
      (d) => path.join(d, 'sub'),
      (d) => `${path.join(d, 'sub')}/`,
      (d) => path.relative(cwd, path.join(d, 'file')),
      () => '',
    ];
    for (const make of cases) {
      const n = await nodeFsp.readFile(make(dirs.a) as string).then((v) => ({ ok: v.toString() }), (e) => ({ err: errorShape(e, dirs.a) }));
      const u = await fsp.readFile(make(dirs.b) as string).then((v) => ({ ok: v.toString() }), (e) => ({ err: errorShape(e, dirs.b) }));
      expect(u).toEqual(n);
    }
    // Relative to the working directory at call time.
    process.chdir(dirs.b);
    expect((await fsp.readFile('file')).toString()).toBe('contents');
    await expect(fsp.readFile('sub')).rejects.toMatchObject({ code: 'EISDIR', syscall: 'read' });
  } finally {
    process.chdir(cwd);
  }
  expect(installedSlots()).toEqual([]);
});

test('a regular file over 2 GiB fails with node:fs\'s ERR_FS_FILE_TOO_LARGE, before reading it', async () => {
  const file = path.join(dirs.b, 'sparse');
  fs.writeFileSync(file, 'head');
  fs.truncateSync(file, 2 ** 31 + 4096); // sparse: no disk used
  const n = await nodeFsp.readFile(file).then(() => 'read', (e) => errorShape(e, dirs.b));
  const u = await fsp.readFile(file).then(() => 'read', (e) => errorShape(e, dirs.b));
  expect(u).toEqual(n);
  expect((u as { code: string }).code).toBe('ERR_FS_FILE_TOO_LARGE');
  expect(installedSlots()).toEqual([]);
});

test('a path longer than PATH_MAX fails as node:fs fails', async () => {
  const long = path.join(dirs.b, 'x'.repeat(200), '/'.repeat(0)) + '/y'.repeat(2000);
  const n = await nodeFsp.readFile(long).catch((e) => errorShape(e, dirs.b));
  const u = await fsp.readFile(long).catch((e) => errorShape(e, dirs.b));
  expect(u).toEqual(n);
  expect((u as { code: string }).code).toBe('ENAMETOOLONG');
});

test('files whose size the first read cannot trust: /proc (size 0) and /sys (size 4096)', async () => {
  expect(await fsp.readFile('/proc/self/cmdline')).toEqual(fs.readFileSync('/proc/self/cmdline'));
  const status = await fsp.readFile('/proc/self/status', 'utf8');
  expect(status).toMatch(/^Name:\t/);
  expect(status.endsWith('\n')).toBe(true);
  expect(fs.statSync('/sys/devices/system/cpu/online').size).toBe(4096);
  expect(await fsp.readFile('/sys/devices/system/cpu/online', 'utf8')).toBe(fs.readFileSync('/sys/devices/system/cpu/online', 'utf8'));
  expect(installedSlots()).toEqual([]);
});

test('a FIFO is read to EOF without losing data, however the writer splits it', async () => {
  const fifo = path.join(dirs.b, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const total = 5 * FIRST_READ + 1234;
  // The writer opens the FIFO after we do (our open waits for it), writes in uneven pieces, with pauses.
  const writer = spawn(process.execPath, ['-e', `
    const fs = require('fs');
    const fd = fs.openSync(${JSON.stringify(fifo)}, 'w');
    let sent = 0, piece = 0;
    (function next() {
      if (sent === ${total}) { fs.closeSync(fd); return; }
      const n = Math.min(${total} - sent, [1, 4096, 7000, 65536, 333][piece++ % 5]);
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = (sent + i) % 251;
      fs.writeSync(fd, b);
      sent += n;
      setTimeout(next, piece % 3 === 0 ? 5 : 0);
    })();
  `], { stdio: 'inherit' });
  // Listening before the read: the writer may have exited by the time readFile settles.
  const exited = new Promise((resolve) => writer.on('exit', resolve));
  const got = await fsp.readFile(fifo);
  await exited;
  expect(got.length).toBe(total);
  for (let i = 0; i < total; i++) {
    if (got[i] !== i % 251) throw new Error(`byte ${i} is ${got[i]}`);
  }
  expect(installedSlots()).toEqual([]);
});

test('more calls at once than direct descriptors, with errors mixed in: all right, none left open', async () => {
  const files: string[] = [];
  for (let i = 0; i < 40; i++) {
    const f = path.join(dirs.b, `m${i}`);
    fs.writeFileSync(f, Buffer.alloc(i * 1000 + 1, i));
    files.push(f);
  }
  const calls = Array.from({ length: DIRECT_SLOTS * 3 }, (_, i) => {
    if (i % 7 === 0) return fsp.readFile(dirs.b).then(() => 'no error', (e) => e.code);
    if (i % 11 === 0) return fsp.readFile(path.join(dirs.b, 'missing')).then(() => 'no error', (e) => e.code);
    const f = files[i % files.length];
    return fsp.readFile(f).then((b) => (b.equals(fs.readFileSync(f)) ? 'same' : 'different'));
  });
  const results = await Promise.all(calls);
  results.forEach((r, i) => {
    expect(r).toBe(i % 7 === 0 ? 'EISDIR' : i % 11 === 0 ? 'ENOENT' : 'same');
  });
  expect(installedSlots()).toEqual([]);
});

test('options the one-promise path leaves to the other: flag, signal, encoding "buffer"', async () => {
  const file = path.join(dirs.b, 'f');
  fs.writeFileSync(file, 'abc');
  expect((await fsp.readFile(file, { flag: 'r+' })).toString()).toBe('abc');
  expect((await fsp.readFile(file, { signal: new AbortController().signal })).toString()).toBe('abc');
  await expect(fsp.readFile(file, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  const n = await nodeFsp.readFile(file, { encoding: 'buffer' as BufferEncoding }).then(String, (e) => errorShape(e));
  const u = await fsp.readFile(file, { encoding: 'buffer' as BufferEncoding }).then(String, (e) => errorShape(e));
  expect(u).toEqual(n);
});
