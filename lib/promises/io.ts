// File-descriptor operations through the shared ring, with node:fs/promises' argument
// handling (Node 20's lib/internal/fs/promises.js) and its system errors.
import { fs } from '../node-fs';
import type * as NodeFs from 'node:fs';
import { promisify } from 'node:util';
import { opcodes } from '../constants';
import { invalidArgType, invalidArgValue, outOfRange, systemError } from '../errors';
import { validateInteger } from '../validate';
import { atCurrentPosition, startCurrent, usesFs } from './current-position';
import { start, startSettled, type Settle } from './engine';
import { supports } from './ring-loop';
import { K, rwOp, type RwOp, type RwvOp } from './ops';
import type { AbortScope } from './options';
import { readTruncatesLength, readValidatesPosition, writeValidatesFd } from './running-node';
import { fstatRaw } from './fstat-raw';
import { toStats } from './stats';
import { EBADF, IOV_MAX } from '../linux';

// What readArgs() leaves in its out-parameters between calls (no caller's buffer kept).
const NO_BUFFER = Buffer.from([0]);
const fsFtruncate = promisify(fs.ftruncate);
const fsReadv = promisify(fs.readv);

export interface ReadResult<T> {
  bytesRead: number;
  buffer: T;
}
export interface WriteResult<T> {
  bytesWritten: number;
  buffer: T;
}

/** A byte view of `length` bytes at `offset` (the view itself when it covers all of it). */
function window(buffer: ArrayBufferView, offset: number, length: number): ArrayBufferView {
  if (offset === 0 && length === buffer.byteLength) return buffer;
  return new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
}

/** libuv reads and writes at the current position for any negative or missing offset. */
function offsetOf(position: unknown): number {
  return typeof position === 'number' && Number.isSafeInteger(position) && position >= 0 ? position : -1;
}

export function validateObjectAllowNull(value: unknown, name: string): void {
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw invalidArgType(name, 'of type object', value);
  }
}

function validateBufferArg(value: unknown): asserts value is ArrayBufferView {
  if (!ArrayBuffer.isView(value)) throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', value);
}

export function validateBufferArray(buffers: unknown): asserts buffers is ArrayBufferView[] {
  if (!Array.isArray(buffers)) throw invalidArgType('buffers', 'an ArrayBufferView[]', buffers);
  for (let i = 0; i < buffers.length; i++) {
    if (!ArrayBuffer.isView(buffers[i])) throw invalidArgType('buffers', 'an ArrayBufferView[]', buffers);
  }
}

/** One READ at `position` (-1: the current position); bytes read. `scope` learns the operation when it starts. */
export function readAt(fd: number, view: ArrayBufferView, position: number, scope?: AbortScope): Promise<number> {
  if (fd < 0) return Promise.reject(systemError(-EBADF, 'read'));
  const op = rwOp(K.READ, fd, view, position);
  return position < 0 ? atCurrentPosition(fd, () => rw(op, scope)) : rw(op, scope);
}

/** One WRITE at `position` (-1: the current position); bytes written. `scope` learns the operation when it starts. */
export function writeAt(fd: number, view: ArrayBufferView, position: number, scope?: AbortScope): Promise<number> {
  if (fd < 0) return closedWrite();
  const op = rwOp(K.WRITE, fd, view, position);
  return position < 0 ? atCurrentPosition(fd, () => rw(op, scope)) : rw(op, scope);
}

/** A write to a closed handle's fd (writeFile(closedHandle)): node's fd check (Node 22+), or the kernel's EBADF (Node 20). */
async function closedWrite(): Promise<never> {
  if (await writeValidatesFd.learn()) throw outOfRange('fd', '>= 0 && <= 2147483647', -1);
  throw systemError(-EBADF, 'write');
}

async function rw(op: RwOp, scope: AbortScope | undefined): Promise<number> {
  const syscall = op.kind === K.READ ? 'read' : 'write'; // the op is the engine's once started
  let pending: Promise<number>;
  if (op.position < 0 && usesFs(op.fd)) {
    pending = startCurrent(op);
  } else {
    pending = start(op);
    scope?.track(); // the operation just started is the one to cancel
  }
  const res = await pending;
  if (res < 0) throw systemError(res, syscall);
  return res;
}

