// FileHandle with node:fs/promises' surface. Data and metadata calls go through the shared
// ring; the rest wraps the fd with node:fs. Like Node's, a handle counts the calls in flight
// and close() waits for them; a closed handle fails with EBADF naming the call.
import { AsyncResource } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { fs } from '../node-fs';
import type * as NodeFs from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
// ReadableStream is the global one: node:stream/web loads on first use, not with this module.
import type { ReadableByteStreamController } from 'node:stream/web';
import { promisify } from 'node:util';
import { closing } from './current-position';
import { callerStack } from './caller-stack';
import * as io from './io';
import type { Settle } from './engine';
import { getOptions, type FsOptions } from './options';
import { readFileFd } from './read-file';
import { wantsBigint } from './stats';
import { checkWriteFileArgs, writeFileFd } from './write-file';
import { invalidArgType } from '../errors';

const fchmod = promisify(fs.fchmod);
const fchown = promisify(fs.fchown);
const futimes = promisify(fs.futimes);

function closedError(syscall: string): Error {
  const err = new Error('file closed') as NodeJS.ErrnoException;
  err.code = 'EBADF';
  err.syscall = syscall;
  return err;
}

/** Node's error for a FileHandle method called on something else (`handle.stat.call({})`). */
function notAHandle(self: unknown): Error {
  if (self == null) return new TypeError(`Cannot read properties of ${self} (reading 'fd')`);
  const err = new Error('handle must be an instance of FileHandle') as NodeJS.ErrnoException;
  err.code = 'ERR_INTERNAL_ASSERTION';
  return err;
}

/**
 * Node's error for readableWebStream() on an object that is not a FileHandle: Node 22+ binds its
 * `read` first, Node 20 fails on the missing stream handle. A version test: no node FileHandle
 * is at hand to ask synchronously.
 */
function webStreamOnForeign(self: object): Error {
  if (Number(process.versions.node.split('.')[0]) < 22) return invalidArgType('streamBase', 'of type object', undefined);
  return new TypeError(typeof (self as { read?: unknown }).read === 'function' ? 'this[kRef] is not a function' : 'Bind must be called on a function');
}

function invalidState(message: string): Error {
  const err = new Error(message) as NodeJS.ErrnoException;
  err.code = 'ERR_INVALID_STATE';
  return err;
}

// Like Node, a handle garbage-collected while open closes its fd with a warning.
let deprecationShown = false;
const unclosed = new FinalizationRegistry<{ fd: number }>((held) => {
  if (held.fd < 0) return;
  process.emitWarning(`Closing file descriptor ${held.fd} on garbage collection`);
  if (!deprecationShown) {
    deprecationShown = true;
    process.emitWarning(
      'Closing a FileHandle object on garbage collection is deprecated. Please close FileHandle objects ' +
        'explicitly using FileHandle.prototype.close(). In the future, an error will be thrown if a file ' +
        'descriptor is closed during garbage collection.',
      'DeprecationWarning',
      'DEP0137',
    );
  }
  closing(held.fd);
  fs.close(held.fd, () => {});
});

export class FileHandle extends EventEmitter {
  #fd: number;
  #refs = 1;
  #closePromise: Promise<void> | null | undefined = null;
  #closeResolve: (() => void) | undefined;
  #closeReject: ((err: unknown) => void) | undefined;
  #locked = false;
  readonly #held: { fd: number };
  #resource: AsyncResource | undefined;

  constructor(fd: number) {
    super();
    this.#fd = fd;
    this.#held = { fd };
    unclosed.register(this, this.#held, this);
  }

  get fd(): number {
    return #fd in this ? this.#fd : (undefined as never); // node reads a missing field
  }

  static #is(self: unknown): self is FileHandle {
    return typeof self === 'object' && self !== null && #fd in self;
  }

  /** The async id of this handle's resource, as Node's FileHandle reports it. */
  getAsyncId(): number {
    this.#resource ??= new AsyncResource('FILEHANDLE');
    return this.#resource.asyncId();
  }

  // ---- through io_uring ----

