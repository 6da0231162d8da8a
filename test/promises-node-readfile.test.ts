// Behaviours of Node's test-fs-promises-readfile, -readfile-empty and
// -file-handle-readFile: contents, /proc files that report size 0, encodings, AbortSignal.
import { randomBytes } from 'node:crypto';
import { openSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

suite('readFile', () => {
  test('a 33 KiB random file reads back byte for byte (after writeFile)', async () => {
    const fsp = loadTarget();
    const data = randomBytes(16834 * 2);
    await fsp.writeFile(tmp('large'), data);
    expect((await fsp.readFile(tmp('large'))).equals(data)).toBe(true);
  });

  test('/proc files, which stat as size 0, are read to the end (path and handle)', async () => {
    const fsp = loadTarget();
    const hostname = await fsp.readFile('/proc/sys/kernel/hostname');
    expect(hostname.length).toBeGreaterThan(0);
    const fh = await fsp.open('/proc/self/status', 'r');
    try {
      const status = await fh.readFile('utf8');
      expect(status).toMatch(/^Name:/);
      expect(status).toMatch(/\nPid:\s+\d+/);
    } finally {
      await fh.close();
    }
  });

  test('an empty file: an empty Buffer, "" with utf8 as string or option', async () => {
    const fsp = loadTarget();
    writeFileSync(tmp('empty.txt'), '');
    const b = await fsp.readFile(tmp('empty.txt'));
    expect(Buffer.isBuffer(b)).toBe(true);
    expect(b.length).toBe(0);
    expect(await fsp.readFile(tmp('empty.txt'), 'utf8')).toBe('');
    expect(await fsp.readFile(tmp('empty.txt'), { encoding: 'utf8' })).toBe('');
  });

  test('a signal aborted before the call rejects with AbortError (path and handle)', async () => {
    const fsp = loadTarget();
    writeFileSync(tmp('dogs.txt'), 'Dogs running'.repeat(10000));
    await expect(fsp.readFile(tmp('dogs.txt'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    const fh = await fsp.open(tmp('dogs.txt'), 'r');
    try {
      const signal = AbortSignal.abort();
      await expect(fsp.readFile(fh, { signal })).rejects.toMatchObject({ name: 'AbortError' });
      await expect(fh.readFile({ signal })).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await fh.close();
    }
  });

  test('aborting on the next tick rejects with AbortError (path and handle)', async () => {
    const fsp = loadTarget();
    writeFileSync(tmp('dogs1.txt'), 'Dogs running'.repeat(10000));
    const c1 = new AbortController();
    process.nextTick(() => c1.abort());
    await expect(fsp.readFile(tmp('dogs1.txt'), { signal: c1.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const fh = await fsp.open(tmp('dogs1.txt'), 'r');
    try {
      const c2 = new AbortController();
      process.nextTick(() => c2.abort());
      await expect(fh.readFile({ signal: c2.signal, encoding: 'utf8' })).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await fh.close();
    }
  });

  test('FileHandle.readFile sees what another descriptor wrote after the handle was opened', async () => {
    const fsp = loadTarget();
    const file = tmp('other-fd.txt');
    const fh = await fsp.open(file, 'w+');
    try {
      const data = Buffer.from('Hello world'.repeat(100));
      const fd = openSync(file, 'w+');
      writeSync(fd, data, 0, data.length);
      closeSync(fd);
      expect(await fh.readFile()).toEqual(data);
    } finally {
      await fh.close();
    }
  });

  test('a file larger than one read chunk (1.5 MiB) with an encoding', async () => {
    const fsp = loadTarget();
    const text = 'ümlaut-€-'.repeat(150000);
    writeFileSync(tmp('big-utf8.txt'), text);
    expect(await fsp.readFile(tmp('big-utf8.txt'), 'utf8')).toBe(text);
    expect(await fsp.readFile(tmp('big-utf8.txt'), { encoding: 'base64' })).toBe(Buffer.from(text).toString('base64'));
  });
});
