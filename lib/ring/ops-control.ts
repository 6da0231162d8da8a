// Builders that touch no file: NOP and ASYNC_CANCEL.
import { opcodes } from '../constants';
import { ringError } from '../errors';
import { SQE_WORDS, writeNopSqe } from '../sqe';
import { validateInteger, validateSqeFlags, validateUserData } from '../validate';
import type { RingCore } from './core';
import { cancelTarget, MAX_SLOTS } from './in-flight';

/**
 * NOP: core.prep's steps written out with writeNopSqe, and kept small so that TurboFan inlines
 * all of it into the caller's loop (a prep call already optimized with more than 460 bytes of
 * bytecode inlined is never inlined again, and the call then costs more than the SQE).
 * @internal
 */
export function prepNop(core: RingCore, userData: number, sqeFlags?: number): number {
  if (core.closing) notOpen(core, userData, sqeFlags); // closing or closed (closing stays set)
  const ud = validateUserData(userData);
  const flags = sqeFlags === undefined ? 0 : validateSqeFlags(sqeFlags);
  const sq = core.sq;
  const tail = sq.tail;
  if (((tail - sq.headSeen) >>> 0) >= sq.entries) sq.reloadHead(); // sq.next(), written out
  const table = core.table;
  const slot = table.take(ud, 0);
  const gen = table.gen[slot];
  writeNopSqe(sq.sqes, sq.sqes64, (tail & sq.mask) * SQE_WORDS, flags, slot, gen);
  sq.tail = (tail + 1) >>> 0;
  if (table.count++ === 0) core.updateActive();
  return gen * MAX_SLOTS + slot;
}

/** prepNop on a ring that is closing or closed: the errors (and their order) of the checks it skipped. */
function notOpen(core: RingCore, userData: unknown, sqeFlags: unknown): never {
  core.checkOpen();
  validateUserData(userData);
  validateSqeFlags(sqeFlags);
  throw ringError('ERR_URING_CLOSED', 'The ring is closing');
}

/** ASYNC_CANCEL: fd -1, addr = the target's user_data. @internal */
export function prepCancel(core: RingCore, opId: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const id = validateInteger(opId, 'opId', 0, Number.MAX_SAFE_INTEGER);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  // An id no prep call returned matches no operation: the cancel then completes with -ENOENT.
  return core.prep(opcodes.ASYNC_CANCEL, flags, -1, 0, 0, cancelTarget(id), 0, 0, ud, undefined);
}
