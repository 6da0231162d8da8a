// io_uring_register: fixed buffers and the file table (each pinned while registered), and the
// opcode probe (IORING_REGISTER_PROBE), asked once per ring.
import { constants as osConstants } from 'node:os';
import { invalidArgType, MemlockError, outOfRange, ringError, ringSystemError } from '../errors';
import { memlockInfo, pinnedBytes } from '../memlock';
import { validateBufferArray, validateFd, validateInteger } from '../validate';
import { isInt32Array, viewByteLength } from '../views';
import type { RingCore } from './core';

const { ENOMEM } = osConstants.errno;

/** @internal */
export function registerBuffers(core: RingCore, buffers: ArrayBufferView[]): void {
  const views = validateBufferArray(buffers, 'buffers');
  if (views.length === 0) throw outOfRange('buffers.length', '>= 1', 0);
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < views.length; i++) {
    const len = viewByteLength(views[i]);
    if (len === 0 || len > 2 ** 30) throw outOfRange(`buffers[${i}].byteLength`, '>= 1 && <= 1073741824', len);
    spans.push([core.addr(views[i]), len]);
  }
  const requested = pinnedBytes(spans);
  const { limitBytes, ipcLock } = memlockInfo();
  if (!ipcLock && requested > limitBytes) throw new MemlockError(limitBytes, requested);
  const ret = core.native.registerBuffers(views);
  // Without CAP_IPC_LOCK the kernel charges the pages to RLIMIT_MEMLOCK (on top of what is already locked).
  if (ret === -ENOMEM && !ipcLock) throw new MemlockError(limitBytes, requested);
  if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
  core.registeredBuffers = views;
}

/** @internal */
export function unregisterBuffers(core: RingCore): void {
  const ret = core.native.unregisterBuffers();
  if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
  core.registeredBuffers = null;
}

/** @internal */
export function registerFiles(core: RingCore, fds: number[] | Int32Array): void {
  if (!Array.isArray(fds) && !isInt32Array(fds)) throw invalidArgType('fds', 'an instance of Array or Int32Array', fds);
  const count: unknown = fds.length; // read once: a Proxy could answer differently each time
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 32768) {
    throw outOfRange('fds.length', '>= 1 && <= 32768', count);
  }
  const table = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const fd = fds[i];
    if (fd !== -1) validateFd(fd, `fds[${i}]`);
    table[i] = fd;
  }
  const ret = core.native.registerFiles(table);
  if (ret === -ENOMEM) {
    const { limitBytes, ipcLock } = memlockInfo();
    if (!ipcLock) throw new MemlockError(limitBytes, table.length * 8);
  }
  if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
  core.registeredFiles = table;
}

/** @internal */
export function unregisterFiles(core: RingCore): void {
  const ret = core.native.unregisterFiles();
  if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
  core.registeredFiles = null;
}

/** A slot of the registered file table. @internal */
export function validateFileIndex(core: RingCore, fileIndex: unknown): number {
  const size = core.registeredFiles === null ? 0 : core.registeredFiles.length;
  if (size === 0 && typeof fileIndex === 'number' && Number.isInteger(fileIndex)) {
    throw outOfRange('fileIndex', 'a slot of the registered file table (no files are registered: registerFiles() first)', fileIndex);
  }
  return validateInteger(fileIndex, 'fileIndex', 0, size - 1);
}

/** Whether the kernel supports `opcode` (false for all before Linux 5.6, which has no probe). @internal */
export function supports(core: RingCore, opcode: number): boolean {
  if (core.probe === undefined) {
    const p = core.native.probe();
    core.probe = typeof p === 'number' ? new Uint8Array(0) : p;
  }
  return opcode >= 0 && opcode < core.probe.length && core.probe[opcode] === 1;
}

/**
 * Throws ERR_URING_UNSUPPORTED when the running kernel's probe lacks `opcode` (named `name`,
 * added in Linux `since`): a builder's first check after checkOpen(), before a slot is taken.
 * @internal
 */
export function requireOpcode(core: RingCore, opcode: number, name: string, since: string): void {
  if (!supports(core, opcode)) {
    throw ringError('ERR_URING_UNSUPPORTED', `The running kernel does not support IORING_OP_${name} (Linux ${since}+; see Ring.supports())`);
  }
}
