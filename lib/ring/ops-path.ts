// Builders of the path family: OPENAT (and into the file table), OPENAT2, STATX, RENAMEAT, LINKAT,
// SYMLINKAT, UNLINKAT, MKDIRAT. Each path is validated, then copied into the path arena at
// prep (the op pins the arena chunk); the SQE gets the copy's address.
import { opcodes } from '../constants';
import { invalidArgType, outOfRange } from '../errors';
import type { RingPath } from '../ring';
import { SQE_FILE_INDEX } from '../sqe';
import { validateBuffer, validateInteger, validateOptionKeys, validateSqeFlags, validateUint32, validateUserData } from '../validate';
import { viewByteLength } from '../views';
import type { RingCore } from './core';
import { validateDirFd, validatePath } from './paths';
import { requireOpcode, validateFileIndex } from './registration';

const TWO_32 = 4294967296;

/** OPENAT: fd = dirfd, addr = path, len = mode, open_flags. @internal */
export function prepOpenat(core: RingCore, dirfd: number, path: RingPath, openFlags: number, mode: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const dfd = validateDirFd(dirfd, 'dirfd');
  const p = validatePath(path, 'path');
  const of = validateInteger(openFlags, 'flags', -(2 ** 31), 2 ** 32 - 1);
  const m = validateInteger(mode, 'mode', 0, 0o7777);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const addr = core.paths.copy(p);
  return core.prep(opcodes.OPENAT, flags, dfd, 0, 0, addr, m, of, ud, core.paths.chunk);
}

/** OPENAT into the file table: as prepOpenat, plus file_index = slot + 1. @internal */
export function prepOpenatDirect(core: RingCore, dirfd: number, path: RingPath, openFlags: number, mode: number, fileIndex: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const dfd = validateDirFd(dirfd, 'dirfd');
  const p = validatePath(path, 'path');
  const of = validateInteger(openFlags, 'flags', -(2 ** 31), 2 ** 32 - 1);
  const m = validateInteger(mode, 'mode', 0, 0o7777);
  const index = validateFileIndex(core, fileIndex);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const addr = core.paths.copy(p);
  const id = core.prep(opcodes.OPENAT, flags, dfd, 0, 0, addr, m, of, ud, core.paths.chunk);
  core.sq.sqes[core.sq.last() + SQE_FILE_INDEX] = index + 1;
  return id;
}

const OPEN_HOW_KEYS: readonly string[] = ['flags', 'mode', 'resolve'];
// RESOLVE_NO_XDEV..RESOLVE_CACHED
const RESOLVE_FLAGS = 0x3f;

/** OPENAT2: fd = dirfd, addr = path, len = sizeof(struct open_how) = 24, off = its address; pins the path chunk and the struct. @internal */
export function prepOpenat2(core: RingCore, dirfd: number, path: RingPath, how: { flags?: number; mode?: number; resolve?: number }, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  requireOpcode(core, opcodes.OPENAT2, 'OPENAT2', '5.6');
  const dfd = validateDirFd(dirfd, 'dirfd');
  const p = validatePath(path, 'path');
  if (how === null || typeof how !== 'object') throw invalidArgType('how', 'of type object', how);
  validateOptionKeys(how, OPEN_HOW_KEYS, 'an open_how', 'how');
  const { flags: of = 0, mode = 0, resolve = 0 } = how;
  const o = validateInteger(of, 'how.flags', -(2 ** 31), 2 ** 32 - 1);
  const m = validateInteger(mode, 'how.mode', 0, 0o7777);
  const r = validateUint32(resolve, 'how.resolve');
  if ((r & ~RESOLVE_FLAGS) !== 0) throw outOfRange('how.resolve', 'a combination of constants.resolveFlags', resolve);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  // struct open_how { u64 flags; u64 mode; u64 resolve; }: the flags as the u32 an int open flag set is.
  const openHow = new BigUint64Array([BigInt(o >>> 0), BigInt(m), BigInt(r)]);
  const howAddr = core.addr(openHow);
  const addr = core.paths.copy(p);
  return core.prep(opcodes.OPENAT2, flags, dfd, howAddr >>> 0, (howAddr / TWO_32) >>> 0, addr, 24, 0, ud, [core.paths.chunk, openHow]);
}

