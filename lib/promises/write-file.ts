// writeFile on an open descriptor, as Node 20 loops it: chunks of at most 512 KiB at the
// current position, short writes continued, iterables written item by item.
import { invalidArgType } from '../errors';
import { AbortScope, checkAborted, validateAbortSignal, type FsOptions } from './options';
import { writeAt } from './io';

const kWriteFileMaxChunkSize = 512 * 1024;

export function isCustomIterable(obj: unknown): obj is Iterable<unknown> | AsyncIterable<unknown> {
  if (obj == null || typeof obj === 'string' || ArrayBuffer.isView(obj)) return false;
  const o = obj as Record<symbol, unknown>;
  return typeof o[Symbol.iterator] === 'function' || typeof o[Symbol.asyncIterator] === 'function';
}

/** writeFile's argument checks in Node's order (flush, data, signal); a string comes back encoded. */
export function checkWriteFileArgs(data: unknown, o: FsOptions): { bytes: unknown; flush: boolean } {
  const flush = o.flush ?? false;
  if (typeof flush !== 'boolean') throw invalidArgType('options.flush', 'of type boolean', flush);
  let bytes = data;
  if (!ArrayBuffer.isView(data) && !isCustomIterable(data)) {
    if (typeof data !== 'string') {
      throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    bytes = Buffer.from(data, (o.encoding || 'utf8') as BufferEncoding);
  }
  validateAbortSignal(o.signal, 'signal');
  return { bytes, flush };
}

async function writeAll(fd: number, data: Uint8Array, scope: AbortScope, signal: AbortSignal | undefined, eachChunk: boolean): Promise<void> {
  let view = data;
  while (view.byteLength > 0) {
    if (!eachChunk) checkAborted(signal);
    const n = Math.min(kWriteFileMaxChunkSize, view.byteLength);
    let written: number;
    try {
      written = await writeAt(fd, n === view.byteLength ? view : view.subarray(0, n), -1, scope);
    } catch (err) {
      throw scope.failure(err);
    }
    view = view.subarray(written);
    if (eachChunk) checkAborted(signal);
  }
}

export async function writeFileFd(fd: number, data: unknown, signal: AbortSignal | undefined, encoding: string | null | undefined): Promise<void> {
  checkAborted(signal);
  const scope = new AbortScope(signal);
  try {
    if (isCustomIterable(data)) {
      for await (const buf of data as AsyncIterable<unknown>) {
        checkAborted(signal);
        const toWrite = ArrayBuffer.isView(buf)
          ? buf
          : Buffer.from(buf as string, (encoding || 'utf8') as BufferEncoding);
        await writeAll(fd, new Uint8Array(toWrite.buffer, toWrite.byteOffset, toWrite.byteLength), scope, signal, true);
      }
      return;
    }
    const view = data as ArrayBufferView;
    await writeAll(fd, new Uint8Array(view.buffer, view.byteOffset, view.byteLength), scope, signal, false);
  } finally {
    scope.dispose();
  }
}
