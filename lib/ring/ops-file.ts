// Builders of the fd family: READ, WRITE, READV, WRITEV, FSYNC, FTRUNCATE, CLOSE. Each
// validates its arguments (node's errors, in node's order), then makes the one core call,
// core.prep(op, sqeFlags, fd, off lo/hi, addr, len, op flags, userData, pins).
import { fsyncFlags as fsyncBits, opcodes, sqeFlags as sqeFlagBits } from '../constants';
import { invalidArgType, invalidArgValue, outOfRange } from '../errors';
import { SQE_FILE_INDEX } from '../sqe';
import { validateBufferArray, validateFd, validateInteger, validateSqeFlags, validateUint32, validateUserData } from '../validate';
import { liveByteLength, viewByteLength } from '../views';
import type { RingCore } from './core';
import { MAX_POS, offHi, offLo, validatePosition } from './position';
import { validateFileIndex } from './registration';

const TWO_32 = 4294967296;

/** prepRead/prepWrite's buffer error: not a view (len -2), detached (-1), or too long. */
function rwBufferError(buffer: unknown, len: number): Error {
  if (len === -2) return invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
  if (len === -1) return invalidArgValue('buffer', buffer, 'must not be backed by a detached ArrayBuffer');
  return outOfRange('buffer.byteLength', '<= 4294967295', len);
}

/** READ / WRITE: fd, off = position, addr = buffer, len = its bytes; pins the buffer. @internal */
export function prepRw(core: RingCore, op: number, fd: number, buffer: ArrayBufferView, position: unknown, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  validateFd(fd);
  // validateBuffer() + a length check, with the same errors in the same order, but the
  // detached test only for an empty view (see liveByteLength).
  const len = ArrayBuffer.isView(buffer) ? liveByteLength(buffer) : -2;
  if (len < 0 || len > 0xffffffff) throw rwBufferError(buffer, len);
  const off = validatePosition(position);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(op, flags, fd, offLo(off), offHi(off), core.addr(buffer), len, 0, ud, buffer);
}

/**
 * prepRw for arguments uring/promises has already checked: the public checks and their calls
 * are skipped so that the whole path inlines; anything unusual (a closed ring, a detached
 * view, an fd or a position out of range) takes prepRw, with its errors.
 * @internal
 */
export function prepRwChecked(core: RingCore, op: number, fd: number, view: ArrayBufferView, position: number, userData: number): number {
  const len = !core.closed && (fd | 0) === fd && fd >= 0 && (userData | 0) === userData && userData >= 0 &&
    (position === -1 || (Number.isSafeInteger(position) && position >= 0)) && ArrayBuffer.isView(view)
    ? liveByteLength(view)
    : -1;
  if (len < 0 || len > 0xffffffff) return prepRw(core, op, fd, view, position, userData, undefined);
  const lo = position === -1 ? 0xffffffff : position >>> 0;
  const hi = position === -1 ? 0xffffffff : (position / TWO_32) >>> 0;
  return core.prep(op, 0, fd, lo, hi, core.addr(view), len, 0, userData, view);
}

/** READV / WRITEV: fd, off = position, addr = a struct iovec[] built here, len = its count; pins the iovecs and every buffer. @internal */
export function prepRwv(core: RingCore, op: number, fd: number, buffers: ArrayBufferView[], position: unknown, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  validateFd(fd);
  const views = validateBufferArray(buffers);
  const off = validatePosition(position);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  // struct iovec[]: { void *iov_base; size_t iov_len; }, pinned with the buffers.
  const iov = new Uint32Array(Math.max(views.length, 1) * 4);
  const pins: unknown[] = [iov];
  for (let i = 0; i < views.length; i++) {
    const b = views[i];
    const len = viewByteLength(b);
    if (len > 0xffffffff) throw outOfRange(`buffers[${i}].byteLength`, '<= 4294967295', len);
    const a = core.addr(b);
    iov[i * 4] = a >>> 0;
    iov[i * 4 + 1] = (a / TWO_32) >>> 0;
    iov[i * 4 + 2] = len;
    iov[i * 4 + 3] = 0;
    pins.push(b);
  }
  return core.prep(op, flags, fd, offLo(off), offHi(off), core.addr(iov), views.length, 0, ud, pins);
}

/** FSYNC: fd, fsync_flags (DATASYNC or 0). @internal */
export function prepFsync(core: RingCore, fd: number, userData: number, fsyncFlags?: number, sqeFlags?: number): number {
  core.checkOpen();
  validateFd(fd);
  const ud = validateUserData(userData);
  const opFlags = fsyncFlags === undefined ? 0 : validateUint32(fsyncFlags, 'fsyncFlags');
  if ((opFlags & ~fsyncBits.DATASYNC) !== 0) throw outOfRange('fsyncFlags', '0 or IORING_FSYNC_DATASYNC', fsyncFlags);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.FSYNC, flags, fd, 0, 0, 0, 0, opFlags, ud, undefined);
}

/** FTRUNCATE: fd, off = length. @internal */
export function prepFtruncate(core: RingCore, fd: number, length: number | bigint, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  validateFd(fd);
  // Checked here so that errors name "length" (validatePosition's would name "position" and allow -1).
  if (typeof length === 'number') validateInteger(length, 'length', 0, Number.MAX_SAFE_INTEGER);
  else if (typeof length !== 'bigint') throw invalidArgType('length', 'of type number or bigint', length);
  else if (length < 0n || length > MAX_POS) throw outOfRange('length', `>= 0 && <= ${MAX_POS}`, length);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.FTRUNCATE, flags, fd, offLo(length), offHi(length), 0, 0, 0, ud, undefined);
}

/** CLOSE: fd. @internal */
export function prepClose(core: RingCore, fd: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  validateFd(fd);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.CLOSE, flags, fd, 0, 0, 0, 0, 0, ud, undefined);
}

/** CLOSE of a direct descriptor: fd 0, file_index = slot + 1. @internal */
export function prepCloseDirect(core: RingCore, fileIndex: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const index = validateFileIndex(core, fileIndex);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  if ((flags & sqeFlagBits.FIXED_FILE) !== 0) throw outOfRange('sqeFlags', 'without IOSQE_FIXED_FILE (the slot is fileIndex)', sqeFlags);
  const id = core.prep(opcodes.CLOSE, flags, 0, 0, 0, 0, 0, 0, ud, undefined);
  core.sq.sqes[core.sq.last() + SQE_FILE_INDEX] = index + 1;
  return id;
}
