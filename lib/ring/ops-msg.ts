// MSG_RING: posts a CQE into another ring (another thread's, or this one). The target's CQE
// carries the sender's `userData` in a reserved user_data range (high word MSG_HI + the value's
// upper bits) that no operation's slot can have, so the target's reap() hands it to its callback.
import { opcodes } from '../constants';
import { validateFd, validateInteger, validateSqeFlags, validateUserData } from '../validate';
import type { RingCore } from './core';
import { requireOpcode } from './registration';

const TWO_32 = 4294967296;
/** user_data high word of a message's CQE, plus userData's bits above 32 (21 of them): slots' generations stay below 1024. @internal */
export const MSG_HI = 0x80000000;
/** The largest high word a message can have. @internal */
export const MSG_HI_MAX = MSG_HI + Math.floor(Number.MAX_SAFE_INTEGER / TWO_32);

/** MSG_RING (IORING_MSG_DATA): fd = the target ring, len = res, off = the target CQE's user_data. @internal */
export function prepMsgRing(core: RingCore, targetRingFd: number, res: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.MSG_RING, 'MSG_RING', '5.18');
  const target = validateFd(targetRingFd, 'targetRingFd');
  const value = validateInteger(res, 'res', -(2 ** 31), 2 ** 31 - 1);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  // The sender's own CQE (res 0 or -errno) comes back with the same userData, through its slot.
  return core.prep(opcodes.MSG_RING, flags, target, ud >>> 0, MSG_HI + Math.floor(ud / TWO_32), 0, value, 0, ud, undefined);
}
