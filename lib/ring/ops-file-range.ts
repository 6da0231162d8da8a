// Builders over a byte range of a file: FALLOCATE, FADVISE, SYNC_FILE_RANGE.
import { opcodes } from '../constants';
import { outOfRange } from '../errors';
import { validateFd, validateInteger, validateSqeFlags, validateUint32, validateUserData } from '../validate';
import type { RingCore } from './core';
import { offHi, offLo, validateOffset } from './position';
import { requireOpcode } from './registration';

// SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER
const SYNC_FILE_RANGE_FLAGS = 7;

/** FALLOCATE: fd, off = offset, addr = length (u64), len = mode (FALLOC_FL_*). @internal */
export function prepFallocate(core: RingCore, fd: number, mode: number, offset: number | bigint, length: number | bigint, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.FALLOCATE, 'FALLOCATE', '5.6');
  validateFd(fd);
  const m = validateUint32(mode, 'mode');
  const off = validateOffset(offset, 'offset');
  const len = validateOffset(length, 'length');
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  // The length goes in the addr words, which the SQE writer takes as a number below 2^53.
  if (typeof len === 'bigint' && len > BigInt(Number.MAX_SAFE_INTEGER)) throw outOfRange('length', `<= ${Number.MAX_SAFE_INTEGER}`, length);
  const addr = Number(len);
  return core.prep(opcodes.FALLOCATE, flags, fd, offLo(off), offHi(off), addr, m, 0, ud, undefined);
}

/** FADVISE and SYNC_FILE_RANGE: fd, off = offset, len = length (u32; 0: to the end), the op's flags from `opFlags()`. */
function prepRange(core: RingCore, op: number, name: string, since: string, fd: number, offset: unknown, length: unknown, opFlags: () => number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, op, name, since);
  validateFd(fd);
  const off = validateOffset(offset, 'offset');
  const len = validateUint32(length, 'length');
  const of = opFlags();
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(op, flags, fd, offLo(off), offHi(off), 0, len, of, ud, undefined);
}

/** FADVISE: fadvise_advice = advice. @internal */
export function prepFadvise(core: RingCore, fd: number, offset: number | bigint, length: number, advice: number, userData: number, sqeFlags?: number): number {
  // POSIX_FADV_NORMAL..POSIX_FADV_NOREUSE
  return prepRange(core, opcodes.FADVISE, 'FADVISE', '5.6', fd, offset, length, () => validateInteger(advice, 'advice', 0, 5), userData, sqeFlags);
}

/** SYNC_FILE_RANGE: sync_range_flags. @internal */
export function prepSyncFileRange(core: RingCore, fd: number, offset: number | bigint, length: number, syncFlags: number, userData: number, sqeFlags?: number): number {
  const checkFlags = (): number => {
    const sf = validateUint32(syncFlags, 'flags');
    if ((sf & ~SYNC_FILE_RANGE_FLAGS) !== 0) throw outOfRange('flags', 'a combination of SYNC_FILE_RANGE_* (mask 7)', syncFlags);
    return sf;
  };
  return prepRange(core, opcodes.SYNC_FILE_RANGE, 'SYNC_FILE_RANGE', '5.2', fd, offset, length, checkFlags, userData, sqeFlags);
}
