// Builders of the poll family: POLL_ADD (single or multishot); POLL_REMOVE is ops-timeout's prepRemove.
import { opcodes, pollFlags } from '../constants';
import { validateFd, validateSqeFlags, validateUint32, validateUserData } from '../validate';
import type { RingCore } from './core';
import { multishotOption, noteMultishot } from './multishot';
import { requireOpcode } from './registration';

/** POLL_ADD: fd, poll32_events (word 7) = events, len = IORING_POLL_ADD_MULTI for multishot. @internal */
export function prepPollAdd(core: RingCore, fd: number, events: number, userData: number, options?: { multishot?: boolean }, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.POLL_ADD, 'POLL_ADD', '5.1');
  validateFd(fd);
  const ev = validateUint32(events, 'events');
  const ud = validateUserData(userData);
  const multishot = multishotOption(options, 'a prepPollAdd');
  const flags = validateSqeFlags(sqeFlags);
  const id = core.prep(opcodes.POLL_ADD, flags, fd, 0, 0, 0, multishot ? pollFlags.ADD_MULTI : 0, ev, ud, undefined);
  if (multishot) noteMultishot(core, id);
  return id;
}
