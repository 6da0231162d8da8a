// Builders over registered (fixed) buffers: READ_FIXED and WRITE_FIXED. The buffer handed in
// must lie inside registered buffer `bufIndex`: the kernel checks the same against the pages it
// pinned at registration, and answers -EFAULT otherwise; here it is an argument error first.
import { opcodes } from '../constants';
import { outOfRange } from '../errors';
import { SQE_BUF_INDEX } from '../sqe';
import { validateBuffer, validateFd, validateInteger, validateSqeFlags, validateUserData } from '../validate';
import { liveByteLength } from '../views';
import type { RingCore } from './core';
import { offHi, offLo, validatePosition } from './position';
import { requireOpcode } from './registration';

/** READ_FIXED / WRITE_FIXED: as READ / WRITE, plus buf_index; pins the buffer and the registered one. @internal */
export function prepRwFixed(core: RingCore, op: number, fd: number, buffer: ArrayBufferView, position: number | bigint, bufIndex: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, op, op === opcodes.READ_FIXED ? 'READ_FIXED' : 'WRITE_FIXED', '5.1');
  validateFd(fd);
  const view = validateBuffer(buffer);
  const len = liveByteLength(view);
  const off = validatePosition(position);
  const registered = core.registeredBuffers ?? [];
  if (registered.length === 0 && typeof bufIndex === 'number' && Number.isInteger(bufIndex)) {
    throw outOfRange('bufIndex', 'a registered buffer (none are registered: registerBuffers() first)', bufIndex);
  }
  const index = validateInteger(bufIndex, 'bufIndex', 0, registered.length - 1);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const reg = registered[index];
  const regLen = liveByteLength(reg);
  const regAddr = regLen > 0 ? core.addr(reg) : 0;
  const addr = len > 0 ? core.addr(view) : regAddr;
  if (len < 0 || regLen <= 0 || addr < regAddr || addr + len > regAddr + regLen) {
    throw outOfRange('buffer', `a range inside registered buffer ${index} (${regLen < 0 ? 0 : regLen} bytes)`, buffer);
  }
  const id = core.prep(op, flags, fd, offLo(off), offHi(off), addr, len, 0, ud, [view, reg]);
  core.sq.sqes[core.sq.last() + SQE_BUF_INDEX] = index;
  return id;
}
