// Builders of the time family: TIMEOUT, LINK_TIMEOUT, TIMEOUT_REMOVE. A timeout's struct
// __kernel_timespec is built here and pinned with the op until its CQE (the kernel copies it
// at submission, but nothing it is handed is let go before the CQE).
import { opcodes, timeoutFlags as timeoutBits } from '../constants';
import { invalidArgType, outOfRange } from '../errors';
import { validateInteger, validateSqeFlags, validateUint32, validateUserData } from '../validate';
import type { RingCore } from './core';
import { cancelTarget } from './in-flight';
import { noteMultishot } from './multishot';
import { requireOpcode } from './registration';

const MAX_NS = 2n ** 63n - 1n;
const CLOCKS = timeoutBits.BOOTTIME | timeoutBits.REALTIME;
// The flags each builder takes (UPDATE and LINK_TIMEOUT_UPDATE turn TIMEOUT_REMOVE into an update: not offered).
const TIMEOUT_FLAGS = timeoutBits.ABS | CLOCKS | timeoutBits.ETIME_SUCCESS | timeoutBits.MULTISHOT;
const LINK_TIMEOUT_FLAGS = timeoutBits.ABS | CLOCKS;

/** A struct __kernel_timespec { s64 tv_sec; s64 tv_nsec; } of `ns` nanoseconds (a number or a bigint >= 0). */
function timespec(ns: unknown): BigInt64Array {
  let total: bigint;
  if (typeof ns === 'number') total = BigInt(validateInteger(ns, 'ns', 0, Number.MAX_SAFE_INTEGER));
  else if (typeof ns !== 'bigint') throw invalidArgType('ns', 'of type number or bigint', ns);
  else if (ns < 0n || ns > MAX_NS) throw outOfRange('ns', `>= 0 && <= ${MAX_NS}`, ns);
  else total = ns;
  const ts = new BigInt64Array(2);
  ts[0] = total / 1_000_000_000n;
  ts[1] = total % 1_000_000_000n;
  return ts;
}

function validateTimeoutFlags(value: unknown, allowed: number, what: string): number {
  if (value === undefined) return 0;
  const flags = validateUint32(value, 'timeoutFlags');
  if ((flags & ~allowed) !== 0 || (flags & CLOCKS) === CLOCKS) {
    throw outOfRange('timeoutFlags', `a combination of ${what} (at most one clock)`, value);
  }
  return flags;
}

/** TIMEOUT: fd -1, addr = timespec, len = 1, off = count, timeout_flags. @internal */
export function prepTimeout(core: RingCore, ns: number | bigint, count: number, userData: number, timeoutFlags?: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.TIMEOUT, 'TIMEOUT', '5.4');
  const ts = timespec(ns);
  const n = validateUint32(count, 'count');
  const ud = validateUserData(userData);
  const tf = validateTimeoutFlags(timeoutFlags, TIMEOUT_FLAGS, 'ABS, BOOTTIME, REALTIME, ETIME_SUCCESS and MULTISHOT');
  const flags = validateSqeFlags(sqeFlags);
  const id = core.prep(opcodes.TIMEOUT, flags, -1, n, 0, core.addr(ts), 1, tf, ud, ts);
  if ((tf & timeoutBits.MULTISHOT) !== 0) noteMultishot(core, id);
  return id;
}

/** LINK_TIMEOUT: fd -1, addr = timespec, len = 1, timeout_flags; the SQE before it carries IOSQE_IO_LINK. @internal */
export function prepLinkTimeout(core: RingCore, ns: number | bigint, userData: number, timeoutFlags?: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.LINK_TIMEOUT, 'LINK_TIMEOUT', '5.5');
  const ts = timespec(ns);
  const ud = validateUserData(userData);
  const tf = validateTimeoutFlags(timeoutFlags, LINK_TIMEOUT_FLAGS, 'ABS, BOOTTIME and REALTIME');
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.LINK_TIMEOUT, flags, -1, 0, 0, core.addr(ts), 1, tf, ud, ts);
}

/**
 * TIMEOUT_REMOVE, POLL_REMOVE: fd -1, addr = the target's user_data (from its op id; one no prep
 * call returned names nothing, and the remove completes with -ENOENT).
 * @internal
 */
export function prepRemove(core: RingCore, op: number, name: string, since: string, opId: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, op, name, since);
  const id = validateInteger(opId, 'opId', 0, Number.MAX_SAFE_INTEGER);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(op, flags, -1, 0, 0, cancelTarget(id), 0, 0, ud, undefined);
}
