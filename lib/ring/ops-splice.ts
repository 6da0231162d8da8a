// Builders that move data between a pipe and a file without a copy through user memory:
// SPLICE and TEE. The input fd goes in splice_fd_in (word 11), its offset in the addr words.
import { opcodes, spliceFlags as spliceBits } from '../constants';
import { outOfRange } from '../errors';
import { SQE_FILE_INDEX } from '../sqe';
import { validateFd, validateSqeFlags, validateUint32, validateUserData } from '../validate';
import type { RingCore } from './core';
import { offHi, offLo, validateOffset } from './position';
import { requireOpcode } from './registration';

const SPLICE_FLAGS = spliceBits.MOVE | spliceBits.NONBLOCK | spliceBits.MORE | spliceBits.GIFT | spliceBits.FD_IN_FIXED;

function validateSpliceFlags(value: unknown): number {
  const f = validateUint32(value, 'spliceFlags');
  if ((f & ~SPLICE_FLAGS) >>> 0 !== 0) throw outOfRange('spliceFlags', 'a combination of constants.spliceFlags', value);
  return f;
}

/** SPLICE: fd = fdOut, off = offOut, addr = offIn (splice_off_in), len = nbytes, splice_flags, splice_fd_in = fdIn. @internal */
export function prepSplice(core: RingCore, fdIn: number, offIn: number | bigint, fdOut: number, offOut: number | bigint, nbytes: number, spliceFlags: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.SPLICE, 'SPLICE', '5.7');
  validateFd(fdIn, 'fdIn');
  const oi = validateOffset(offIn, 'offIn', true);
  validateFd(fdOut, 'fdOut');
  const oo = validateOffset(offOut, 'offOut', true);
  const n = validateUint32(nbytes, 'nbytes');
  const sf = validateSpliceFlags(spliceFlags);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const id = core.prep(opcodes.SPLICE, flags, fdOut, offLo(oo), offHi(oo), 0, n, sf, ud, undefined);
  const sqes = core.sq.sqes;
  const w = core.sq.last();
  sqes[w + 4] = offLo(oi); // splice_off_in; -1 (no offset: a pipe) is all ones, the kernel's (u64)-1
  sqes[w + 5] = offHi(oi);
  sqes[w + SQE_FILE_INDEX] = fdIn;
  return id;
}

/** TEE: fd = fdOut, len = nbytes, splice_flags, splice_fd_in = fdIn (both pipes). @internal */
export function prepTee(core: RingCore, fdIn: number, fdOut: number, nbytes: number, spliceFlags: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.TEE, 'TEE', '5.8');
  validateFd(fdIn, 'fdIn');
  validateFd(fdOut, 'fdOut');
  const n = validateUint32(nbytes, 'nbytes');
  const sf = validateSpliceFlags(spliceFlags);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const id = core.prep(opcodes.TEE, flags, fdOut, 0, 0, 0, n, sf, ud, undefined);
  core.sq.sqes[core.sq.last() + SQE_FILE_INDEX] = fdIn;
  return id;
}
