// uring/fs's descriptor calls through the shared ring: open, close, read, write, fstat, fsync,
// fdatasync, ftruncate. Each takes the shapes it is sure of (node's own checks would pass and the result
// is the kernel's); any other call is node:fs's own, with `arguments` as they came, so argument
// errors, overloads and callback checks are node's.
import { isMainThread } from 'node:worker_threads';
import { fs } from '../node-fs';
import { closing, openedDirect } from '../promises/current-position';
import { fileMode, O_CLOEXEC, openFlags } from '../promises/flags';
import { pathBytes, plainPath } from '../promises/paths';
import { rwOp } from '../promises/ops';
import { countSettle, K, lengthArg, lengthCallback, opcodes, plainFd, ringHas, startCallback, statSettle, statxOut, voidSettle, type Done } from './ring-calls';

const O_DIRECT = fs.constants.O_DIRECT;
const AT_EMPTY_PATH = 0x1000;
const EMPTY_PATH = Buffer.from([0]);
type Args = IArguments;
const call = (fn: (...a: never[]) => unknown, args: Args): unknown => Reflect.apply(fn, fs, args);

// On a worker thread node notes the fds its own open made and closes those still noted when the
// worker exits: an fd node opened must be closed by node's close, or its number (by then maybe
// another thread's file) is closed again at exit. The fds the ring opened are noted here.
const ringOpened: Set<number> | undefined = isMainThread ? undefined : new Set();

const closeSettle = voidSettle('close');
const fsyncSettle = voidSettle('fsync');
const fdatasyncSettle = voidSettle('fdatasync');
const ftruncateSettle = voidSettle('ftruncate');
const fstatSettle = statSettle('fstat', false);
const fstatBigSettle = statSettle('fstat', true);

function openSettle(res: number, x: unknown, y: unknown, failed: boolean): unknown {
  if (failed) return undefined;
  voidSettle('open')(res, undefined, y, false);
  ringOpened?.add(res);
  if (((x as number) & O_DIRECT) !== 0) openedDirect(res);
  return res;
}

export function open(path: unknown, flags: unknown, mode: unknown, callback: unknown): unknown {
  let cb = callback;
  // As node's: flags are the callback only in (path, callback); a function later is invalid flags.
  if (arguments.length < 3) {
    cb = flags;
    flags = mode = undefined;
  } else if (typeof mode === 'function') {
    cb = mode;
    mode = undefined;
  }
  const p = plainPath(path);
  const f = openFlags(flags);
  const m = fileMode(mode, 0o666);
  if (typeof cb !== 'function' || p === undefined || f === undefined || m === undefined || !ringHas(opcodes.OPENAT)) return call(fs.open, arguments);
  startCallback({ kind: K.OPENAT, path: pathBytes(p), flags: f | O_CLOEXEC, mode: m }, openSettle, f, p, cb as Done);
  return undefined;
}

// node's close(fd) with no callback: a failure is thrown.
function defaultCloseCallback(err: unknown): void {
  if (err != null) throw err;
}

export function close(fd: unknown, callback: unknown): unknown {
  // No callback is node's default one (node's close would warn, on a worker, of an fd the ring opened).
  const cb = callback === undefined ? defaultCloseCallback : callback;
  if (!plainFd(fd) || typeof cb !== 'function' || !ringHas(opcodes.CLOSE) || (ringOpened !== undefined && !ringOpened.delete(fd))) {
    return call(fs.close, arguments);
  }
  closing(fd);
  startCallback({ kind: K.CLOSE, fd }, closeSettle, undefined, undefined, cb as Done);
  return undefined;
}

function fsyncCall(k: typeof K.FSYNC | typeof K.FDATASYNC, op: typeof fs.fsync, fd: unknown, callback: unknown, args: Args): unknown {
  if (!plainFd(fd) || typeof callback !== 'function' || !ringHas(opcodes.FSYNC)) return call(op, args);
  startCallback({ kind: k, fd }, k === K.FSYNC ? fsyncSettle : fdatasyncSettle, undefined, undefined, callback as Done);
  return undefined;
}

export function fsync(fd: unknown, callback: unknown): unknown {
  return fsyncCall(K.FSYNC, fs.fsync, fd, callback, arguments);
}

export function fdatasync(fd: unknown, callback: unknown): unknown {
  return fsyncCall(K.FDATASYNC, fs.fdatasync, fd, callback, arguments);
}

export function ftruncate(fd: unknown, len: unknown, callback: unknown): unknown {
  const length = lengthArg(len, callback);
  const cb = lengthCallback;
  if (!plainFd(fd) || typeof cb !== 'function' || Number.isNaN(length) || !ringHas(opcodes.FTRUNCATE)) return call(fs.ftruncate, arguments);
  startCallback({ kind: K.FTRUNCATE, fd, length }, ftruncateSettle, undefined, undefined, cb as Done);
  return undefined;
}