type IoOptions = { offset?: unknown; length?: unknown; position?: unknown };

// What unpackOptions() read, module-level so that it allocates nothing.
let optOffset: unknown;
let optLength: unknown;
let optPosition: unknown;

/** read()/write()'s options object with node:fs's defaults (offset 0, length to the end, position null); returns the offset. */
function unpackOptions(o: IoOptions, byteLength: number): unknown {
  optOffset = o.offset === undefined ? 0 : o.offset;
  optLength = o.length === undefined ? byteLength - (optOffset as number) : o.length;
  optPosition = o.position === undefined ? null : o.position;
  return optOffset;
}

/** The offset argument: 0 when absent, else a non-negative safe integer. */
function offsetArg(offset: unknown): number {
  if (offset == null) return 0;
  validateInteger(offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  return offset as number;
}

// What readArgs() resolved, kept module-level so the hot path allocates nothing for it.
let readBuffer: ArrayBufferView = NO_BUFFER;
let readView: ArrayBufferView = NO_BUFFER;
let readPosition = -1;

// What readArgs() found: nothing to read, a read to start (startRead), or an argument whose
// meaning differs between Node majors, not yet learnt (learnReadRules, then call again).
export const READ_NOTHING = 0;
export const READ_START = 1;
export const READ_LEARN = 2;
let readBig: bigint | undefined; // a position past 2^53 (Node 22+ takes bigints up to 2^63)

/**
 * Checks read()'s arguments as node:fs/promises does (throwing its errors) and resolves the
 * buffer, the window to read into and the position.
 */
export function readArgs(bufferOrParams: unknown, offset: unknown, length: unknown, position: unknown): number {
  readBig = undefined;
  let buffer = bufferOrParams as ArrayBufferView;
  if (!ArrayBuffer.isView(buffer)) {
    if (bufferOrParams !== undefined) validateObjectAllowNull(bufferOrParams, 'options');
    const o = (bufferOrParams ?? {}) as IoOptions & { buffer?: ArrayBufferView };
    buffer = o.buffer === undefined ? Buffer.alloc(16384) : o.buffer;
    offset = unpackOptions(o, buffer.byteLength);
    length = optLength;
    position = optPosition;
    validateBufferArg(buffer);
  }
  if (offset !== null && typeof offset === 'object') {
    offset = unpackOptions(offset as IoOptions, buffer.byteLength);
    length = optLength;
    position = optPosition;
  }
  const off = offsetArg(offset);
  length ??= buffer.byteLength - off;
  if (((length as number) | 0) !== length) {
    // Not an int32: Node 24+ truncates it to one first, 20 and 22 check it as it is.
    const truncates = readTruncatesLength.known;
    if (truncates === undefined) return READ_LEARN;
    if (truncates) length = (length as number) | 0;
  }
  if (length === 0) {
    readBuffer = buffer;
    return READ_NOTHING;
  }
  if (buffer.byteLength === 0) throw invalidArgValue('buffer', buffer, 'is empty and cannot be written');
  const len = length as number;
  if (off < 0) throw outOfRange('offset', '>= 0', off);
  if (len < 0) throw outOfRange('length', '>= 0', len);
  if (off + len > buffer.byteLength) throw outOfRange('length', `<= ${buffer.byteLength - off}`, len);
  // None, -1 (the current position) and offsets mean the same to every major.
  if (position == null || (typeof position === 'number' && position >= -1 && Number.isSafeInteger(position))) {
    readPosition = offsetOf(position);
  } else {
    const validated = readValidatesPosition.known;
    if (validated === undefined) return READ_LEARN;
    readPosition = validated ? validatedPosition(position, len) : -1; // Node 20 read at the current position
  }
  readBuffer = buffer;
  readView = window(buffer, off, len);
  return READ_START;
}

export function learnReadRules(): Promise<unknown> {
  return Promise.all([readValidatesPosition.learn(), readTruncatesLength.learn()]);
}

/** Node 22+'s validatePosition: an integer >= -1, or a bigint from -1 up to where `length` bytes still end below 2^63. */
function validatedPosition(position: unknown, length: number): number {
  if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n - BigInt(length);
    if (!(position >= -1n && position <= max)) throw outOfRange('position', `>= -1 && <= ${max}`, position);
    if (position <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(position);
    readBig = position;
    return Number.MAX_SAFE_INTEGER;
  }
  if (typeof position !== 'number') throw invalidArgType('position', 'of type bigint or integer', position);
  return validateInteger(position, 'position', -1, Number.MAX_SAFE_INTEGER);
}

/** The result of a read of nothing (length 0), for the buffer readArgs() resolved. */
export function emptyRead(): ReadResult<ArrayBufferView> {
  const buffer = readBuffer;
  readBuffer = readView = NO_BUFFER;
  return { __proto__: null, bytesRead: 0, buffer } as unknown as ReadResult<ArrayBufferView>;
}

/**
 * Starts the READ that readArgs() resolved; its promise settles through `settle(res, x,
 * buffer)` (see readResult), so one promise serves the whole call.
 */
export function startRead(fd: number, settle: Settle, x: unknown): Promise<ReadResult<ArrayBufferView>> {
  const buffer = readBuffer;
  const view = readView;
  readBuffer = readView = NO_BUFFER; // no reference kept past the call
  if (readBig !== undefined) {
    // Past 2^53: node:fs reads at a bigint position exactly, which a double cannot hold.
    const at = readBig;
    readBig = undefined;
    return new Promise((resolve, reject) => {
      fs.read(fd, view as NodeJS.ArrayBufferView, 0, view.byteLength, at, (err, n) => {
        try {
          resolve(settle(err ? (err.errno ?? -5) : n, x, buffer, false) as ReadResult<ArrayBufferView>);
        } catch (failure) {
          reject(failure);
        }
      });
    }) as Promise<ReadResult<ArrayBufferView>>;
  }
  const op = rwOp(K.READ, fd, view, readPosition);
  if (readPosition < 0) {
    return atCurrentPosition(fd, () => (usesFs(fd)
      ? startCurrent(op).then((res) => settle(res, x, buffer, false))
      : startSettled(op, settle, x, buffer))) as Promise<ReadResult<ArrayBufferView>>;
  }
  return startSettled(op, settle, x, buffer) as Promise<ReadResult<ArrayBufferView>>;
}

/** read()'s value from a READ's raw result, or its error. */
export function readResult(res: number, buffer: unknown): ReadResult<unknown> {
  if (res < 0) throw systemError(res, 'read');
  // The same null-prototype object as node:fs/promises, but with fast properties: a
  // `{ __proto__: null }` literal makes a dictionary-mode object, twice as slow to build.
  return Object.setPrototypeOf({ bytesRead: res, buffer }, null) as ReadResult<unknown>;
}

export async function write(fd: number, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown): Promise<WriteResult<unknown>> {
  if ((buffer as { byteLength?: number } | null | undefined)?.byteLength === 0) {
    return { __proto__: null, bytesWritten: 0, buffer } as unknown as WriteResult<unknown>;
  }
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    if (typeof offset === 'object') {
      offset = unpackOptions((offsetOrOptions ?? {}) as IoOptions, buffer.byteLength);
      length = optLength;
      position = optPosition;
    }
    const off = offsetArg(offset);
    if (typeof length !== 'number') length = buffer.byteLength - off;
    const len = length as number;
    if (off > buffer.byteLength) throw outOfRange('offset', `<= ${buffer.byteLength}`, off);
    if (len > buffer.byteLength - off) throw outOfRange('length', `<= ${buffer.byteLength - off}`, len);
    if (len < 0) throw outOfRange('length', '>= 0', len);
    validateInteger(len, 'length', 0, 2 ** 31 - 1);
    const bytesWritten = await writeAt(fd, window(buffer, off, len), offsetOf(position));
    return { __proto__: null, bytesWritten, buffer } as unknown as WriteResult<unknown>;
  }
  if (typeof buffer !== 'string') {
    throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
  }
  // write(string, position, encoding)
  const encoding = typeof length === 'string' && Buffer.isEncoding(length) ? length : 'utf8';
  if (encoding.toLowerCase() === 'hex' && buffer.length % 2 !== 0) {
    throw invalidArgValue('encoding', length, `is invalid for data of length ${buffer.length}`);
  }
  const bytes = Buffer.from(buffer, encoding as BufferEncoding);
  // No shortcut for an empty string: node makes the syscall, so a read-only fd still gives EBADF.
  const bytesWritten = await writeAt(fd, bytes, offsetOf(offset));
  return { __proto__: null, bytesWritten, buffer } as unknown as WriteResult<unknown>;
}

