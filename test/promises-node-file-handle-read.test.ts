// Behaviours of Node's test-fs-promises-file-handle-read, test-fs-read-promises-optional-params,
// test-fs-promises-readfile-with-fd and test-fs-readv-promises, against uring/promises.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable, targetIsNode, targetPath } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

async function withFile<T>(name: string, content: string | Buffer, flags: string, fn: (fh: FileHandle, file: string) => Promise<T>): Promise<T> {
  const file = tmp(name);
  writeFileSync(file, content);
  const fh = await loadTarget().open(file, flags);
  try {
    return await fn(fh, file);
  } finally {
    await fh.close();
  }
}

type ReadForm = 'positional' | 'options object';
const forms: ReadForm[] = ['positional', 'options object'];
function read(fh: FileHandle, form: ReadForm, buffer: Buffer, offset: number, length: number, position: number | null) {
  return form === 'positional' ? fh.read(buffer, offset, length, position) : fh.read({ buffer, offset, length, position });
}

suite('FileHandle.read', () => {
  test.each(forms)('%s: reads a whole small file into the caller\'s buffer, and 0 bytes of an empty one', async (form) => {
    await withFile('hello.txt', 'Hello world', 'r', async (fh) => {
      const buffer = Buffer.alloc(11);
      const r = await read(fh, form, buffer, 0, 11, 0);
      expect(r.bytesRead).toBe(11);
      expect(r.buffer).toBe(buffer);
      expect(buffer.toString()).toBe('Hello world');
    });
    await withFile('empty.txt', '', 'r', async (fh) => {
      const r = await read(fh, form, Buffer.alloc(11), 0, 11, 0);
      expect(r.bytesRead).toBe(0);
    });
  });

  test.each(forms)('%s: a position past 2^32 is a 64-bit offset (0 bytes), not truncated to 32 bits', async (form) => {
    await withFile('x.txt', 'xyz\n', 'r', async (fh) => {
      const r = await read(fh, form, Buffer.alloc(1), 0, 1, 0xffffffff + 1);
      expect(r.bytesRead).toBe(0);
    });
  });

  test('read() with no arguments reads into a fresh 16 KiB buffer', async () => {
    await withFile('x.txt', 'xyz\n', 'r', async (fh) => {
      const r = await fh.read();
      expect(r.bytesRead).toBe(4);
      expect(r.buffer.byteLength).toBe(16384);
      expect(r.buffer.subarray(0, 4).toString()).toBe('xyz\n');
    });
  });

  test('read({}) and read(buffer, { position }) use the defaults for what is left out', async () => {
    await withFile('x.txt', 'xyz\n', 'r', async (fh) => {
      const a = await fh.read({});
      expect(a.bytesRead).toBe(4);
      expect(a.buffer.byteLength).toBe(16384);
      const own = Buffer.allocUnsafe(4);
      const b = await fh.read(own, { position: 0 });
      expect(b.bytesRead).toBe(4);
      expect(b.buffer).toBe(own);
      expect(own.toString()).toBe('xyz\n');
    });
  });

  test('position 0 is honoured after the current position has moved', async () => {
    await withFile('x.txt', 'xyz\n', 'r', async (fh) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const buf = Buffer.alloc(1);
        const { bytesRead } = await fh.read({ buffer: buf, offset: 0, length: 1, position: i % 3 });
        expect(bytesRead).toBe(1);
        seen.push(buf.toString());
      }
      expect(seen.join('')).toBe('xyzxyz');
    });
  });

  test.each([0, 1])('length %d in the options object reads exactly that many bytes', async (len) => {
    await withFile('x.txt', 'xyz\n', 'r', async (fh) => {
      const { bytesRead } = await fh.read({ buffer: Buffer.alloc(4), offset: 0, length: len, position: 0 });
      expect(bytesRead).toBe(len);
    });
  });

  test.each([0, 1])('a %d-byte buffer: length undefined or null means the whole buffer, in both forms', async (size) => {
    await withFile('x.txt', 'xyz\n', 'r', async (fh) => {
      const buf = Buffer.alloc(size);
      expect((await fh.read(buf)).bytesRead).toBe(size);
      expect((await fh.read(buf, 0, undefined, 0)).bytesRead).toBe(size);
      expect((await fh.read(buf, 0, null as unknown as number, 0)).bytesRead).toBe(size);
      expect((await fh.read({ buffer: buf, offset: 0, length: undefined, position: 0 })).bytesRead).toBe(size);
      expect((await fh.read({ buffer: buf, offset: 0, length: null as unknown as number, position: 0 })).bytesRead).toBe(size);
    });
  });

  test('position null reads at, and advances, the current position; readFile continues from there', async () => {
    await withFile('hw.txt', 'Hello World', 'r', async (fh) => {
      const buf = Buffer.alloc(5);
      const { bytesRead } = await fh.read(buf, 0, 5, null);
      expect(bytesRead).toBe(5);
      expect(buf.toString()).toBe('Hello');
      expect((await fh.readFile()).toString()).toBe(' World');
    });
  });

  test('readv: an empty buffer reads 0 bytes; two halves receive the whole file (position null and omitted)', async () => {
    const text = Buffer.from('ümlaut. Лорем 運務ホソモ指及 आपको करने विकास 紙読決多密所 أضف');
    for (const position of [null as unknown as undefined, undefined]) {
      await withFile('readv.txt', text, 'r', async (fh) => {
        const empty = await fh.readv([Buffer.from('')], position);
        expect(empty.bytesRead).toBe(0);
        expect(empty.buffers).toEqual([Buffer.from('')]);
        const halves = [Buffer.alloc(Math.floor(text.length / 2)), Buffer.alloc(text.length - Math.floor(text.length / 2))];
        const r = await fh.readv(halves, position);
        expect(r.bytesRead).toBe(text.length);
        expect(r.buffers).toEqual(halves);
        expect(r.buffers[0]).toBe(halves[0]);
        expect(Buffer.concat(halves)).toEqual(text);
      });
    }
  });

  // Node 20 aborts the process here (CHECK args[3]->IsInt32()); later Node coerces the string.
  (targetIsNode ? test.skip : test)('a string length is coerced or refused, never a crash', () => {
    const file = tmp('x-crash.txt');
    writeFileSync(file, 'xyz\n');
    const script = `
      const fsp = require(${JSON.stringify(targetPath)});
      (async () => {
        const fh = await fsp.open(${JSON.stringify(file)}, 'r');
        try { const r = await fh.read(Buffer.alloc(4), 0, '1', 0); console.log(JSON.stringify({ bytesRead: r.bytesRead })); }
        catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code })); }
        finally { await fh.close(); }
      })();`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect([JSON.stringify({ bytesRead: 1 }), JSON.stringify({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })]).toContain(JSON.stringify(out));
  });
});