export function fstat(fd: unknown, options: unknown, callback: unknown): unknown {
  let cb = callback;
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  if (!plainFd(fd) || typeof cb !== 'function' || (options !== undefined && (options === null || typeof options !== 'object')) || !ringHas(opcodes.STATX)) {
    return call(fs.fstat, arguments);
  }
  // BigIntStats only for `bigint: true`, as node's binding checks IsTrue().
  const bigint = options !== undefined && (options as { bigint?: unknown }).bigint === true;
  const out = statxOut();
  startCallback({ kind: K.STATX, dirfd: fd, path: EMPTY_PATH, flags: AT_EMPTY_PATH, out }, bigint ? fstatBigSettle : fstatSettle, out, undefined, cb as Done);
  return undefined;
}

/** A position we pass on: -1 (the current position) for none, else a safe integer >= 0; NaN when node's to judge. */
function positionOf(position: unknown): number {
  if (position == null || position === -1) return -1;
  return typeof position === 'number' && Number.isSafeInteger(position) && position >= 0 ? position : NaN;
}

/** A READ or WRITE of `length` bytes at `offset` of `buffer`, once its arguments are known to be plain; false when they are not. */
function rw(k: typeof K.READ | typeof K.WRITE, fd: unknown, buffer: unknown, offset: unknown, length: unknown, position: unknown, cb: unknown, value: unknown): boolean {
  if (!plainFd(fd) || !ArrayBuffer.isView(buffer) || typeof cb !== 'function') return false;
  const off = offset == null ? 0 : offset;
  const at = positionOf(position);
  if (typeof off !== 'number' || !Number.isSafeInteger(off) || off < 0 || typeof length !== 'number' || (length | 0) !== length) return false;
  // At the current position, node's: read(2)/write(2) hold the file's f_pos lock, io_uring does
  // not, and concurrent callbacks on one fd would share a range (uring/promises queues them).
  if (length <= 0 || off + length > buffer.byteLength || Number.isNaN(at) || at < 0) return false;
  if (!ringHas(k === K.READ ? opcodes.READ : opcodes.WRITE)) return false;
  const view = off === 0 && length === buffer.byteLength ? buffer : new Uint8Array(buffer.buffer, buffer.byteOffset + off, length);
  startCallback(rwOp(k, fd, view, at), k === K.READ ? readSettle : writeSettle, undefined, value, cb as Done, true);
  return true;
}

// read/write callbacks get (err, bytes, buffer), node's own shape: startCallback's passY.
const readSettle = countSettle('read');
const writeSettle = countSettle('write');

export function read(fd: unknown, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown, callback: unknown): unknown {
  let offset = offsetOrOptions;
  let cb = callback;
  const n = arguments.length;
  if (n <= 4) {
    let o: unknown;
    if (n === 4) {
      cb = length;
      o = offsetOrOptions;
    } else if (n === 3) {
      cb = offsetOrOptions;
      if (!ArrayBuffer.isView(buffer)) {
        o = buffer;
        buffer = (buffer as { buffer?: unknown } | null)?.buffer ?? Buffer.alloc(16384);
      }
    } else {
      cb = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (o !== undefined && o !== null && (typeof o !== 'object' || Array.isArray(o))) return call(fs.read, arguments);
    const params = (o ?? {}) as { offset?: unknown; length?: unknown; position?: unknown };
    offset = params.offset === undefined ? 0 : params.offset;
    length = params.length === undefined ? (buffer as ArrayBufferView).byteLength - (offset as number) : params.length;
    position = params.position === undefined ? null : params.position;
  }
  if (rw(K.READ, fd, buffer, offset, length, position, cb, buffer)) return undefined;
  return call(fs.read, arguments);
}

export function write(fd: unknown, buffer: unknown, offsetOrOptions: unknown, length: unknown, position: unknown, callback: unknown): unknown {
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    const cb = callback || position || length || offset;
    if (offset !== null && typeof offset === 'object') {
      const o = offset as { offset?: unknown; length?: unknown; position?: unknown };
      offset = o.offset === undefined ? 0 : o.offset;
      length = o.length === undefined ? buffer.byteLength - (offset as number) : o.length;
      position = o.position === undefined ? null : o.position;
    }
    if (typeof offset === 'function') offset = 0;
    if (typeof length !== 'number') length = buffer.byteLength - (offset as number);
    if (typeof position !== 'number') position = null;
    if (rw(K.WRITE, fd, buffer, offset, length, position, cb, buffer)) return undefined;
    return call(fs.write, arguments);
  }
  if (typeof buffer !== 'string') return call(fs.write, arguments);
  // write(fd, string[, position[, encoding]], callback)
  let cb = position;
  let encoding = length;
  if (typeof position !== 'function') {
    if (typeof offset === 'function') {
      cb = offset;
      offset = null;
    } else {
      cb = length;
    }
    encoding = 'utf8';
  }
  const enc = encoding == null ? 'utf8' : encoding;
  if (typeof enc !== 'string' || !Buffer.isEncoding(enc) || (enc.toLowerCase() === 'hex' && buffer.length % 2 !== 0)) return call(fs.write, arguments);
  const bytes = Buffer.from(buffer, enc);
  if (bytes.byteLength > 0 && rw(K.WRITE, fd, bytes, 0, bytes.byteLength, offset, cb, buffer)) return undefined;
  return call(fs.write, arguments);
}