export async function readv(fd: number, buffers: unknown, position: unknown): Promise<{ bytesRead: number; buffers: ArrayBufferView[] }> {
  validateBufferArray(buffers);
  if (buffers.length === 0) throw systemError(-22, 'read'); // libuv refuses an empty list with EINVAL
  // Like libuv, at most IOV_MAX buffers are read in one call.
  const views = buffers.length > IOV_MAX ? buffers.slice(0, IOV_MAX) : buffers;
  // One empty buffer: libuv reads it with read(2)/pread(2), which reaches the file's read
  // (EISDIR on a directory), where io_uring's READV returns 0 without it. Rare: node:fs does it.
  if (views.length === 1 && views[0].byteLength === 0) {
    const at = offsetOf(position);
    await fsReadv(fd, views as NodeJS.ArrayBufferView[], at < 0 ? undefined : at).catch((err: NodeJS.ErrnoException) => {
      throw systemError(err.errno ?? -5, 'read');
    });
    return { __proto__: null, bytesRead: 0, buffers } as unknown as { bytesRead: number; buffers: ArrayBufferView[] };
  }
  const at = offsetOf(position);
  const op: RwvOp = { kind: K.READV, fd, views, position: at };
  const res = await (at < 0 ? atCurrentPosition(fd, () => startCurrent(op)) : start(op));
  if (res < 0) throw systemError(res, 'read');
  return { __proto__: null, bytesRead: res, buffers } as unknown as { bytesRead: number; buffers: ArrayBufferView[] };
}

