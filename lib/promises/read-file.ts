// readFile on an open descriptor, as Node 20 loops it: the size from fstat, reads at the
// current position until EOF or the size is reached, unknown sizes (/proc) read in chunks.
import { StringDecoder } from 'node:string_decoder';
import { AbortScope, checkAborted, type FsOptions } from './options';
import { fstatRaw } from './fstat-raw';
import { readAt } from './io';
import { outOfRange } from '../errors';
import { S_IFMT, S_IFREG } from '../linux';

const kReadFileBufferLength = 512 * 1024;
const kReadFileUnknownBufferLength = 64 * 1024;
const kIoMaxLength = 2 ** 31 - 1;

export function fileTooLarge(size: number): RangeError {
  const err = new RangeError(`File size (${size}) is greater than 2 GiB`) as RangeError & { code: string };
  err.code = 'ERR_FS_FILE_TOO_LARGE';
  return err;
}

export async function readFileFd(fd: number, options: FsOptions): Promise<Buffer | string> {
  const signal = options?.signal;
  const encoding = options?.encoding as BufferEncoding | undefined;
  const decoder = encoding && new StringDecoder(encoding);

  checkAborted(signal);
  // readFile(closedHandle): node validates the fd (-1) before its fstat: ERR_OUT_OF_RANGE.
  if (fd < 0) throw outOfRange('fd', '>= 0 && <= 2147483647', fd);
  const scope = new AbortScope(signal);
  try {
    const st = await fstatRaw(fd);
    checkAborted(signal);

    let size = 0;
    let length = 0;
    if (((st[7] & 0xffff) & S_IFMT) === S_IFREG) {
      size = st[10] + st[11] * 4294967296;
      length = encoding ? Math.min(size, kReadFileBufferLength) : size;
    }
    if (length === 0) length = kReadFileUnknownBufferLength;
    if (size > kIoMaxLength) throw fileTooLarge(size);

    let totalRead = 0;
    const noSize = size === 0;
    let buffer = Buffer.allocUnsafeSlow(length);
    let result = '';
    let offset = 0;
    let buffers: Buffer[] | undefined;
    const chunkedRead = length > kReadFileBufferLength;

    for (;;) {
      checkAborted(signal);
      if (chunkedRead) length = Math.min(size - totalRead, kReadFileBufferLength);
      let bytesRead: number;
      try {
        bytesRead = await readAt(fd, offset === 0 && length === buffer.byteLength ? buffer : buffer.subarray(offset, offset + length), -1, scope);
      } catch (err) {
        throw scope.failure(err);
      }
      totalRead += bytesRead;

      if (bytesRead === 0 || totalRead === size || (bytesRead !== buffer.length && !chunkedRead && !noSize)) {
        const singleRead = bytesRead === totalRead;
        const bytesToCheck = chunkedRead ? totalRead : bytesRead;
        if (bytesToCheck !== buffer.length) buffer = buffer.subarray(0, bytesToCheck);
        if (!encoding) {
          if (noSize && !singleRead) {
            buffers!.push(buffer);
            return Buffer.concat(buffers!, totalRead);
          }
          return buffer;
        }
        if (singleRead) return buffer.toString(encoding);
        result += (decoder as StringDecoder).end(buffer);
        return result;
      }
      const readBuffer = bytesRead !== buffer.length ? buffer.subarray(0, bytesRead) : buffer;
      if (encoding) {
        result += (decoder as StringDecoder).write(readBuffer);
      } else if (size !== 0) {
        offset = totalRead;
      } else {
        buffers ??= [];
        buffers.push(readBuffer);
        buffer = Buffer.allocUnsafeSlow(kReadFileUnknownBufferLength);
      }
    }
  } finally {
    scope.dispose();
  }
}
