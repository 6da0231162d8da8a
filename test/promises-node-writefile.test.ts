// Behaviours of Node's test-fs-promises-writefile, -file-handle-writeFile and
// -writefile-typedarray: strings, buffers, typed arrays, streams, (async) iterables,
// invalid data, encodings and AbortSignal, both top level and on a FileHandle.
import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

type Writer = (data: unknown, options?: unknown) => Promise<void>;
type Via = 'fsp.writeFile' | 'FileHandle.writeFile';
const vias: Via[] = ['fsp.writeFile', 'FileHandle.writeFile'];

/** Writes with the chosen API into a fresh file and returns what the file holds. */
async function writeVia(via: Via, name: string, run: (write: Writer) => Promise<void>): Promise<Buffer> {
  const fsp = loadTarget();
  const file = tmp(name);
  if (via === 'fsp.writeFile') {
    await run((data, options) => (fsp.writeFile as unknown as (...a: unknown[]) => Promise<void>)(file, data, options));
  } else {
    const fh: FileHandle = await fsp.open(file, 'w+');
    try {
      await run((data, options) => (fh.writeFile as unknown as (...a: unknown[]) => Promise<void>)(data, options));
    } finally {
      await fh.close();
    }
  }
  return readFileSync(file);
}

function iterableOf(...values: unknown[]): Iterable<unknown> {
  return { *[Symbol.iterator]() { yield* values; } };
}

suite.each(vias)('%s', (via) => {
  test('a string (utf8) and a buffer', async () => {
    const text = 'x~yz'.repeat(100);
    expect(await writeVia(via, 'string.txt', (w) => w(text))).toEqual(Buffer.from(text));
    const buffer = Buffer.from('abc'.repeat(1000));
    expect(await writeVia(via, 'buffer.txt', (w) => w(buffer))).toEqual(buffer);
  });

  test('Uint8Array, Uint16Array and Uint32Array views of 48 KiB write their bytes', async () => {
    for (const Ctor of [Uint8Array, Uint16Array, Uint32Array]) {
      const bytes = Buffer.from('012'.repeat(2 ** 14));
      const view = new Ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
      expect(await writeVia(via, `typed-${Ctor.name}.txt`, (w) => w(view))).toEqual(bytes);
    }
  });

  test('a Readable stream, and one with an encoding (latin1)', async () => {
    expect((await writeVia(via, 'stream.txt', (w) => w(Readable.from(['a', 'b', 'c'])))).toString()).toBe('abc');
    const latin1 = await writeVia(via, 'stream-latin1.txt', (w) => w(Readable.from(['ümlaut', ' ', 'sechzig']), 'latin1'));
    expect(latin1.toString('latin1')).toBe('ümlaut sechzig');
  });

  test('iterables of strings and of buffers, async iterables, and a stream-like iterable (not piped)', async () => {
    expect((await writeVia(via, 'iter.txt', (w) => w(iterableOf('a', 'b', 'c')))).toString()).toBe('abc');
    expect((await writeVia(via, 'iter-buf.txt', (w) => w(iterableOf(Buffer.from('a'), Buffer.from('b'), Buffer.from('c'))))).toString()).toBe('abc');
    const asyncIterable = { async *[Symbol.asyncIterator]() { yield 'a'; yield 'b'; yield 'c'; } };
    expect((await writeVia(via, 'async-iter.txt', (w) => w(asyncIterable))).toString()).toBe('abc');
    const fail = (): never => { throw new Error('a custom iterable must not be treated as a stream'); };
    const streamLike = { pipe: fail, on: fail, *[Symbol.iterator]() { yield 'a'; yield 'b'; yield 'c'; } };
    expect((await writeVia(via, 'stream-like.txt', (w) => w(streamLike))).toString()).toBe('abc');
  });

  test('a 6 MiB buffer yielded by an iterable', async () => {
    const text = 'dogs running'.repeat(512 * 1024);
    const out = await writeVia(via, 'large-iter.txt', (w) => w(iterableOf(Buffer.from(text))));
    expect(out.length).toBe(text.length);
    expect(out.toString() === text).toBe(true);
  });

  const invalid: [string, unknown][] = [['42', 42], ['42n', 42n], ['{}', {}], ['a symbol', Symbol('42')], ['true', true],
    ['undefined', undefined], ['null', null], ['NaN', NaN]];
  test.each(invalid)('%s as data, or yielded by an iterable, is ERR_INVALID_ARG_TYPE', async (_, value) => {
    await writeVia(via, 'invalid.txt', async (w) => {
      await expect(w(value)).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
      await expect(w(iterableOf(value))).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    });
  });

  test('aborting on the next tick rejects with AbortError (buffer and stream)', async () => {
    await writeVia(via, 'abort.txt', async (w) => {
      const c1 = new AbortController();
      process.nextTick(() => c1.abort());
      await expect(w(Buffer.from('dogs running'.repeat(512 * 1024)), { signal: c1.signal })).rejects.toMatchObject({ name: 'AbortError' });
      const c2 = new AbortController();
      process.nextTick(() => c2.abort());
      await expect(w(Readable.from(['a', 'b', 'c']), { signal: c2.signal })).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});

suite('fsp.writeFile specifics', () => {
  test('a missing folder is ENOENT for a stream too, with no listener left on the stream', async () => {
    const stream = Readable.from(['a']);
    await expect(loadTarget().writeFile(tmp('not-found', 'tmp.txt'), stream)).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
    expect(stream.listenerCount('error')).toBe(0);
  });

  test('a signal aborted before the call rejects without creating the file', async () => {
    await expect(loadTarget().writeFile(tmp('never.txt'), 'x', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(loadTarget().access(tmp('never.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
