// Node-style errors: system errors shaped like node:fs's, argument errors with ERR_* codes.
import { fileURLToPath } from 'node:url';
import { getSystemErrorMap, inspect, type InspectOptions } from 'node:util';

let errorMap: Map<number, [string, string]> | undefined;

/** [code, description] for a (negative) errno, as libuv names it. @internal */
export function errnoInfo(errno: number): [string, string] {
  errorMap ??= getSystemErrorMap();
  return errorMap.get(errno) ?? [`Unknown system error ${errno}`, `Unknown system error ${errno}`];
}

/**
 * Base class of the errors this package creates itself: the Ring's own (closed, SQ full, setup and
 * enter failures) and MemlockError. Failed operations are not UringErrors: see cqeError().
 */
export class UringError extends Error {
  /** `ERR_URING_*` for the Ring's own errors (ERR_URING_CLOSED, ERR_URING_SQ_FULL...), else the errno name ('ENOMEM'). */
  code: string;
  /** The negative errno a system call returned (-12 for ENOMEM), as node:fs errors carry it; absent for ERR_URING_* errors. */
  errno?: number;
  /** The system call that failed: 'io_uring_setup', 'io_uring_enter' or 'io_uring_register'. */
  syscall?: string;
  /** The path involved, as node:fs errors name it; the Ring's own errors have none. */
  path?: string;
  /** The second path of a two-path operation (rename, link), as node:fs errors name it. */
  dest?: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }

  /** 'UringError'. */
  override get name(): string {
    return 'UringError';
  }
}

/** @internal */
export interface SystemErrorFields {
  path?: string | Buffer;
  dest?: string | Buffer;
}

function describePath(p: string | Buffer): string {
  return typeof p === 'string' ? p : p.toString();
}

/**
 * A kernel error in the exact shape node:fs gives it: a plain Error whose message is
 * `CODE: description, syscall 'path' -> 'dest'`, with errno (negative), code, syscall,
 * path and dest properties.
 */
export interface FsError extends NodeJS.ErrnoException {
  dest?: string;
}

/** @internal */
export function systemError(errno: number, syscall: string, fields: SystemErrorFields = {}): FsError {
  const [code, desc] = errnoInfo(errno);
  let message = `${code}: ${desc}, ${syscall}`;
  if (fields.path !== undefined) message += ` '${describePath(fields.path)}'`;
  if (fields.dest !== undefined) message += ` -> '${describePath(fields.dest)}'`;
  const err: FsError = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (fields.path !== undefined) err.path = fields.path as string;
  if (fields.dest !== undefined) err.dest = fields.dest as string;
  Error.captureStackTrace(err, systemError);
  return err;
}

/** A path as a Ring builder or node:fs takes it, as node:fs's errors show it (a buffer's terminating NUL dropped). */
function pathText(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof URL) return fileURLToPath(value);
  if (value instanceof Uint8Array) {
    const end = value.length > 0 && value[value.length - 1] === 0 ? value.length - 1 : value.length;
    return Buffer.from(value.buffer, value.byteOffset, end).toString();
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer, Uint8Array, or URL', value);
}

/**
 * The error of a failed operation from its CQE's `res` (a negative errno), exactly as node:fs
 * throws it: an `Error` whose message is `ENOENT: no such file or directory, open '/x'`, with
 * `errno` (negative), `code`, `syscall`, and `path`/`dest` when given. `path` and `dest` may
 * be the NUL-terminated buffers the builder took, strings or `file:` URLs.
 * @param res the CQE's `res`, -4095..-1
 * @param syscall the name node:fs uses for the operation: 'open', 'read', 'stat', 'rename'...
 */
export function cqeError(res: number, syscall: string, path?: string | Uint8Array | URL, dest?: string | Uint8Array | URL): FsError {
  if (typeof res !== 'number') throw invalidArgType('res', 'of type number', res);
  if (!Number.isInteger(res) || res < -4095 || res > -1) throw outOfRange('res', 'a negative errno (>= -4095 && <= -1)', res);
  if (typeof syscall !== 'string') throw invalidArgType('syscall', 'of type string', syscall);
  const fields: SystemErrorFields = {};
  if (path !== undefined) fields.path = pathText(path, 'path');
  if (dest !== undefined) fields.dest = pathText(dest, 'dest');
  const err = systemError(res, syscall, fields);
  Error.captureStackTrace(err, cqeError);
  return err;
}

