// Path operations through the shared ring: open, stat/lstat, rename, unlink, rmdir, mkdir,
// link, symlink. Anything the ring cannot take (no ring, opcode missing, an argument shape
// Node would reject or treat specially) goes to node:fs/promises, which then behaves as Node.
import { constants } from 'node:fs';
import { fsp } from '../node-fs';
import type fs from 'node:fs';
import { opcodes } from '../constants';
import { systemError } from '../errors';
import { start, startSettled } from './engine';
import { sharedRing, supports } from './ring-loop';
import { giveScratch, takeScratch, type PathScratch } from './scratch';
import { K, type TwoPathOp } from './ops';
import { FileHandle } from './file-handle';
import { fileMode, O_CLOEXEC, openFlags } from './flags';
import { openedDirect } from './current-position';
import { pathBytes, plainPath, shownPath } from './paths';
import { STATX_SIZE, toStats, wantsBigint } from './stats';
import { AT_FDCWD } from '../linux';

const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_REMOVEDIR = 0x200;
const O_DIRECT = constants.O_DIRECT;

/** Whether the shared ring exists and has every opcode in `ops`. */
export function ringHas(...ops: number[]): boolean {
  if (sharedRing() === null) return false;
  for (const op of ops) if (!supports(op)) return false;
  return true;
}

// A FileHandle needs all of these; without them open() hands out node:fs FileHandles.
const FILE_OPS = [opcodes.OPENAT, opcodes.CLOSE, opcodes.READ, opcodes.WRITE, opcodes.READV, opcodes.WRITEV, opcodes.FSYNC, opcodes.STATX];

/** Resolves with our FileHandle, or node:fs's where open delegates (same surface). */
export function open(path: unknown, flags?: unknown, mode?: unknown): Promise<FileHandle> {
  const p = plainPath(path);
  const f = openFlags(flags);
  const m = fileMode(mode, 0o666);
  if (p === undefined || f === undefined || m === undefined || !ringHas(...FILE_OPS)) {
    return fsp.open(path as fs.PathLike, flags as fs.OpenMode, mode as fs.Mode) as unknown as Promise<FileHandle>;
  }
  // One promise, settled by settleOpen, with the path in a reused scratch buffer (as stat).
  const s = takeScratch();
  const view = s.path(p);
  if (view === null) {
    giveScratch(s);
    return openLong(p, f, m);
  }
  s.direct = (f & O_DIRECT) !== 0;
  return startSettled({ kind: K.OPENAT, path: view, flags: f | O_CLOEXEC, mode: m }, settleOpen, s, p) as Promise<FileHandle>;
}

function settleOpen(res: number, x: unknown, y: unknown, failed: boolean): unknown {
  const s = x as PathScratch;
  const direct = s.direct;
  giveScratch(s);
  if (failed) return undefined;
  if (res < 0) throw systemError(res, 'open', { path: shownPath(y as string | Uint8Array) });
  if (direct) openedDirect(res);
  return new FileHandle(res);
}

async function openLong(p: string | Uint8Array, f: number, m: number): Promise<FileHandle> {
  const res = await start({ kind: K.OPENAT, path: pathBytes(p), flags: f | O_CLOEXEC, mode: m });
  if (res < 0) throw systemError(res, 'open', { path: shownPath(p) });
  if ((f & O_DIRECT) !== 0) openedDirect(res);
  return new FileHandle(res);
}

function statAt(path: unknown, options: { bigint?: boolean }, flags: number, syscall: 'stat' | 'lstat'): Promise<fs.Stats | fs.BigIntStats> {
  const p = plainPath(path);
  if (p === undefined || !ringHas(opcodes.STATX)) {
    return syscall === 'stat' ? fsp.stat(path as fs.PathLike, options as fs.StatOptions) : fsp.lstat(path as fs.PathLike, options as fs.StatOptions);
  }
  let bigint: boolean | Promise<boolean>;
  try {
    bigint = wantsBigint(options);
  } catch (err) {
    return Promise.reject(err); // options node refuses, or a throwing getter: a rejection, as in node
  }
  if (typeof bigint !== 'boolean') return bigint.then((b) => statAt(path, { bigint: b }, flags, syscall));
  // One promise, settled by settleStat, with the path and the statx output in a reused scratch buffer.
  const s = takeScratch();
  const view = s.path(p);
  if (view === null) {
    giveScratch(s);
    return statAtLong(p, bigint, flags, syscall);
  }
  s.bigint = bigint;
  s.syscall = syscall;
  return startSettled({ kind: K.STATX, dirfd: AT_FDCWD, path: view, flags, out: s.statx }, settleStat, s, p) as Promise<fs.Stats | fs.BigIntStats>;
}

function settleStat(res: number, x: unknown, y: unknown, failed: boolean): unknown {
  const s = x as PathScratch;
  try {
    if (failed) return undefined;
    if (res < 0) throw systemError(res, s.syscall, { path: shownPath(y as string | Uint8Array) });
    return toStats(s.statx, s.bigint);
  } finally {
    giveScratch(s);
  }
}

