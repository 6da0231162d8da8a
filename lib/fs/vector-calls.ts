// uring/fs's readv and writev through the shared ring: one READV or WRITEV of up to IOV_MAX
// non-empty buffers, the callback getting (err, bytes, buffers) as node's does. Other shapes
// (no buffers or no bytes, more than IOV_MAX, odd positions) are node:fs's own calls.
import { fs } from '../node-fs';
import { countSettle, K, opcodes, plainFd, ringHas, startCallback, type Done } from './ring-calls';
import { IOV_MAX } from '../linux';

const readvSettle = countSettle('read');
const writevSettle = countSettle('write');

/** Starts the READV/WRITEV when every argument is plain; false when node:fs should take the call. */
function vector(k: typeof K.READV | typeof K.WRITEV, fd: unknown, buffers: unknown, position: unknown, callback: unknown): boolean {
  const cb = callback || position;
  if (!plainFd(fd) || !Array.isArray(buffers) || buffers.length === 0 || buffers.length > IOV_MAX || typeof cb !== 'function') return false;
  let total = 0;
  for (const b of buffers) {
    if (!ArrayBuffer.isView(b)) return false;
    total += b.byteLength;
  }
  const at = typeof position !== 'number' ? -1 : position;
  // At the current position, node's (see fd-calls.ts rw()).
  if (total === 0 || !Number.isSafeInteger(at) || at < 0) return false;
  if (!ringHas(k === K.READV ? opcodes.READV : opcodes.WRITEV)) return false;
  startCallback({ kind: k, fd, views: buffers, position: at }, k === K.READV ? readvSettle : writevSettle, undefined, buffers, cb as Done, true);
  return true;
}

export function readv(fd: unknown, buffers: unknown, position: unknown, callback: unknown): unknown {
  return vector(K.READV, fd, buffers, position, callback) ? undefined : Reflect.apply(fs.readv, fs, arguments);
}

export function writev(fd: unknown, buffers: unknown, position: unknown, callback: unknown): unknown {
  return vector(K.WRITEV, fd, buffers, position, callback) ? undefined : Reflect.apply(fs.writev, fs, arguments);
}
