// Behaviours of Node's test-fs-promises-file-handle-write, test-fs-promises-write-optional-params,
// test-fs-promises-writefile-with-fd and test-fs-promises-file-handle-append-file.
import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

async function withHandle<T>(name: string, flags: string, fn: (fh: FileHandle, file: string) => Promise<T>): Promise<T> {
  const file = tmp(name);
  const fh = await loadTarget().open(file, flags);
  try {
    return await fn(fh, file);
  } finally {
    await fh.close();
  }
}

type AnyWrite = (...args: unknown[]) => Promise<unknown>;

suite('FileHandle.write', () => {
  test('writes a whole buffer (1100 bytes), and an empty one', async () => {
    const buffer = Buffer.from('Hello world'.repeat(100));
    await withHandle('write.txt', 'w+', async (fh, file) => {
      const r = await fh.write(buffer, 0, buffer.length);
      expect(r).toEqual({ bytesWritten: buffer.length, buffer });
      expect(readFileSync(file)).toEqual(buffer);
    });
    await withHandle('empty-write.txt', 'w+', async (fh, file) => {
      const r = await fh.write(Buffer.from(''), 0, 0);
      expect(r.bytesWritten).toBe(0);
      expect(readFileSync(file).length).toBe(0);
    });
  });

  test('a string is written as a string (position, encoding), not taken for a buffer', async () => {
    const text = Buffer.from('Hello world').toString('base64');
    await withHandle('string.txt', 'w+', async (fh, file) => {
      const r = await (fh.write as AnyWrite)(text, 0, text.length);
      expect(r).toEqual({ bytesWritten: text.length, buffer: text });
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  });

  const notBuffers: [string, unknown][] = [
    ['undefined', undefined], ['null', null], ['true', true], ['42', 42], ['42n', 42n], ['a symbol', Symbol('42')],
    ['NaN', NaN], ['[]', []], ['a function', () => {}], ['a promise', Promise.resolve(new Uint8Array(1))], ['{}', {}],
    ['{ buffer: string }', { buffer: 'amNotParam' }], ['{ string }', { string: 'amNotParam' }],
    ['{ buffer: ArrayBuffer }', { buffer: new Uint8Array(1).buffer }], ['a Date', new Date()],
    ['a String object', new String('notPrimitive')], ['an object with toString', { toString: () => 'amObject' }],
    ['an object with toPrimitive', { [Symbol.toPrimitive]: () => 'amObject' }],
  ];
  test.each(notBuffers)('%s as the data is ERR_INVALID_ARG_TYPE', async (_, bad) => {
    await withHandle('invalid.txt', 'w+', async (fh) => {
      await expect((fh.write as AnyWrite)(bad, {})).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    });
  });

  test('no data at all is ERR_INVALID_ARG_TYPE', async () => {
    await withHandle('invalid.txt', 'w+', async (fh) => {
      await expect((fh.write as AnyWrite)()).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    });
  });

  const badOptions: [object, string][] = [
    [{ length: 5 }, 'ERR_OUT_OF_RANGE'], [{ offset: 5 }, 'ERR_OUT_OF_RANGE'], [{ length: 1, offset: 3 }, 'ERR_OUT_OF_RANGE'],
    [{ length: -1 }, 'ERR_OUT_OF_RANGE'], [{ offset: -1 }, 'ERR_OUT_OF_RANGE'],
    [{ offset: false }, 'ERR_INVALID_ARG_TYPE'], [{ offset: true }, 'ERR_INVALID_ARG_TYPE'],
  ];
  test.each(badOptions)('options %p on a 3-byte buffer: %s, and the options are not mutated', async (options, code) => {
    const frozen = Object.freeze({ ...options });
    await withHandle('invalid.txt', 'w+', async (fh) => {
      await expect((fh.write as AnyWrite)(Buffer.from('zyx'), frozen)).rejects.toMatchObject({ code });
    });
    expect(frozen).toEqual(options);
  });

  const goodOptions: (object | null | undefined)[] = [
    undefined, null, {}, { length: 1 }, { position: 5 }, { length: 1, position: 5 }, { length: 1, position: -1, offset: 2 },
    { length: null }, { position: null }, { offset: 1 },
  ];
  test.each(goodOptions)('write(buffer, %p) and read(buffer, same options) agree', async (options) => {
    const frozen = options && Object.freeze({ ...options });
    const buffer = Buffer.from('zyx');
    await withHandle('valid.txt', 'w+', async (fh) => {
      const w = (await (fh.write as AnyWrite)(buffer, frozen)) as { bytesWritten: number; buffer: Buffer };
      const written = Uint8Array.prototype.slice.call(w.buffer);
      const r = (await (fh.read as AnyWrite)(buffer, frozen)) as { bytesRead: number; buffer: Buffer };
      const read = Uint8Array.prototype.slice.call(r.buffer);
      expect(w.bytesWritten).toBeGreaterThanOrEqual(r.bytesRead);
      const length = (options as { length?: number } | null | undefined)?.length;
      if (length !== undefined && length !== null) expect(w.bytesWritten).toBe(length);
      const offset = (options as { offset?: number } | null | undefined)?.offset;
      if (offset === undefined || offset === 0) expect(read).toEqual(written);
      expect(w.buffer).toBe(r.buffer);
    });
  });

  test('FileHandle.writeFile writes at the current position, without truncating', async () => {
    await withHandle('hw.txt', 'w', async (fh, file) => {
      const { bytesWritten } = await fh.write(Buffer.from('Hello'), 0, 5, null);
      expect(bytesWritten).toBe(5);
      await fh.writeFile('World');
      expect(readFileSync(file, 'utf8')).toBe('HelloWorld');
    });
  });

  test('FileHandle.appendFile on an "a" handle: buffer and string land as given', async () => {
    const buffer = Buffer.from('a&Dp'.repeat(100));
    await withHandle('append-buffer.txt', 'a', async (fh, file) => {
      await fh.appendFile(buffer);
      expect(readFileSync(file)).toEqual(buffer);
    });
    const text = 'x~yz'.repeat(100);
    await withHandle('append-string.txt', 'a', async (fh, file) => {
      await fh.appendFile(text);
      expect(readFileSync(file)).toEqual(Buffer.from(text));
    });
  });
});