/** A path longer than the scratch buffer: node's ENAMETOOLONG comes from the kernel as for any other. */
async function statAtLong(p: string | Uint8Array, bigint: boolean, flags: number, syscall: 'stat' | 'lstat'): Promise<fs.Stats | fs.BigIntStats> {
  const out = new Uint32Array(STATX_SIZE / 4);
  const res = await start({ kind: K.STATX, dirfd: AT_FDCWD, path: pathBytes(p), flags, out });
  if (res < 0) throw systemError(res, syscall, { path: shownPath(p) });
  return toStats(out, bigint);
}

export function stat(path: unknown, options: { bigint?: boolean } = { bigint: false }): Promise<fs.Stats | fs.BigIntStats> {
  return statAt(path, options, 0, 'stat');
}

export function lstat(path: unknown, options: { bigint?: boolean } = { bigint: false }): Promise<fs.Stats | fs.BigIntStats> {
  return statAt(path, options, AT_SYMLINK_NOFOLLOW, 'lstat');
}

async function twoPaths(kind: TwoPathOp['kind'], op: number, syscall: string, a: unknown, b: unknown, fallback: () => Promise<void>): Promise<void> {
  const pa = plainPath(a);
  const pb = plainPath(b);
  if (pa === undefined || pb === undefined || !ringHas(op)) return fallback();
  // SYMLINKAT stores its target verbatim.
  const from = kind === K.SYMLINKAT ? terminatedVerbatim(pa) : pathBytes(pa);
  const res = await start({ kind, from, to: pathBytes(pb) });
  if (res < 0) throw systemError(res, syscall, { path: shownPath(pa), dest: shownPath(pb) });
}

function terminatedVerbatim(p: string | Uint8Array): Buffer {
  const bytes = typeof p === 'string' ? Buffer.from(p) : p;
  const out = Buffer.allocUnsafe(bytes.byteLength + 1);
  out.set(bytes);
  out[bytes.byteLength] = 0;
  return out;
}

export function rename(oldPath: unknown, newPath: unknown): Promise<void> {
  return twoPaths(K.RENAMEAT, opcodes.RENAMEAT, 'rename', oldPath, newPath, () => fsp.rename(oldPath as fs.PathLike, newPath as fs.PathLike));
}

export function link(existingPath: unknown, newPath: unknown): Promise<void> {
  return twoPaths(K.LINKAT, opcodes.LINKAT, 'link', existingPath, newPath, () => fsp.link(existingPath as fs.PathLike, newPath as fs.PathLike));
}

export function symlink(target: unknown, path: unknown, type?: unknown): Promise<void> {
  const fallback = () => fsp.symlink(target as fs.PathLike, path as fs.PathLike, type as string);
  // Unknown type strings are Node's to reject; on Linux the valid ones change nothing.
  if (typeof type === 'string' && type !== 'dir' && type !== 'file' && type !== 'junction') return fallback();
  return twoPaths(K.SYMLINKAT, opcodes.SYMLINKAT, 'symlink', target, path, fallback);
}

export async function unlink(path: unknown): Promise<void> {
  const p = plainPath(path);
  if (p === undefined || !ringHas(opcodes.UNLINKAT)) return fsp.unlink(path as fs.PathLike);
  const res = await start({ kind: K.UNLINKAT, path: pathBytes(p), flags: 0 });
  if (res < 0) throw systemError(res, 'unlink', { path: shownPath(p) });
}

export async function rmdir(path: unknown, options?: unknown): Promise<void> {
  const p = plainPath(path);
  // Options (the deprecated `recursive`, retries) are node:fs's business.
  if (p === undefined || options !== undefined || !ringHas(opcodes.UNLINKAT)) {
    return fsp.rmdir(path as fs.PathLike, options as fs.RmDirOptions);
  }
  const res = await start({ kind: K.UNLINKAT, path: pathBytes(p), flags: AT_REMOVEDIR });
  if (res < 0) throw systemError(res, 'rmdir', { path: shownPath(p) });
}

export async function mkdir(path: unknown, options?: unknown): Promise<string | undefined> {
  const o = (typeof options === 'number' || typeof options === 'string' ? { mode: options } : options ?? {}) as { recursive?: unknown; mode?: unknown };
  const p = plainPath(path);
  const recursive = o.recursive === undefined ? false : o.recursive; // null is node's to reject
  const m = fileMode(o.mode, 0o777);
  // Recursive creation (which reports the first directory made) stays with node:fs.
  if (p === undefined || recursive !== false || m === undefined || typeof o !== 'object' || !ringHas(opcodes.MKDIRAT)) {
    return fsp.mkdir(path as fs.PathLike, options as fs.MakeDirectoryOptions);
  }
  const res = await start({ kind: K.MKDIRAT, path: pathBytes(p), mode: m });
  if (res < 0) throw systemError(res, 'mkdir', { path: shownPath(p) });
  return undefined;
}