export async function writev(fd: number, buffers: unknown, position: unknown): Promise<{ bytesWritten: number; buffers: ArrayBufferView[] }> {
  validateBufferArray(buffers);
  const pos = offsetOf(position);
  // At the current position, the calls for more than IOV_MAX buffers stay together, as in libuv's one request.
  const total = await (pos < 0 ? atCurrentPosition(fd, () => writevAll(fd, buffers, pos)) : writevAll(fd, buffers, pos));
  return { __proto__: null, bytesWritten: total, buffers } as unknown as { bytesWritten: number; buffers: ArrayBufferView[] };
}

async function writevAll(fd: number, buffers: ArrayBufferView[], pos: number): Promise<number> {
  let total = 0;
  // libuv writes more than IOV_MAX buffers in IOV_MAX-sized calls, stopping at a short write.
  for (let i = 0; i < buffers.length; i += IOV_MAX) {
    const views = buffers.length > IOV_MAX ? buffers.slice(i, i + IOV_MAX) : buffers;
    let want = 0;
    for (const v of views) want += v.byteLength;
    const op: RwvOp = { kind: K.WRITEV, fd, views, position: pos };
    const res = await (pos < 0 ? startCurrent(op) : start(op));
    if (res < 0) {
      if (total > 0) break;
      throw systemError(res, 'write');
    }
    total += res;
    if (pos >= 0) pos += res;
    if (res < want) break;
  }
  return total;
}

export async function fstat(fd: number, bigint: boolean): Promise<NodeFs.Stats | NodeFs.BigIntStats> {
  return toStats(await fstatRaw(fd), bigint);
}

export async function fsync(fd: number, datasync: boolean): Promise<void> {
  const res = await start({ kind: datasync ? K.FDATASYNC : K.FSYNC, fd });
  if (res < 0) throw systemError(res, datasync ? 'fdatasync' : 'fsync');
}

export async function ftruncate(fd: number, len: unknown = 0): Promise<void> {
  validateInteger(len, 'len', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const length = Math.max(0, len as number);
  if (!supports(opcodes.FTRUNCATE)) return fsFtruncate(fd, length);
  const res = await start({ kind: K.FTRUNCATE, fd, length });
  if (res < 0) throw systemError(res, 'ftruncate');
}

/** One promise: settled by settleClose. */
export function close(fd: number): Promise<void> {
  return startSettled({ kind: K.CLOSE, fd }, settleClose, undefined, undefined) as Promise<void>;
}

function settleClose(res: number, _x: unknown, _y: unknown, failed: boolean): undefined {
  if (!failed && res < 0) throw systemError(res, 'close');
  return undefined;
}
