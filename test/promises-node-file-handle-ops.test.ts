// Behaviours of Node's test-fs-promises (the main walk through the API),
// -file-handle-stat, -file-handle-sync and -file-handle-truncate.
import { readFileSync, writeFileSync } from 'node:fs';
import { types } from 'node:util';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();
const SOURCE = 'module.exports = "perhaps I work";\n'; // 35 bytes, as Node's baz.js fixture

suite('FileHandle operations and the path API', () => {
  test('the test-fs-promises walk: copy, open, stat, truncate, sync, write, read, chmod, utimes, rename, links, mkdir, readdir, rmdir, mkdtemp', async () => {
    const fsp = loadTarget();
    const root = tmp('walk');
    await fsp.mkdir(root);
    writeFileSync(tmp('baz-src.js'), SOURCE);
    const dest = `${root}/baz.js`;
    await fsp.copyFile(tmp('baz-src.js'), dest);
    await fsp.access(dest, fsp.constants.R_OK);

    const handle = await fsp.open(dest, 'r+');
    expect(typeof handle).toBe('object');
    let stats = await handle.stat();
    expect(typeof stats.dev).toBe('number');
    expect(typeof stats.mode).toBe('number');
    expect(stats.size).toBe(35);
    await handle.truncate(1);
    expect((await handle.stat()).size).toBe(1);
    expect((await fsp.stat(dest)).size).toBe(1);
    await handle.datasync();
    await handle.sync();

    const buf = Buffer.from('hello fsPromises');
    await handle.write(buf);
    const ret = await handle.read(Buffer.alloc(buf.length), 0, buf.length, 0);
    expect(ret.bytesRead).toBe(buf.length);
    expect(ret.buffer).toEqual(buf);
    const buf2 = Buffer.from('hello FileHandle');
    await handle.write(buf2, 0, buf2.length, 0);
    const ret2 = await handle.read(Buffer.alloc(buf2.length), 0, buf2.length, 0);
    expect(ret2.buffer).toEqual(buf2);

    await fsp.chmod(dest, 0o666);
    await handle.chmod(0o666);
    await fsp.chmod(dest, 0o10777);
    await handle.chmod(0o10777);
    expect((await fsp.stat(dest)).mode & 0o777).toBe(0o777);
    await fsp.utimes(dest, new Date(), new Date());
    await handle.utimes(new Date(0), new Date(1000));
    expect((await handle.stat()).mtimeMs).toBe(1000);
    await handle.close();

    const renamed = `${root}/baz2.js`;
    await fsp.rename(dest, renamed);
    expect((await fsp.stat(renamed)).isFile()).toBe(true);
    const symlink = `${root}/baz3.js`;
    await fsp.symlink(renamed, symlink);
    expect((await fsp.lstat(symlink)).isSymbolicLink()).toBe(true);
    expect(await fsp.realpath(symlink)).toBe(renamed);
    expect(await fsp.readlink(symlink)).toBe(renamed);
    await fsp.unlink(symlink);
    const hardlink = `${root}/baz4.js`;
    await fsp.link(renamed, hardlink);
    expect((await fsp.stat(renamed)).nlink).toBe(2);
    await fsp.unlink(hardlink);
    expect((await fsp.stat(renamed)).nlink).toBe(1);

    const dir = `${root}/dir`;
    await fsp.mkdir(dir);
    expect((await fsp.stat(dir)).isDirectory()).toBe(true);
    expect((await fsp.readdir(root)).sort()).toEqual(['baz2.js', 'dir']);
    await fsp.rmdir(dir);
    const made = await fsp.mkdtemp(`${root}/FOO`);
    expect(made.startsWith(`${root}/FOO`)).toBe(true);
    await expect(fsp.mkdtemp(1 as unknown as string)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
    await expect(fsp.access(`${root}/nope`)).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringMatching(/^ENOENT: no such file or directory, access/) });
  });

  // Node 20 words it 'mode must be int32 or null/undefined'; later Node names the type.
  test('copyFile and access refuse a string mode with ERR_INVALID_ARG_TYPE', async () => {
    const fsp = loadTarget();
    writeFileSync(tmp('sync-src.js'), SOURCE);
    await expect(fsp.copyFile(tmp('sync-src.js'), tmp('sync.js'), 'r' as unknown as number)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_TYPE', message: expect.stringMatching(/mode/),
    });
    await expect(fsp.access(tmp('sync-src.js'), 'r' as unknown as number)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: expect.stringMatching(/mode/) });
  });

  test('sync and datasync, then a write at the current position and a positional read', async () => {
    const fsp = loadTarget();
    writeFileSync(tmp('sync.js'), SOURCE);
    const handle = await fsp.open(tmp('sync.js'), 'r+');
    try {
      await expect(handle.datasync()).resolves.toBeUndefined();
      await expect(handle.sync()).resolves.toBeUndefined();
      const buf = Buffer.from('hello world');
      await handle.write(buf);
      const ret = await handle.read(Buffer.alloc(11), 0, 11, 0);
      expect(ret.bytesRead).toBe(11);
      expect(ret.buffer).toEqual(buf);
    } finally {
      await handle.close();
    }
  });

  test('FileHandle.stat of a new file: mtime is a Date, size 0, a regular file', async () => {
    const handle = await loadTarget().open(tmp('stat.txt'), 'w+');
    try {
      const stats = await handle.stat();
      expect(types.isDate(stats.mtime)).toBe(true);
      expect(Number.isNaN(stats.mtime.getTime())).toBe(false);
      expect(stats.size).toBe(0);
      expect(stats.isFile()).toBe(true);
      const big = await handle.stat({ bigint: true });
      expect(typeof big.size).toBe('bigint');
      expect(typeof big.mtimeNs).toBe('bigint');
    } finally {
      await handle.close();
    }
  });

  test('FileHandle.truncate(5) leaves the first five bytes', async () => {
    const fsp = loadTarget();
    const file = tmp('truncate.txt');
    const handle = await fsp.open(file, 'w+');
    try {
      const buffer = Buffer.from('Hello world');
      await handle.write(buffer, 0, buffer.length);
      expect((await fsp.readFile(file)).toString()).toBe('Hello world');
      await handle.truncate(5);
      expect((await fsp.readFile(file)).toString()).toBe('Hello');
      expect(readFileSync(file, 'utf8')).toBe('Hello');
    } finally {
      await handle.close();
    }
  });
});