/** A kernel error from the low-level Ring: a UringError carrying errno, code and syscall. @internal */
export function ringSystemError(errno: number, syscall: string, hint?: string): UringError {
  const [code, desc] = errnoInfo(errno);
  const err = new UringError(`${code}: ${desc}, ${syscall}${hint ? ` (${hint})` : ''}`, code);
  err.errno = errno;
  err.syscall = syscall;
  Error.captureStackTrace(err, ringSystemError);
  return err;
}

/** Registration failed because RLIMIT_MEMLOCK is too low for the memory asked for. */
export class MemlockError extends UringError {
  /** RLIMIT_MEMLOCK's soft limit in bytes when the registration failed (Infinity: unlimited). */
  limitBytes: number;
  /** Bytes of locked memory the registration asked for (whole pages of each buffer). */
  requestedBytes: number;

  constructor(limitBytes: number, requestedBytes: number, syscall = 'io_uring_register') {
    const limit = Number.isFinite(limitBytes) ? `${limitBytes} bytes` : 'unlimited';
    super(
      `ENOMEM: cannot lock memory, ${syscall}: ${requestedBytes} bytes of locked memory were asked for ` +
        `and RLIMIT_MEMLOCK is ${limit} (the kernel counts locked memory per user, across all their processes, ` +
        'so other processes of this user using io_uring take from it too). Raise the limit: `ulimit -l` in the shell, ' +
        '`LimitMEMLOCK=` in a systemd unit, `docker run --ulimit memlock=-1:-1` in Docker ' +
        '(or run with CAP_IPC_LOCK).',
      'ENOMEM',
    );
    this.errno = -12;
    this.syscall = syscall;
    this.limitBytes = limitBytes;
    this.requestedBytes = requestedBytes;
  }

  /** 'MemlockError'. */
  override get name(): string {
    return 'MemlockError';
  }
}

// ---- argument errors, worded as Node words them ----

function codeError<E extends Error>(Ctor: new (m: string) => E, code: string, message: string, at: Function): E {
  const err = new Ctor(message) as E & { code: string };
  err.code = code;
  Error.captureStackTrace(err, at);
  return err;
}

function addNumericalSeparator(val: string): string {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

/** util.inspect, except that describing a bad argument never throws (it does for a detached DataView). */
function safeInspect(value: unknown, options?: InspectOptions): string {
  try {
    return inspect(value, options);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** How Node describes a received value at the end of an argument error. @internal */
export function describeReceived(value: unknown): string {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${(value as Function).name}`;
  if (typeof value === 'object') {
    const ctor = (value as object).constructor;
    if (ctor?.name) return ` Received an instance of ${ctor.name}`;
    return ` Received ${safeInspect(value, { depth: -1 })}`;
  }
  let shown = safeInspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

/** @internal */
export function invalidArgType(name: string, expected: string, value: unknown): TypeError {
  const what = name.includes('.') ? 'property' : 'argument';
  return codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" ${what} must be ${expected}.${describeReceived(value)}`, invalidArgType);
}

/** @internal */
export function outOfRange(name: string, range: string, value: unknown): RangeError {
  let received: string;
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2 ** 32) {
    received = addNumericalSeparator(String(value));
  } else if (typeof value === 'bigint') {
    received = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = safeInspect(value);
  }
  return codeError(RangeError, 'ERR_OUT_OF_RANGE',
    `The value of "${name}" is out of range. It must be ${range}. Received ${received}`, outOfRange);
}

/** @internal */
export function invalidArgValue(name: string, value: unknown, reason = 'is invalid'): TypeError {
  const what = name.includes('.') ? 'property' : 'argument';
  let shown = safeInspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return codeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${what} '${name}' ${reason}. Received ${shown}`, invalidArgValue);
}

/** Errors of the Ring itself: closed, SQ full, credentials changed, unavailable. @internal */
export function ringError(code: string, message: string): UringError {
  const err = new UringError(message, code);
  Error.captureStackTrace(err, ringError);
  return err;
}