/** STATX: fd = dirfd, addr = path, addr2 (off) = statx buffer, len = mask, statx_flags; pins the buffer. @internal */
export function prepStatx(core: RingCore, dirfd: number, path: RingPath, statxFlags: number, mask: number, statxBuffer: ArrayBufferView, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const dfd = validateDirFd(dirfd, 'dirfd');
  const p = validatePath(path, 'path');
  const sf = validateUint32(statxFlags, 'statxFlags');
  const mk = validateUint32(mask, 'mask');
  const out = validateBuffer(statxBuffer, 'statxBuffer');
  const outLen = viewByteLength(out);
  if (outLen < 256) throw outOfRange('statxBuffer.byteLength', '>= 256', outLen);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const outAddr = core.addr(out);
  const addr = core.paths.copy(p);
  return core.prep(opcodes.STATX, flags, dfd, outAddr >>> 0, (outAddr / TWO_32) >>> 0, addr, mk, sf, ud, [core.paths.chunk, out]);
}

/** RENAMEAT / LINKAT: fd = olddirfd, addr = oldpath, addr2 (off) = newpath, len = newdirfd, op flags. @internal */
export function prepTwoPaths(core: RingCore, op: number, olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, opFlags: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const od = validateDirFd(olddirfd, 'olddirfd');
  const op1 = validatePath(oldpath, 'oldpath');
  const nd = validateDirFd(newdirfd, 'newdirfd');
  const np = validatePath(newpath, 'newpath');
  const of = validateUint32(opFlags, 'flags');
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const opAddr = core.paths.copy(op1);
  const opChunk = core.paths.chunk;
  const npAddr = core.paths.copy(np);
  return core.prep(op, flags, od, npAddr >>> 0, (npAddr / TWO_32) >>> 0, opAddr, nd >>> 0, of, ud, [opChunk, core.paths.chunk]);
}

/** SYMLINKAT: fd = newdirfd, addr = target, addr2 (off) = linkpath. @internal */
export function prepSymlinkat(core: RingCore, target: RingPath, newdirfd: number, linkpath: RingPath, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const t = validatePath(target, 'target');
  const dfd = validateDirFd(newdirfd, 'newdirfd');
  const lp = validatePath(linkpath, 'linkpath');
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const tAddr = core.paths.copy(t);
  const tChunk = core.paths.chunk;
  const lpAddr = core.paths.copy(lp);
  return core.prep(opcodes.SYMLINKAT, flags, dfd, lpAddr >>> 0, (lpAddr / TWO_32) >>> 0, tAddr, 0, 0, ud, [tChunk, core.paths.chunk]);
}

/** UNLINKAT: fd = dirfd, addr = path, unlink_flags. @internal */
export function prepUnlinkat(core: RingCore, dirfd: number, path: RingPath, unlinkFlags: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const dfd = validateDirFd(dirfd, 'dirfd');
  const p = validatePath(path, 'path');
  const uf = validateUint32(unlinkFlags, 'unlinkFlags');
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const addr = core.paths.copy(p);
  return core.prep(opcodes.UNLINKAT, flags, dfd, 0, 0, addr, 0, uf, ud, core.paths.chunk);
}

/** MKDIRAT: fd = dirfd, addr = path, len = mode. @internal */
export function prepMkdirat(core: RingCore, dirfd: number, path: RingPath, mode: number, userData: number, sqeFlags?: number): number {
  core.checkOpen();
  const dfd = validateDirFd(dirfd, 'dirfd');
  const p = validatePath(path, 'path');
  const m = validateInteger(mode, 'mode', 0, 0o7777);
  const ud = validateUserData(userData);
  const flags = validateSqeFlags(sqeFlags);
  const addr = core.paths.copy(p);
  return core.prep(opcodes.MKDIRAT, flags, dfd, 0, 0, addr, m, 0, ud, core.paths.chunk);
}
