// Builders of the socket family: SOCKET, BIND, LISTEN, CONNECT, ACCEPT, SEND, RECV, SHUTDOWN. ACCEPT and
// RECV can be multishot: one SQE, a CQE per connection or message, and the slot and its pins
// kept until the CQE without IORING_CQE_F_MORE (reap.ts).
import { opcodes, sqeFlags as sqeFlagBits } from '../constants';
import { invalidArgType, invalidArgValue, outOfRange } from '../errors';
import { IORING_ACCEPT_MULTISHOT, IORING_RECV_MULTISHOT, SOCK_CLOEXEC, SOCKADDR_MAX } from '../linux';
import { SQE_BUF_INDEX, SQE_IOPRIO_SHIFT } from '../sqe';
import { validateBuffer, validateFd, validateInteger, validateOptionKeys, validateSqeFlags, validateSqeFlagsWith, validateUint32, validateUserData } from '../validate';
import { viewBuffer, viewByteLength, viewByteOffset } from '../views';
import { bufferRingOf } from './buffer-ring';
import type { RingCore } from './core';
import { requireOpcode } from './registration';

/** Options of prepAccept. */
export interface AcceptOptions {
  /** IORING_ACCEPT_MULTISHOT (Linux 5.19+): a CQE per connection until cancelled or failed. */
  multishot?: boolean;
  /** SQE flags (IOSQE_*), as the other builders take them. */
  sqeFlags?: number;
}

/** Options of prepRecv. */
export interface RecvOptions {
  /** IORING_RECV_MULTISHOT (Linux 6.0+; needs a buffer group): a CQE per message until cancelled, failed or end of stream. */
  multishot?: boolean;
  /** MSG_* flags, as recv(2). */
  recvFlags?: number;
  /** SQE flags (IOSQE_*); IOSQE_BUFFER_SELECT is allowed (and set) with a buffer group. */
  sqeFlags?: number;
}

const ACCEPT_OPTIONS: readonly string[] = ['multishot', 'sqeFlags'];
const RECV_OPTIONS: readonly string[] = ['multishot', 'recvFlags', 'sqeFlags'];

function validateOptions(options: unknown, known: readonly string[], owner: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  validateOptionKeys(options, known, owner);
  const multishot = (options as Record<string, unknown>).multishot;
  if (multishot !== undefined && typeof multishot !== 'boolean') throw invalidArgType('options.multishot', 'of type boolean', multishot);
  return options as Record<string, unknown>;
}

/** Sets the ioprio half of the last SQE's word 0 (ACCEPT and RECV's multishot bits). */
function setIoprio(core: RingCore, bits: number): void {
  core.sq.sqes[core.sq.last()] |= bits << SQE_IOPRIO_SHIFT;
}

/** SOCKET: fd = domain, off = type, len = protocol. @internal */
export function prepSocket(core: RingCore, domain: number, type: number, protocol: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.SOCKET, 'SOCKET', '5.19');
  const d = validateInteger(domain, 'domain', 0, 2 ** 31 - 1);
  const t = validateInteger(type, 'type', 0, 2 ** 31 - 1);
  const p = validateInteger(protocol, 'protocol', 0, 2 ** 31 - 1);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.SOCKET, flags, d, t, 0, 0, p, 0, ud, undefined);
}

/** A copy of a struct sockaddr (made at prep, as paths are: changing the caller's afterwards changes nothing). */
function copyAddress(address: unknown): Uint8Array {
  const view = validateBuffer(address, 'address');
  const len = viewByteLength(view);
  if (len < 2 || len > SOCKADDR_MAX) throw outOfRange('address.byteLength', `>= 2 && <= ${SOCKADDR_MAX}`, len);
  const copy = new Uint8Array(len);
  copy.set(new Uint8Array(viewBuffer(view), viewByteOffset(view), len)); // the intrinsic getters: own properties may lie
  return copy;
}

/** CONNECT (op CONNECT) or BIND: fd, addr = a copy of `address` (pinned), off = its length. @internal */
export function prepAddress(core: RingCore, op: number, fd: number, address: ArrayBufferView, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  if (op === opcodes.CONNECT) requireOpcode(core, op, 'CONNECT', '5.5');
  else requireOpcode(core, op, 'BIND', '6.11');
  validateFd(fd);
  const copy = copyAddress(address);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(op, flags, fd, copy.length, 0, core.addr(copy), 0, 0, ud, copy);
}

/** LISTEN: fd, len = backlog. @internal */
export function prepListen(core: RingCore, fd: number, backlog: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.LISTEN, 'LISTEN', '6.11');
  validateFd(fd);
  const b = validateInteger(backlog, 'backlog', 0, 2 ** 31 - 1);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.LISTEN, flags, fd, 0, 0, 0, b, 0, ud, undefined);
}

