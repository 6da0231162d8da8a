// readFile(path) in one promise: OPENAT(path) into a direct descriptor linked to a READ of up
// to 32 KiB, then (if that read was short) a READ that must find EOF, then a CLOSE of the
// descriptor: three trips to the kernel for a small file, each done inline (no io-wq). Whatever
// the file is, it is read to EOF from the one open file, so a FIFO or /proc file is never read
// twice. A first read that fills its buffer asks STATX(path) for the size, as Node 20's fstat
// does: a regular file is then read up to that size into one buffer, in READs of up to 4 MiB that
// io-wq copies off the JS thread (and one over 2 GiB fails with ERR_FS_FILE_TOO_LARGE), then a 1-byte READ must find EOF there (STATX sizes the path,
// which may name another file by then); anything else is read chunk by chunk until EOF. The descriptor lives in
// the shared ring's registered file table, so it never appears in the process's fd table; it is
// closed before the promise settles, as node:fs closes its fd.
import { StringDecoder } from 'node:string_decoder';
import { sqeFlags, opcodes } from '../constants';
import { systemError } from '../errors';
import type { Ring } from '../ring';
import { jobAgain, jobReject, jobResolve, startJob } from './engine';
import { JOB_SUB, type Job } from './ops';
import { INLINE_READ_MAX } from './prep';
import { fileTooLarge } from './read-file';
import { DIRECT_SLOTS, FIRST_READ, freeSlots, returnSlot, slabs, type Slab } from './read-file-slots';
import { readFileNamesPathOnRead } from './running-node';
import { STATX_SIZE } from './stats';
import { AT_FDCWD, S_IFMT, S_IFREG } from '../linux';

const O_RDONLY = 0; // readFile's flag 'r' (O_CLOEXEC is refused for direct descriptors, which no exec sees anyway)
const STATX_BASIC_STATS = 0x7ff;
const kIoMaxLength = 2 ** 31 - 1;
const kReadFileUnknownBufferLength = 64 * 1024;
const kReadFileBufferLength = 512 * 1024;
// The rest of a large file is read in chunks of this size, each by io-wq (IOSQE_ASYNC): one READ
// of it all kept a worker copying for its whole length, and the loop stalled more beside it.
const MORE_CHUNK = 4 * 1024 * 1024;

// Sub-ids of a job's SQEs (userData = id + sub * 2^32).
export { DIRECT_SLOTS, FIRST_READ, fastReadFileReady } from './read-file-slots';

const SUB_STATX = 1;
const SUB_OPEN = 2;
const SUB_READ = 3;
const SUB_MORE = 4;
const SUB_CLOSE = 5;
const SUB_PROBE = 6;

/** Jobs started and not yet released (each holds a slab until its first step is done). */
let started = 0;

// Step of a job.
const FIRST = 0; // OPENAT + READ into the slab
const PROBE = 1; // the first read was short: READ on into the slab, until EOF (0) or the slab is full
const STAT = 2; // the slab is full: STATX for the size
const MORE = 3; // READ on into `#whole` (up to the size) or into chunks (until EOF)
const CLOSE = 4;

class ReadFileJob implements Job {
  sqes = 2;
  #id = -1;
  #ring: Ring | null = null;
  #slot = -1;
  #slab: Slab | null;
  readonly #path: Uint8Array; // a view of the slab, NUL-terminated
  readonly #shown: string;
  readonly #encoding: BufferEncoding | undefined;
  readonly #slow: () => Promise<unknown>;
  #step = FIRST;
  #pending = 0;
  #statRes = 0;
  #openRes = 0;
  #readRes = 0;
  #moreRes = 0;
  #closeRes = 0;
  #probeRes = 0;
  // Reading on: into `#whole` up to `#size` (a regular file), or chunk by chunk until EOF.
  #whole: Buffer | null = null;
  #size = 0;
  #total = 0;
  #chunks: Buffer[] | null = null;
  #chunk: Buffer | null = null;
  #eofCheck: Buffer | null = null;
  #value: unknown = undefined;
  #released = false;
  #error: unknown = undefined;
  #readErrno = 0; // a READ failed with this: the job rejects with node's read error, path and all (#settle)