  // read and write are the hot path: no closure per call. read() takes one promise in all:
  // the ring's, settled with the result object (and the handle released) by settleRead, or
  // rejected from its own chain with the caller's stack (rejectWithCallerStack).
  read(buffer?: unknown, offset?: unknown, length?: unknown, position?: unknown): Promise<io.ReadResult<ArrayBufferView>> {
    if (!FileHandle.#is(this)) return Promise.reject(notAHandle(this));
    if (this.#fd === -1) return Promise.reject(closedError('read'));
    let what: number;
    try {
      what = io.readArgs(buffer, offset, length, position);
    } catch (err) {
      return Promise.reject(err);
    }
    if (what === io.READ_NOTHING) return Promise.resolve(io.emptyRead());
    if (what === io.READ_LEARN) return io.learnReadRules().then(() => this.read(buffer, offset, length, position));
    this.#refs++;
    return io.startRead(this.#fd, FileHandle.#settleRead, this);
  }

  static readonly #settleRead: Settle = (res, handle, buffer, failed) => {
    (handle as FileHandle).#unref();
    return failed ? undefined : io.readResult(res, buffer);
  };

  async write(buffer: unknown, offsetOrOptions?: unknown, length?: unknown, position?: unknown): Promise<io.WriteResult<unknown>> {
    if (!FileHandle.#is(this)) throw notAHandle(this);
    if (this.#fd === -1) throw closedError('write');
    this.#refs++;
    try {
      return await io.write(this.#fd, buffer, offsetOrOptions, length, position);
    } catch (err) {
      return callerStack(err);
    } finally {
      this.#unref();
    }
  }

  readv(buffers: unknown, position?: unknown): Promise<{ bytesRead: number; buffers: ArrayBufferView[] }> {
    return FileHandle.#call(this, 'readv', (fd) => io.readv(fd, buffers, position));
  }

  writev(buffers: unknown, position?: unknown): Promise<{ bytesWritten: number; buffers: ArrayBufferView[] }> {
    return FileHandle.#call(this, 'writev', (fd) => io.writev(fd, buffers, position));
  }

  stat(options: { bigint?: boolean } = { bigint: false }): Promise<NodeFs.Stats | NodeFs.BigIntStats> {
    return FileHandle.#call(this, 'fstat', (fd) => {
      const bigint = wantsBigint(options);
      return typeof bigint === 'boolean' ? io.fstat(fd, bigint) : bigint.then((b) => io.fstat(fd, b));
    });
  }

  truncate(len: unknown = 0): Promise<void> {
    return FileHandle.#call(this, 'ftruncate', (fd) => io.ftruncate(fd, len));
  }

  sync(): Promise<void> {
    return FileHandle.#call(this, 'fsync', (fd) => io.fsync(fd, false));
  }

  datasync(): Promise<void> {
    return FileHandle.#call(this, 'fdatasync', (fd) => io.fsync(fd, true));
  }

  readFile(options?: unknown): Promise<Buffer | string> {
    return FileHandle.#call(this, 'readFile', (fd) => readFileFd(fd, getOptions(options, { flag: 'r' })));
  }

  writeFile(data: unknown, options?: unknown): Promise<void> {
    return FileHandle.#call(this, 'writeFile', (fd) => writeFileToHandle(fd, data, options, 'w'));
  }

  appendFile(data: unknown, options?: unknown): Promise<void> {
    return FileHandle.#call(this, 'writeFile', (fd) => writeFileToHandle(fd, data, options, 'a'));
  }

  // ---- through node:fs on the fd ----

  chmod(mode: unknown): Promise<void> {
    return FileHandle.#call(this, 'fchmod', (fd) => fchmod(fd, mode as NodeFs.Mode));
  }

  chown(uid: unknown, gid: unknown): Promise<void> {
    return FileHandle.#call(this, 'fchown', (fd) => fchown(fd, uid as number, gid as number));
  }

  utimes(atime: unknown, mtime: unknown): Promise<void> {
    return FileHandle.#call(this, 'futimes', (fd) => futimes(fd, atime as NodeFs.TimeLike, mtime as NodeFs.TimeLike));
  }

  /** A fs.ReadStream reading through this handle; closing the stream closes the handle (autoClose). */
  createReadStream(options?: Record<string, unknown>): NodeFs.ReadStream {
    if (!FileHandle.#is(this)) throw invalidArgType('options.fd', 'of type number or an instance of FileHandle', this);
    const stream = fs.createReadStream('', { ...options, fd: this.#fd, fs: this.#streamOps() } as never);
    this.#attach(stream);
    return stream;
  }

  createWriteStream(options?: Record<string, unknown>): NodeFs.WriteStream {
    if (!FileHandle.#is(this)) throw invalidArgType('options.fd', 'of type number or an instance of FileHandle', this);
    const stream = fs.createWriteStream('', { ...options, fd: this.#fd, fs: this.#streamOps() } as never);
    this.#attach(stream);
    return stream;
  }

  readLines(options?: Record<string, unknown>): Interface {
    return createInterface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }

  readableWebStream(options: { type?: string } = {}): ReadableStream {
    if (!FileHandle.#is(this)) throw this == null ? notAHandle(this) : webStreamOnForeign(this);
    if (this.#fd === -1) throw invalidState('The FileHandle is closed');
    if (this.#closePromise) throw invalidState('The FileHandle is closing');
    if (this.#locked) throw invalidState('The FileHandle is locked');
    if (options.type !== undefined && typeof options.type !== 'string') {
      throw invalidArgType('options.type', 'of type string', options.type);
    }
    this.#locked = true;
    this.#refs++;
    let done = false;
    const release = () => {
      if (!done) {
        done = true;
        this.#unref();
      }
    };
    const read = (view: Uint8Array) => this.read(view, 0, view.byteLength);
    let closedByHandle = false;
    let source: ReadableByteStreamController;
    const readable = new ReadableStream({
      type: 'bytes',
      autoAllocateChunkSize: 16384,
      start(controller) {
        source = controller;
      },
      async pull(controller) {
        const request = controller.byobRequest!;
        const view = request.view as Uint8Array;
        const { bytesRead } = await read(view);
        if (closedByHandle) return; // the stream was closed under this read
        if (bytesRead === 0) {
          release();
          controller.close();
        }
        request.respond(bytesRead);
      },
      cancel() {
        release();
      },
    });
    // Node cancels the stream even when a reader holds it; cancel() refuses a locked stream, so
    // close it through its controller, which settles the reader's `closed` and pending reads alike.
    this.once('close', () => {
      if (done) return;
      closedByHandle = true;
      release();
      try {
        source.close();
        source.byobRequest?.respond(0);
      } catch {
        // already closed or cancelled
      }
    });
    return readable;
  }

  close = (): Promise<void> => {
    if (this.#fd === -1) return Promise.resolve();
    if (this.#closePromise) return this.#closePromise;
    this.#refs--;
    if (this.#refs === 0) {
      const fd = this.#fd;
      this.#released();
      this.#closePromise = io.close(fd).then(this.#closed, this.#closeFailed);
    } else {
      this.#closePromise = new Promise<void>((resolve, reject) => {
        this.#closeResolve = resolve;
        this.#closeReject = reject;
      }).finally(() => {
        this.#closePromise = undefined;
        this.#closeResolve = undefined;
        this.#closeReject = undefined;
      });
    }
    this.emit('close');
    return this.#closePromise;
  };

  // One handler each instead of .then(undefined, callerStack).finally(): two promises fewer per close.
  #closed = (): void => {
    this.#closePromise = undefined;
  };

  #closeFailed = (err: unknown): never => {
    this.#closePromise = undefined;
    return callerStack(err);
  };

  async [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- internals ----

  // Static, so that a method called on another receiver rejects (in here) rather than throws.
  static async #call<T>(self: FileHandle, syscall: string, fn: (fd: number) => Promise<T>): Promise<T> {
    if (!FileHandle.#is(self)) throw notAHandle(self);
    if (self.#fd === -1) throw closedError(syscall);
    self.#refs++;
    try {
      return await fn(self.#fd);
    } catch (err) {
      return callerStack(err); // in #call's await continuation: the stack gets its awaiters
    } finally {
      self.#unref();
    }
  }

  #unref(): void {
    this.#refs--;
    if (this.#refs === 0) {
      const fd = this.#fd;
      this.#released();
      io.close(fd).then(this.#closeResolve, this.#closeReject);
    }
  }

  #released(): void {
    closing(this.#fd);
    this.#fd = -1;
    this.#held.fd = -1;
    unclosed.unregister(this);
  }

  /** The fs operations a Read/WriteStream uses, routed through this handle. */
  #streamOps(): Record<string, unknown> {
    const cb0 = (p: Promise<unknown>, cb: (err: unknown) => void) => p.then(() => cb(null), cb);
    return {
      open: (_p: unknown, _f: unknown, _m: unknown, cb: (err: unknown) => void) => cb(invalidState('open() is not available on a FileHandle stream')),
      close: (_fd: number, cb: (err: unknown) => void) => cb0(this.close(), cb),
      fsync: (_fd: number, cb: (err: unknown) => void) => cb0(this.sync(), cb), // createWriteStream({ flush: true })
      read: (_fd: number, buf: Buffer, off: number, len: number, pos: number | null, cb: (err: unknown, n?: number, b?: Buffer) => void) => {
        this.read(buf, off, len, pos).then((r) => cb(null, r.bytesRead, buf), (err) => cb(err, 0, buf));
      },
      write: (_fd: number, buf: Buffer, off: number, len: number, pos: number | null, cb: (err: unknown, n?: number, b?: Buffer) => void) => {
        this.write(buf, off, len, pos).then((r) => cb(null, r.bytesWritten, buf), (err) => cb(err, 0, buf));
      },
      writev: (_fd: number, bufs: Buffer[], pos: number | null, cb: (err: unknown, n?: number, b?: Buffer[]) => void) => {
        this.writev(bufs, pos).then((r) => cb(null, r.bytesWritten, bufs), (err) => cb(err, 0, bufs));
      },
    };
  }

  #attach(stream: NodeJS.EventEmitter & { destroy(): void }): void {
    const onClose = () => stream.destroy();
    this.once('close', onClose);
    stream.once('close', () => this.off('close', onClose));
  }
}

async function writeFileToHandle(fd: number, data: unknown, options: unknown, defaultFlag: string): Promise<void> {
  const o: FsOptions = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
  const { bytes } = checkWriteFileArgs(data, o); // options.flush is checked, and ignored for a handle as Node does
  return writeFileFd(fd, bytes, o.signal, o.encoding);
}