/** ACCEPT: fd, no peer address (addr, addr2 = 0), accept_flags = SOCK_CLOEXEC; ioprio = IORING_ACCEPT_MULTISHOT. @internal */
export function prepAccept(core: RingCore, fd: number, userData: number, options?: AcceptOptions): number {
  core.checkOpen();
  requireOpcode(core, opcodes.ACCEPT, 'ACCEPT', '5.5');
  validateFd(fd);
  const ud = validateUserData(userData);
  const o = validateOptions(options, ACCEPT_OPTIONS, 'a prepAccept');
  const flags = validateSqeFlagsWith(o.sqeFlags, 0, 'options.sqeFlags');
  const id = core.prep(opcodes.ACCEPT, flags, fd, 0, 0, 0, 0, SOCK_CLOEXEC, ud, undefined);
  if (o.multishot === true) setIoprio(core, IORING_ACCEPT_MULTISHOT);
  return id;
}

/** SEND: fd, addr = buffer, len = its bytes, msg_flags; pins the buffer. @internal */
export function prepSend(core: RingCore, fd: number, buffer: ArrayBufferView, userData: number, sendFlags?: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.SEND, 'SEND', '5.6');
  validateFd(fd);
  const view = validateBuffer(buffer);
  const len = viewByteLength(view);
  if (len > 0xffffffff) throw outOfRange('buffer.byteLength', '<= 4294967295', len);
  const ud = validateUserData(userData);
  const msgFlags = sendFlags === undefined ? 0 : validateUint32(sendFlags, 'sendFlags');
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.SEND, flags, fd, 0, 0, core.addr(view), len, msgFlags, ud, view);
}

/**
 * RECV: fd, msg_flags, and either addr = buffer, len = its bytes (pinned), or a buffer group:
 * IOSQE_BUFFER_SELECT, buf_group, addr = len = 0 (the kernel picks a buffer of the group's
 * ring, pinned through the BufferRing); ioprio = IORING_RECV_MULTISHOT. @internal
 */
export function prepRecv(core: RingCore, fd: number, target: ArrayBufferView | { bufferGroup: number }, userData: number, options?: RecvOptions): number {
  core.checkOpen();
  requireOpcode(core, opcodes.RECV, 'RECV', '5.6');
  validateFd(fd);
  let view: ArrayBufferView | undefined;
  let group = -1;
  let pins: unknown;
  if (ArrayBuffer.isView(target)) {
    view = validateBuffer(target, 'buffer');
    if (viewByteLength(view) > 0xffffffff) throw outOfRange('buffer.byteLength', '<= 4294967295', viewByteLength(view));
    pins = view;
  } else if (target !== null && typeof target === 'object' && 'bufferGroup' in target) {
    validateOptionKeys(target, ['bufferGroup'], 'a buffer group', 'buffer');
    const ring = bufferRingOf(core, target.bufferGroup, 'buffer.bufferGroup');
    group = ring.groupId;
    pins = ring;
  } else {
    throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView, or { bufferGroup }', target);
  }
  const ud = validateUserData(userData);
  const o = validateOptions(options, RECV_OPTIONS, 'a prepRecv');
  const msgFlags = o.recvFlags === undefined ? 0 : validateUint32(o.recvFlags, 'options.recvFlags');
  const select = group === -1 ? 0 : sqeFlagBits.BUFFER_SELECT;
  const flags = validateSqeFlagsWith(o.sqeFlags, select, 'options.sqeFlags');
  if (o.multishot === true && group === -1) {
    throw invalidArgValue('options.multishot', true, 'needs a buffer group ({ bufferGroup }) to receive into');
  }
  const addr = view === undefined ? 0 : core.addr(view);
  const len = view === undefined ? 0 : viewByteLength(view);
  const id = core.prep(opcodes.RECV, flags | select, fd, 0, 0, addr, len, msgFlags, ud, pins);
  if (group !== -1) core.sq.sqes[core.sq.last() + SQE_BUF_INDEX] = group;
  if (o.multishot === true) setIoprio(core, IORING_RECV_MULTISHOT);
  return id;
}

/** SHUTDOWN: fd, len = how (SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2). @internal */
export function prepShutdown(core: RingCore, fd: number, how: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.SHUTDOWN, 'SHUTDOWN', '5.11');
  validateFd(fd);
  const h = validateInteger(how, 'how', 0, 2);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  return core.prep(opcodes.SHUTDOWN, flags, fd, 0, 0, 0, h, 0, ud, undefined);
}