  constructor(slab: Slab, path: Uint8Array, shown: string, encoding: BufferEncoding | undefined, slow: () => Promise<unknown>) {
    this.#slab = slab;
    this.#path = path;
    this.#shown = shown;
    this.#encoding = encoding;
    this.#slow = slow;
  }

  prep(r: Ring, id: number): number {
    this.#id = id;
    if (this.#ring !== r) {
      // First step, or the engine moved to a new ring (credentials changed) in the middle:
      // the old ring's descriptor is gone with it, so start over on the slow path.
      const free = this.#ring === null ? freeSlots(r) : null;
      const slot = free === null ? undefined : free.pop();
      if (slot === undefined) {
        jobResolve(id, this.fallback());
        return 0;
      }
      this.#ring = r;
      this.#slot = slot;
    }
    const slab = this.#slab!;
    const base = id; // the job's userData; each SQE adds its sub * 2^32
    try {
      switch (this.#step) {
        case FIRST:
          r.prepOpenatDirect(AT_FDCWD, this.#path, O_RDONLY, 0, this.#slot, base + SUB_OPEN * JOB_SUB, sqeFlags.IO_LINK);
          this.#pending = 1;
          r.prepRead(this.#slot, slab.data, -1, base + SUB_READ * JOB_SUB, sqeFlags.FIXED_FILE);
          this.#pending = 2;
          return 2;
        case PROBE:
          r.prepRead(this.#slot, slab.data.subarray(this.#total), -1, base + SUB_PROBE * JOB_SUB, sqeFlags.FIXED_FILE);
          this.#pending = 1;
          return 1;
        case STAT:
          r.prepStatx(AT_FDCWD, this.#path, 0, STATX_BASIC_STATS, slab.statx, base + SUB_STATX * JOB_SUB);
          this.#pending = 1;
          return 1;
        case MORE: {
          const view = this.#whole === null
            ? this.#chunk!
            : this.#total === this.#size
              ? (this.#eofCheck ??= Buffer.allocUnsafeSlow(1)) // the READ that must find EOF
              : this.#whole.subarray(this.#total, Math.min(this.#size, this.#total + MORE_CHUNK));
          const async = view.byteLength > INLINE_READ_MAX ? sqeFlags.ASYNC : 0;
          r.prepRead(this.#slot, view, -1, base + SUB_MORE * JOB_SUB, sqeFlags.FIXED_FILE | async);
          this.#pending = 1;
          return 1;
        }
        default:
          r.prepCloseDirect(this.#slot, base + SUB_CLOSE * JOB_SUB);
          this.#pending = 1;
          return 1;
      }
    } catch (err) {
      // Not expected (the arguments are ours and the SQ has room); what was prepared still completes.
      if (this.#error === undefined) this.#error = err;
      if (this.#pending === 0 || this.#step !== FIRST) {
        this.#settle();
        return 0;
      }
      return this.#pending;
    }
  }

  cqe(r: Ring, sub: number, res: number): void {
    if (r !== this.#ring || this.#released) return; // a ring this job left, or a job already settled (fallback)
    switch (sub) {
      case SUB_STATX: this.#statRes = res; break;
      case SUB_OPEN: this.#openRes = res; break;
      case SUB_READ: this.#readRes = res; break;
      case SUB_MORE: this.#moreRes = res; break;
      case SUB_PROBE: this.#probeRes = res; break;
      default: this.#closeRes = res;
    }
    if (--this.#pending > 0) return;
    if (this.#error !== undefined) {
      this.#afterPrepError();
      return;
    }
    const step = this.#step;
    try {
      switch (step) {
        case FIRST: this.#afterFirst(); break;
        case PROBE: this.#afterProbe(); break;
        case STAT: this.#afterStat(); break;
        case MORE: this.#afterMore(); break;
        default: this.#afterClose();
      }
    } catch (err) {
      // An allocation or a string too long for V8, thrown here, inside the ring's reap: it must
      // reject this call (as node:fs's readFile rejects), not escape as an uncaught exception.
      this.#error = err;
      if (step === CLOSE || this.#openRes < 0) this.#settle();
      else this.#close();
    }
  }

  fallback(): Promise<unknown> {
    this.#release();
    return this.#slow();
  }

  #afterFirst(): void {
    if (this.#openRes < 0) {
      // The linked READ was cancelled, and no descriptor was installed.
      this.#error = systemError(this.#openRes, 'open', { path: this.#shown });
      this.#settle();
      return;
    }
    const n = this.#readRes;
    if (this.#readFailed(n)) return; // a directory: EISDIR, as node:fs reports it
    this.#total = n;
    if (n === 0) {
      this.#finish(this.#slab!.data); // EOF at once: an empty file (or a FIFO whose writer left)
    } else {
      this.#next(n < FIRST_READ ? PROBE : STAT);
    }
  }

  #afterProbe(): void {
    const n = this.#probeRes;
    if (this.#readFailed(n)) return;
    if (n === 0) {
      this.#finish(this.#slab!.data);
      return;
    }
    this.#total += n;
    if (this.#total < FIRST_READ) {
      this.#next(PROBE); // a short read that was not EOF (a pipe, /proc): on into the slab
    } else {
      this.#chunked();
    }
  }

  #afterStat(): void {
    const st = this.#slab!.statx;
    const regular = this.#statRes === 0 && ((st[7] & 0xffff) & S_IFMT) === S_IFREG;
    const size = regular ? st[10] + st[11] * 4294967296 : 0;
    const n = this.#total;
    if (regular && size > kIoMaxLength) {
      this.#error = fileTooLarge(size);
      this.#dropSlab();
      this.#close();
    } else if (regular && size >= n) {
      // A larger regular file: read the rest of it into one buffer of its size, as Node does.
      // The size is the path's, not the open file's (STATX takes no direct descriptor): if the
      // path was renamed over since the open, it is another file's. So a last READ must find
      // EOF where the size says; if it finds more, the rest is read chunk by chunk.
      this.#whole = Buffer.allocUnsafeSlow(size);
      this.#slab!.data.copy(this.#whole, 0, 0, n);
      this.#size = size;
      this.#dropSlab();
      this.#next(MORE);
    } else {
      // Not a regular file (or one that shrank since it was opened): read on until EOF.
      this.#chunked();
    }
  }

  /** Reads on chunk by chunk until EOF, starting from what the slab holds. */
  #chunked(): void {
    this.#chunks = [Buffer.from(this.#slab!.data.subarray(0, this.#total))];
    this.#chunk = Buffer.allocUnsafeSlow(kReadFileUnknownBufferLength);
    this.#dropSlab();
    this.#next(MORE);
  }

  /** The slab holds the whole file (`#total` bytes): copy it out, then close. */
  #finish(data: Buffer): void {
    this.#value = this.#result(data, this.#total);
    this.#dropSlab();
    this.#close();
  }

  /** A READ's result: if it failed, the job rejects with node's read error once the file is closed. */
  #readFailed(res: number): boolean {
    if (res >= 0) return false;
    this.#error = systemError(res, 'read');
    this.#readErrno = res;
    this.#close();
    return true;
  }

  #next(step: number): void {
    this.#step = step;
    this.sqes = 1;
    jobAgain(this.#id);
  }

  #afterMore(): void {
    const n = this.#moreRes;
    if (this.#readFailed(n)) return;
    const whole = this.#whole;
    if (whole !== null && this.#total === this.#size && n > 0) {
      // Data past the size STATX gave (another file's size, or the file grew): read on to EOF.
      this.#chunks = [whole, this.#eofCheck!.subarray(0, n)];
      this.#total += n;
      this.#whole = null;
      this.#chunk = Buffer.allocUnsafeSlow(kReadFileUnknownBufferLength);
      jobAgain(this.#id);
      return;
    }
    this.#total += n;
    if (whole !== null) {
      if (n === 0) {
        this.#value = this.#result(whole, this.#total);
        this.#close();
        return;
      }
    } else if (n === 0) {
      const all = Buffer.concat(this.#chunks!, this.#total);
      this.#value = this.#encoding === undefined ? all : decode(all, this.#total, this.#encoding);
      this.#close();
      return;
    } else {
      this.#chunks!.push(this.#chunk!.subarray(0, n));
      this.#chunk = Buffer.allocUnsafeSlow(kReadFileUnknownBufferLength);
    }
    jobAgain(this.#id);
  }

  #afterClose(): void {
    if (this.#closeRes < 0 && this.#error === undefined) this.#error = systemError(this.#closeRes, 'close');
    this.#settle();
  }

  /** A prep threw: wait for what was prepared, then close what may be open and reject. */
  #afterPrepError(): void {
    if (this.#step === FIRST && this.#openRes >= 0 && this.#pending === 0 && this.#ring !== null) {
      this.#close();
      return;
    }
    this.#settle();
  }

  #close(): void {
    this.#next(CLOSE);
  }

  #result(buffer: Buffer, n: number): unknown {
    if (this.#encoding !== undefined) return decode(buffer, n, this.#encoding);
    if (buffer === this.#whole && n === buffer.byteLength) return buffer;
    const out = Buffer.allocUnsafeSlow(n);
    buffer.copy(out, 0, 0, n);
    return out;
  }

  /** The first step's data is copied out: the slab can serve another call. */
  #dropSlab(): void {
    if (this.#slab !== null) slabs.give(this.#slab);
    this.#slab = null;
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    started--;
    const r = this.#ring;
    if (this.#slot >= 0 && r !== null && !r.closed) {
      // The slot is free again only once its CLOSE completed (or the open never installed it).
      if (this.#step === CLOSE || this.#openRes < 0) returnSlot(r, this.#slot);
    }
    this.#slot = -1;
    this.#dropSlab();
    this.#whole = null;
    this.#chunks = null;
    this.#chunk = null;
    this.#eofCheck = null;
  }

  #settle(): void {
    if (this.#released) return; // settled already (a fallback), whatever completes late
    this.#release();
    if (this.#error === undefined) jobResolve(this.#id, this.#value);
    else if (this.#readErrno === 0) jobReject(this.#id, this.#error);
    else {
      // Node 26 names the path in readFile's read errors, earlier majors do not: ask node which.
      const id = this.#id;
      const errno = this.#readErrno;
      const shown = this.#shown;
      const err = this.#error;
      readFileNamesPathOnRead.learn().then((named) => jobReject(id, named ? systemError(errno, 'read', { path: shown }) : err));
    }
  }
}

/**
 * `buffer.toString(encoding, 0, n)`; when V8 cannot hold the string, decoded as node:fs decodes
 * a large file (a StringDecoder, chunk by chunk) so that the call fails with node's own error.
 */
function decode(buffer: Buffer, n: number, encoding: BufferEncoding): string {
  try {
    return buffer.toString(encoding, 0, n);
  } catch {
    const decoder = new StringDecoder(encoding);
    let result = '';
    let at = 0;
    for (; at + kReadFileBufferLength < n; at += kReadFileBufferLength) result += decoder.write(buffer.subarray(at, at + kReadFileBufferLength));
    return result + decoder.end(buffer.subarray(at, n));
  }
}

/**
 * Starts readFile of `path` (a string or bytes, as plainPath() returns it) on the shared ring;
 * undefined when the path does not fit the slab (the caller takes the slow path).
 */
export function fastReadFile(path: string | Uint8Array, shown: string, encoding: BufferEncoding | undefined, slow: () => Promise<unknown>): Promise<unknown> | undefined {
  // More calls at once than direct descriptors would only queue and then fall back: take the
  // slow path now rather than hold a slab each (20,000 calls at once held 222 MB).
  if (started >= DIRECT_SLOTS) return undefined;
  const slab = slabs.take();
  const view = slab.path(path);
  if (view === null) {
    slabs.give(slab);
    return undefined;
  }
  started++;
  return startJob(new ReadFileJob(slab, view, shown, encoding, slow));
}
