// uring/fs's createReadStream / createWriteStream: node's own fs.ReadStream / fs.WriteStream
// (so instanceof, options, events and errors are node's), with uring/fs's open, read, write,
// writev, fsync and close under them (node's `fs` stream option). A uring/promises FileHandle
// as `fd` streams through that handle, as node's own FileHandle does.
import { fs } from '../node-fs';
import type * as NodeFs from 'node:fs';
import type * as FileHandleModule from '../promises/file-handle';
import type * as RingCalls from './ring-calls';

type StreamFs = Record<string, unknown>;

/** The options node's stream would see, with uring/fs under it; undefined when node must judge them. */
function withUringFs(options: unknown, ufs: StreamFs, op: 'READ' | 'WRITE'): Record<string, unknown> | undefined {
  if (options !== undefined && options !== null && typeof options !== 'string' && typeof options !== 'object') return undefined;
  // The user's own `fs` option stays theirs. (A property added to a spread copy took ~1 µs.)
  const o: Record<string, unknown> = typeof options === 'string' ? { fs: ufs, encoding: options } : { fs: ufs, ...(options as object | null) };
  if (o.fs == null) o.fs = ufs;
  // A file the stream opens itself starts at offset 0: reading or writing at explicit offsets
  // lets every chunk go through the ring (current-position IO is node's, see fd-calls.ts). On
  // Linux an O_APPEND write at an offset still appends; the ring ignores the offset on pipes
  // and ttys, node's pread/pwrite would fail ESPIPE: without the ring, node's own positions.
  if (o.fd == null && o.start === undefined && ringCalls().ringHas(ringCalls().opcodes[op])) o.start = 0;
  return o;
}

// Loaded at the first stream, as the calls are (importing uring/fs stays cheap).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ringCalls = (): typeof RingCalls => require('./ring-calls') as typeof RingCalls;

/** uring/promises' FileHandle, loaded only when an object is given as `fd`. */
function uringHandle(fd: unknown): FileHandleModule.FileHandle | undefined {
  if (fd === null || typeof fd !== 'object') return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FileHandle } = require('../promises/file-handle') as typeof FileHandleModule;
  return fd instanceof FileHandle ? fd : undefined;
}

// The handle's stream takes the rest of the options (its own fd and fs operations).
function withoutFd(o: Record<string, unknown>): Record<string, unknown> {
  const { fd: _fd, fs: _fs, ...rest } = o;
  return rest;
}

/**
 * A stream of node's `create` over uring/fs (`op` is the opcode its chunks need); through the
 * handle's own method when `fd` is a uring/promises FileHandle; node's call as it came when
 * node must judge the options.
 */
function streamOf<S>(op: 'READ' | 'WRITE', ufs: StreamFs, path: unknown, options: unknown,
  create: (path: string, options: never) => S, viaHandle: (handle: FileHandleModule.FileHandle, options: Record<string, unknown>) => S): S {
  const o = withUringFs(options, ufs, op);
  if (o === undefined) return create(path as string, options as never);
  const handle = uringHandle(o.fd);
  if (handle !== undefined) return viaHandle(handle, withoutFd(o));
  return create(path as string, o as never);
}

/** createReadStream / createWriteStream of uring/fs, whose open/read/write/close are `ufs`'s. */
export function streamFactories(ufs: StreamFs): { createReadStream: typeof NodeFs.createReadStream; createWriteStream: typeof NodeFs.createWriteStream } {
  function createReadStream(path: unknown, options?: unknown): NodeFs.ReadStream {
    return streamOf('READ', ufs, path, options, fs.createReadStream, (handle, o) => handle.createReadStream(o));
  }
  function createWriteStream(path: unknown, options?: unknown): NodeFs.WriteStream {
    return streamOf('WRITE', ufs, path, options, fs.createWriteStream, (handle, o) => handle.createWriteStream(o));
  }
  return { createReadStream: createReadStream as never, createWriteStream: createWriteStream as never };
}
