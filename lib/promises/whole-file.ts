// readFile / writeFile / appendFile / truncate by path: open, loop, close, as Node 20 does,
// with every step on the shared ring.
import { fsp } from '../node-fs';
import type fs from 'node:fs';
import { validateFd } from '../validate';
import { sharedRing } from './ring-loop';
import { FileHandle } from './file-handle';
import * as io from './io';
import { checkAborted, getOptions, type FsOptions } from './options';
import { open } from './path-ops';
import { readFileFd } from './read-file';
import { fastReadFile, fastReadFileReady } from './read-file-fast';
import { plainPath, shownPath } from './paths';
import { readFileNamesPathOnRead } from './running-node';
import { systemError } from '../errors';
import { checkWriteFileArgs, writeFileFd } from './write-file';

type AnyHandle = { fd: number; close: () => Promise<void>; sync: () => Promise<void> };

/** node:fs's own FileHandle (from a delegated open, or passed in by the caller). */
function isNodeHandle(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof FileHandle) &&
    (value as object).constructor?.name === 'FileHandle' && typeof (value as AnyHandle).fd === 'number';
}

/** The first error wins; a close error after it joins it, as Node's aggregateTwoErrors does. */
export function aggregate(closeError: unknown, opError: unknown): unknown {
  if (closeError && opError && closeError !== opError) {
    const outer = opError as Error & { errors?: unknown[]; code?: string };
    if (Array.isArray(outer.errors)) {
      outer.errors.push(closeError);
      return outer;
    }
    const err = new AggregateError([opError, closeError], outer.message) as AggregateError & { code?: string };
    err.code = outer.code;
    return err;
  }
  return closeError || opError;
}

async function closeAfter<T>(op: Promise<T>, handle: AnyHandle): Promise<T> {
  let result: T;
  try {
    result = await op;
  } catch (opError) {
    try {
      await handle.close();
    } catch (closeError) {
      throw aggregate(closeError, opError);
    }
    throw opError;
  }
  await handle.close();
  return result;
}

export function readFile(path: unknown, options?: unknown): Promise<Buffer | string> {
  const r = sharedRing();
  if (r === null || isNodeHandle(path)) return fsp.readFile(path as fs.PathLike, options as never);
  let o: FsOptions;
  try {
    o = getOptions(options, { flag: 'r' });
  } catch (err) {
    return Promise.reject(err);
  }
  if (o.signal === undefined && (o.flag === 'r' || o.flag === undefined) && !(path instanceof FileHandle)) {
    // One promise, open + read beside a stat, then close (read-file-fast.ts).
    const p = plainPath(path);
    // encoding 'buffer' is left to the slow path, which fails on it as Node does (StringDecoder).
    if (p !== undefined && o.encoding !== 'buffer' && fastReadFileReady(r)) {
      const encoding = o.encoding ? o.encoding : undefined;
      // The slow path may run later (no free slot, or no ring any more): with the path as it is
      // now, as node:fs copies it when called (a Buffer may be reused, a URL changed).
      const now = typeof p === 'string' ? p : Buffer.from(p);
      const started = fastReadFile(p, shownPath(p), encoding, () => readFileSlow(now, o));
      if (started !== undefined) return started as Promise<Buffer | string>;
    }
  }
  return readFileSlow(path, o);
}

async function readFileSlow(path: unknown, o: FsOptions): Promise<Buffer | string> {
  const flag = o.flag || 'r';
  // A closed handle's fd is -1, which Node refuses as an argument (ERR_OUT_OF_RANGE), not as EBADF.
  if (path instanceof FileHandle) return readFileFd(validateFd(path.fd), o);
  checkAborted(o.signal);
  const handle = (await open(path, flag, 0o666)) as AnyHandle;
  return closeAfter(readFileFd(handle.fd, o).catch((err: unknown) => namedReadError(err, path)), handle);
}

/** A read error of readFile(path) as node gives it: with the path where the running node names it (Node 26). */
async function namedReadError(err: unknown, path: unknown): Promise<never> {
  const e = err as NodeJS.ErrnoException;
  const p = plainPath(path);
  if (e?.syscall !== 'read' || typeof e.errno !== 'number' || p === undefined || !(await readFileNamesPathOnRead.learn())) throw err;
  throw systemError(e.errno, 'read', { path: shownPath(p) });
}

export async function writeFile(path: unknown, data: unknown, options?: unknown): Promise<void> {
  if (sharedRing() === null || isNodeHandle(path)) return fsp.writeFile(path as fs.PathLike, data as string, options as never);
  const o: FsOptions = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w', flush: false });
  const flag = o.flag || 'w';
  const { bytes, flush } = checkWriteFileArgs(data, o);
  if (path instanceof FileHandle) return writeFileFd(path.fd, bytes, o.signal, o.encoding);
  checkAborted(o.signal);
  const handle = (await open(path, flag, o.mode)) as AnyHandle;
  let op = writeFileFd(handle.fd, bytes, o.signal, o.encoding);
  if (flush) op = op.then(() => handle.sync());
  return closeAfter(op, handle);
}

export async function appendFile(path: unknown, data: unknown, options?: unknown): Promise<void> {
  if (sharedRing() === null || isNodeHandle(path)) return fsp.appendFile(path as fs.PathLike, data as string, options as never);
  const o = { ...getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' }) };
  o.flag = o.flag || 'a';
  return writeFile(path, data, o);
}

export async function truncate(path: unknown, len: unknown = 0): Promise<void> {
  if (sharedRing() === null) return fsp.truncate(path as fs.PathLike, len as number);
  const handle = (await open(path, 'r+')) as AnyHandle;
  return closeAfter(io.ftruncate(handle.fd, len), handle);
}
