// uring/fs's path calls through the shared ring: stat, lstat, unlink, rename, link, symlink,
// mkdir (not recursive), rmdir (without options), exists. Shapes not taken here are node:fs's own calls,
// with `arguments` as they came.
import { fs } from '../node-fs';
import { fileMode } from '../promises/flags';
import { pathBytes, plainPath } from '../promises/paths';
import { inCallerScope, K, opcodes, ringHas, startCallback, statSettle, statxOut, voidSettle, type Done } from './ring-calls';
import { AT_FDCWD } from '../linux';

const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_REMOVEDIR = 0x200;
const call = (fn: (...a: never[]) => unknown, args: IArguments): unknown => Reflect.apply(fn, fs, args);

const settles = {
  stat: statSettle('stat', false),
  statBig: statSettle('stat', true),
  lstat: statSettle('lstat', false),
  lstatBig: statSettle('lstat', true),
  unlink: voidSettle('unlink'),
  rmdir: voidSettle('rmdir'),
  mkdir: voidSettle('mkdir'),
  rename: voidSettle('rename'),
  link: voidSettle('link'),
  symlink: voidSettle('symlink'),
};

function statCall(flags: number, path: unknown, options: unknown, callback: unknown, args: IArguments): unknown {
  let cb = callback;
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const p = plainPath(path);
  const lstat = flags !== 0;
  if (p === undefined || typeof cb !== 'function' || (options !== undefined && (options === null || typeof options !== 'object')) || !ringHas(opcodes.STATX)) {
    return call(lstat ? fs.lstat : fs.stat, args);
  }
  // BigIntStats only for `bigint: true`, as node's binding checks IsTrue().
  const bigint = options !== undefined && (options as { bigint?: unknown }).bigint === true;
  const settle = lstat ? (bigint ? settles.lstatBig : settles.lstat) : bigint ? settles.statBig : settles.stat;
  const out = statxOut();
  startCallback({ kind: K.STATX, dirfd: AT_FDCWD, path: pathBytes(p), flags, out }, settle, out, p, cb as Done);
  return undefined;
}

export function stat(path: unknown, options: unknown, callback: unknown): unknown {
  return statCall(0, path, options, callback, arguments);
}

export function lstat(path: unknown, options: unknown, callback: unknown): unknown {
  return statCall(AT_SYMLINK_NOFOLLOW, path, options, callback, arguments);
}

export function unlink(path: unknown, callback: unknown): unknown {
  const p = plainPath(path);
  if (p === undefined || typeof callback !== 'function' || !ringHas(opcodes.UNLINKAT)) return call(fs.unlink, arguments);
  startCallback({ kind: K.UNLINKAT, path: pathBytes(p), flags: 0 }, settles.unlink, undefined, p, callback as Done);
  return undefined;
}

export function rmdir(path: unknown, options: unknown, callback: unknown): unknown {
  const p = plainPath(path);
  // Options (the deprecated `recursive`, retries) are node:fs's business.
  if (p === undefined || typeof options !== 'function' || arguments.length !== 2 || !ringHas(opcodes.UNLINKAT)) return call(fs.rmdir, arguments);
  startCallback({ kind: K.UNLINKAT, path: pathBytes(p), flags: AT_REMOVEDIR }, settles.rmdir, undefined, p, options as Done);
  return undefined;
}

export function mkdir(path: unknown, options: unknown, callback: unknown): unknown {
  let cb = callback;
  let mode: unknown;
  if (typeof options === 'function') {
    cb = options;
  } else if (typeof options === 'number' || typeof options === 'string') {
    mode = options;
  } else if (options !== undefined) {
    const o = options as { recursive?: unknown; mode?: unknown } | null;
    // Recursive creation (which reports the first directory made) stays with node:fs.
    if (o === null || typeof o !== 'object' || (o.recursive !== undefined && o.recursive !== false)) return call(fs.mkdir, arguments);
    mode = o.mode;
  }
  const p = plainPath(path);
  const m = fileMode(mode, 0o777);
  if (p === undefined || m === undefined || typeof cb !== 'function' || !ringHas(opcodes.MKDIRAT)) return call(fs.mkdir, arguments);
  startCallback({ kind: K.MKDIRAT, path: pathBytes(p), mode: m }, settles.mkdir, undefined, p, cb as Done);
  return undefined;
}

/** RENAMEAT, LINKAT or SYMLINKAT of `a` to `b` (plain paths), or false. */
function twoPaths(k: typeof K.RENAMEAT | typeof K.LINKAT | typeof K.SYMLINKAT, op: number, from: unknown, to: unknown, callback: unknown, settle: typeof settles.rename): boolean {
  const a = plainPath(from);
  const b = plainPath(to);
  if (a === undefined || b === undefined || typeof callback !== 'function' || !ringHas(op)) return false;
  startCallback({ kind: k, from: pathBytes(a), to: pathBytes(b) }, settle, b, a, callback as Done);
  return true;
}

export function rename(oldPath: unknown, newPath: unknown, callback: unknown): unknown {
  return twoPaths(K.RENAMEAT, opcodes.RENAMEAT, oldPath, newPath, callback, settles.rename) ? undefined : call(fs.rename, arguments);
}

export function link(existingPath: unknown, newPath: unknown, callback: unknown): unknown {
  return twoPaths(K.LINKAT, opcodes.LINKAT, existingPath, newPath, callback, settles.link) ? undefined : call(fs.link, arguments);
}

export function symlink(target: unknown, path: unknown, type: unknown, callback: unknown): unknown {
  // The type means nothing on Linux; an unknown one is node's to reject.
  const cb = arguments.length === 3 ? type : callback;
  const plainType = arguments.length === 3 || type == null || type === 'dir' || type === 'file' || type === 'junction';
  // SYMLINKAT stores the target verbatim, as symlink(2) does.
  return plainType && twoPaths(K.SYMLINKAT, opcodes.SYMLINKAT, target, path, cb, settles.symlink) ? undefined : call(fs.symlink, arguments);
}

/** A STATX for existence: access(F_OK) as node asks it, the callback gets one boolean. */
function existsSettle(res: number, x: unknown, y: unknown, failed: boolean): unknown {
  process.nextTick(x as (exists: boolean) => void, !failed && res >= 0);
  return undefined;
}

function ignore(): void {}

export function exists(path: unknown, callback: unknown): unknown {
  const p = plainPath(path);
  if (p === undefined || typeof callback !== 'function' || !ringHas(opcodes.STATX)) return call(fs.exists, arguments);
  startCallback({ kind: K.STATX, dirfd: AT_FDCWD, path: pathBytes(p), flags: 0, out: statxOut() }, existsSettle, inCallerScope(callback as Done), undefined, ignore);
  return undefined;
}
