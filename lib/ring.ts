// The Ring: SQ and CQ indices over the mapped rings, typed builders that write SQEs
// straight into shared memory, and the in-flight table that pins every buffer the kernel
// may touch until its CQE has been reaped.
import { constants as osConstants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { addressOf } from './address';
import {
  cancelFlags,
  cqRingFlags,
  enterFlags,
  fsyncFlags as fsyncBits,
  opcodes,
  setupFlags,
  sqeFlags as sqeFlagBits,
  sqRingFlags,
  SUPPORTED_SETUP_FLAGS,
} from './constants';
import { invalidArgType, invalidArgValue, MemlockError, outOfRange, ringError, ringSystemError } from './errors';
import { memlockInfo, pinnedBytes } from './memlock';
import { loadFailure, tryBinding, type Binding, type NativeRing, type RingLayout } from './native';
import { setupError } from './setup-failure';
import { SQE_WORDS, writeNopSqe, writeSqe } from './sqe';
import {
  validateBuffer,
  validateBufferArray,
  validateFd,
  validateInteger,
  validateOptionKeys,
  validateSqeFlags,
  validateUint32,
  validateUserData,
} from './validate';
import { isDetached, isInt32Array, isUint8Array, liveByteLength, viewByteLength } from './views';

const { EINTR, EAGAIN, EBUSY, EINVAL, ENOMEM, ECANCELED, ETIME } = osConstants.errno;
const EBADR = 53; // Linux-only, so not in os.constants: enter's answer once the kernel dropped a CQE

export interface RingOptions {
  /** SQ entries (io_uring_queue_init_params' `entries`; rounded up to a power of two by the kernel), 1..32768. Default 256. */
  entries?: number;
  /** CQ entries (io_uring_params.cq_entries, IORING_SETUP_CQSIZE, Linux 5.5+), entries..65536; default twice the SQ. */
  cqEntries?: number;
  /** IORING_SETUP_* flags (io_uring_params.flags): a combination of constants.SUPPORTED_SETUP_FLAGS. Default 0. */
  flags?: number;
  /** With IORING_SETUP_SQPOLL: milliseconds the kernel thread polls idle before it sleeps (io_uring_params.sq_thread_idle). */
  sqThreadIdle?: number;
}

const RING_OPTIONS: readonly string[] = ['entries', 'cqEntries', 'flags', 'sqThreadIdle'];

/** reap()'s callback: a CQE's user_data (the prep call's `userData`), res (-errno on failure) and IORING_CQE_F_* flags. */
export type CompletionCallback = (userData: number, res: number, flags: number) => void;

const TWO_32 = 4294967296;
// user_data of operations the Ring submits for itself (its own ASYNC_CANCEL): never a slot.
const INTERNAL_HI = 0xffffffff;
// Low words of close()'s internal cancels: the ANY cancel (its result decides the fallback), and the per-slot ones.
const CANCEL_ANY_LO = 0xffffffff;
const CANCEL_SLOT_LO = 0xfffffffe;
/**
 * close()'s cancel flags, and how long it waits without progress for operations that ignore
 * the cancel before it leaks the ring; module-level so a test can make the kernel refuse the
 * flags as a pre-5.19 kernel does, and shorten the wait.
 * @internal
 */
export const teardownCancel = { flags: cancelFlags.ANY, waitMs: 10_000 };
// close()'s wait is made of rounds this long: it gives up after teardownCancel.waitMs without a CQE.
const TEARDOWN_ROUND_MS = 100;
// Pins of rings close() leaked: the kernel may still write into them, so they are never released.
const leakedPins: unknown[] = [];
// Paths are copied into Ring-owned chunks this large (bigger for a longer path), never reused: a chunk lives while an op pins it.
const PATH_CHUNK = 16384;
// user_data high word for a cancel of an id no operation can have (never a generation).
const NO_OP_HI = 0xfffffffe;
// Op id = generation * MAX_SLOTS + slot, below 2^30 so it is a Smi (no HeapNumber per prep call);
// user_data is slot (low word) and generation (high word).
const SLOT_BITS = 20;
const MAX_SLOTS = 2 ** SLOT_BITS;
const GEN_MASK = 0x3ff;
const MAX_OP_ID = MAX_SLOTS * (GEN_MASK + 1) - 1;
const AT_FDCWD = -100;

// Position halves written by toPosition(); module-level so the hot path allocates nothing.
let posLo = 0;
let posHi = 0;
const MAX_POS = 2n ** 63n - 1n;

function toPosition(position: unknown): void {
  if (typeof position === 'number') {
    if (position === -1) {
      posLo = 0xffffffff;
      posHi = 0xffffffff;
      return;
    }
    if (Number.isSafeInteger(position) && position >= 0) {
      posLo = position >>> 0;
      posHi = (position / TWO_32) >>> 0;
      return;
    }
    throw outOfRange('position', `-1 or an integer >= 0 && <= ${Number.MAX_SAFE_INTEGER}`, position);
  }
  if (typeof position === 'bigint') {
    if (position === -1n) {
      posLo = 0xffffffff;
      posHi = 0xffffffff;
      return;
    }
    if (position >= 0n && position <= MAX_POS) {
      posLo = Number(position & 0xffffffffn);
      posHi = Number(position >> 32n);
      return;
    }
    throw outOfRange('position', `-1 or >= 0 && <= ${MAX_POS}`, position);
  }
  throw invalidArgType('position', 'of type number or bigint', position);
}

function validateLength(view: ArrayBufferView, name: string): number {
  const len = viewByteLength(view);
  if (len > 0xffffffff) throw outOfRange(`${name}.byteLength`, '<= 4294967295', len);
  return len;
}

/** prepRead/prepWrite's buffer error: not a view (len -2), detached (-1), or too long. */
function rwBufferError(buffer: unknown, len: number): Error {
  if (len === -2) return invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
  if (len === -1) return invalidArgValue('buffer', buffer, 'must not be backed by a detached ArrayBuffer');
  return outOfRange('buffer.byteLength', '<= 4294967295', len);
}

/**
 * A path as the builders take it: a string (UTF-8) or a file: URL, as node:fs takes them, or
 * a NUL-terminated buffer. `RingPath` in the docs of each builder.
 */
export type RingPath = string | Uint8Array | URL;

/** A string path as the *at opcodes read it: UTF-8, NUL-terminated; a NUL inside is node's error. */
function stringPath(path: string, name: string): Uint8Array {
  if (path.includes('\0')) throw invalidArgValue(name, path, 'must be a string, Uint8Array, or URL without null bytes');
  return Buffer.from(`${path}\0`);
}

/** A NUL-terminated path buffer, as the *at opcodes read it. */
function validatePath(value: unknown, name: string): Uint8Array {
  if (typeof value === 'string') return stringPath(value, name);
  if (value instanceof URL) return stringPath(fileURLToPath(value), name);
  if (!isUint8Array(value)) throw invalidArgType(name, 'of type string or an instance of Buffer, Uint8Array, or URL', value);
  if (isDetached(value)) throw invalidArgValue(name, value, 'must not be backed by a detached ArrayBuffer');
  const len = viewByteLength(value);
  if (len === 0 || value[len - 1] !== 0) {
    throw invalidArgValue(name, value, 'must be NUL-terminated');
  }
  return value;
}

function validateDirFd(value: unknown, name: string): number {
  if (value === AT_FDCWD) return value;
  return validateFd(value, name);
}

/**
 * Internal to uring/promises (not exported by lib/index.ts): prepRead/prepWrite for
 * arguments its caller has already checked (fd and position from the engine, a view that
 * passed ArrayBuffer.isView). It skips the public argument checks and their calls, so that
 * the whole path inlines; the memory range handed to the kernel is still read here through
 * the intrinsic getters, and anything unusual (a closed ring, a detached view, an fd or a
 * position out of range) takes the public path, with its errors.
 * @internal
 */
export let prepRwChecked: (ring: Ring, op: number, fd: number, view: ArrayBufferView, position: number, userData: number) => number;

/**
 * An io_uring instance (liburing's struct io_uring): prep* calls write SQEs straight into the
 * mapped submission queue, submit() hands them to the kernel, reap() reads the completions.
 * One per thread; never shared.
 */
export class Ring {
  static {
    prepRwChecked = (ring, op, fd, view, position, userData) => ring.#prepRwChecked(op, fd, view, position, userData);
  }

  readonly #binding: Binding;
  readonly #native: NativeRing;
  #closed = false;
  readonly #fd: number;
  readonly #flags: number;
  readonly #features: number;
  readonly #sqEntries: number;
  readonly #cqEntries: number;
  readonly #sqMask: number;
  readonly #cqMask: number;
  readonly #sqpoll: boolean;
  // SQ flag bits meaning "enter with GETEVENTS and completions will appear"; with
  // DEFER_TASKRUN completions only ever run inside such an enter.
  readonly #flushBits: number;
  readonly #deferTaskrun: boolean;

  // Views over the shared regions, and word indices into them, copied once at setup.
  readonly #sqWords: Uint32Array;
  readonly #cqWords: Uint32Array;
  readonly #cqInts: Int32Array;
  readonly #sqes: Uint32Array;
  readonly #sqes64: Float64Array; // the same SQEs, to zero two words with one store
  readonly #sqHead: number;
  readonly #sqTail: number;
  readonly #sqFlags: number;
  readonly #cqHead: number;
  readonly #cqTail: number;
  readonly #cqes: number;
  readonly #cqeWords: number;
  readonly #cqFlags: number; // word index of the CQ flags, or -1
  readonly #cqOverflow: number; // word index of the kernel's count of dropped CQEs

  #tail = 0; // our SQ tail, published on submit
  #sqHeadSeen = 0; // a lower bound of the kernel's SQ head, reloaded only when the SQ looks full
  #cqHeadLocal = 0; // our CQ head: every CQE before it has been read

  // In-flight table: one slot per operation from prep until its CQE is reaped.
  #slotUser: Float64Array;
  readonly #slotPins: unknown[];
  #slotGen: Uint32Array;
  #free: Int32Array;
  #freeTop: number;
  #inflight = 0;

  #cqHeadPublished = 0; // the CQ head the kernel last saw from us
  #droppedSeen = 0; // the kernel's dropped-CQE counter when reap last read it
  #lost = 0; // operations whose CQE the kernel dropped: they stay in flight, but close() does not wait for them
  #lostUnreported = 0; // dropped CQEs no error has named yet

  #onReady: (() => void) | null = null;
  readonly #wake: () => void;
  #rooted = false;
  #loopRef = false;
  #releaseQueued = false;
  #cancelAnyRes = 0; // result of close()'s ANY cancel: -EINVAL before Linux 5.19
  #closing = false; // close() is draining: no new work (#push), and its enters start none (#teardownEnter)
  readonly #releaseTask = () => this.#applyRelease();
  #registeredBuffers: ArrayBufferView[] | null = null;
  #pathChunk: Uint8Array | null = null; // where #copyPath puts paths; pinned by each op that uses it
  #pathChunkAddr = 0;
  #pathUsed = 0;
  #registeredFiles: Int32Array | null = null;
  #probe: Uint8Array | undefined;

  /**
   * Sets up a ring (liburing io_uring_queue_init_params; Linux 5.1+). Throws `ERR_URING_UNAVAILABLE` with the reason
   * where io_uring cannot be used (no addon, ENOSYS, seccomp EPERM, kernel.io_uring_disabled), a MemlockError
   * when RLIMIT_MEMLOCK is too low for the rings, and ERR_INVALID_ARG_VALUE for an unknown option key.
   */
  constructor(options: RingOptions = {}) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
    validateOptionKeys(options, RING_OPTIONS, 'a Ring');
    const entries = validateInteger(options.entries ?? 256, 'options.entries', 1, 32768);
    const cqEntries = options.cqEntries === undefined ? 0 : validateInteger(options.cqEntries, 'options.cqEntries', 1, 65536);
    if (cqEntries !== 0 && cqEntries < entries) {
      throw outOfRange('options.cqEntries', `>= options.entries (${entries})`, cqEntries);
    }
    const flags = options.flags === undefined ? 0 : validateUint32(options.flags, 'options.flags');
    if ((flags & ~SUPPORTED_SETUP_FLAGS) !== 0) {
      throw outOfRange('options.flags', `a combination of supported IORING_SETUP_* bits (mask 0x${SUPPORTED_SETUP_FLAGS.toString(16)})`, flags);
    }
    const idle = options.sqThreadIdle === undefined ? 0 : validateUint32(options.sqThreadIdle, 'options.sqThreadIdle');

    const binding = tryBinding();
    if (binding === undefined) {
      throw ringError('ERR_URING_UNAVAILABLE', `uring's native addon could not be loaded: ${loadFailure()?.message}`);
    }
    this.#binding = binding;
    this.#native = new binding.NativeRing();
    this.#wake = () => this.#onWake();
    const ret = this.#native.setup(entries, flags, cqEntries, idle, this.#wake);
    if (ret < 0) throw setupError(ret, entries, cqEntries);

    const l: RingLayout = this.#native.layout();
    this.#fd = l.fd;
    this.#flags = l.flags;
    this.#features = l.features;
    this.#sqEntries = l.sqEntries;
    this.#cqEntries = l.cqEntries;
    this.#sqMask = l.sqEntries - 1;
    this.#cqMask = l.cqEntries - 1;
    this.#sqpoll = (l.flags & setupFlags.SQPOLL) !== 0;
    this.#deferTaskrun = (l.flags & setupFlags.DEFER_TASKRUN) !== 0;
    this.#flushBits = sqRingFlags.CQ_OVERFLOW | sqRingFlags.TASKRUN;
    this.#sqWords = new Uint32Array(l.sqRing);
    this.#cqWords = l.cqRing === l.sqRing ? this.#sqWords : new Uint32Array(l.cqRing);
    this.#cqInts = new Int32Array(l.cqRing);
    this.#sqes = new Uint32Array(l.sqes);
    this.#sqes64 = new Float64Array(l.sqes);
    this.#sqHead = l.sqHead >>> 2;
    this.#sqTail = l.sqTail >>> 2;
    this.#sqFlags = l.sqFlags >>> 2;
    this.#cqHead = l.cqHead >>> 2;
    this.#cqTail = l.cqTail >>> 2;
    this.#cqes = l.cqes >>> 2;
    this.#cqeWords = l.cqeSize >>> 2;
    this.#cqFlags = l.cqFlags >= 0 ? l.cqFlags >>> 2 : -1;
    this.#cqOverflow = l.cqOverflow >>> 2;
    this.#droppedSeen = Atomics.load(this.#cqWords, this.#cqOverflow);
    this.#tail = Atomics.load(this.#sqWords, this.#sqTail);
    this.#sqHeadSeen = Atomics.load(this.#sqWords, this.#sqHead);
    this.#setEventfd(false); // nobody listens yet: spare the kernel an eventfd signal per completion batch
    this.#cqHeadLocal = Atomics.load(this.#cqWords, this.#cqHead);
    this.#cqHeadPublished = this.#cqHeadLocal;

    const capacity = this.#cqEntries;
    this.#slotUser = new Float64Array(capacity);
    this.#slotPins = new Array(capacity).fill(null);
    this.#slotGen = new Uint32Array(capacity);
    this.#free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.#free[i] = capacity - 1 - i;
    this.#freeTop = capacity;
  }

  /** The ring's file descriptor (io_uring.ring_fd); -1 once closed. */
  get fd(): number {
    return this.#closed ? -1 : this.#fd;
  }
  /** Submission queue size in entries (io_uring_params.sq_entries): `entries` rounded up to a power of two. */
  get sqEntries(): number {
    return this.#sqEntries;
  }
  /** Completion queue size in entries (io_uring_params.cq_entries). */
  get cqEntries(): number {
    return this.#cqEntries;
  }
  /** IORING_FEAT_* bits the kernel reported at setup (io_uring_params.features, Linux 5.4+; see constants.features). */
  get features(): number {
    return this.#features;
  }
  /** IORING_SETUP_* flags the ring runs with (io_uring_params.flags; see constants.setupFlags). */
  get flags(): number {
    return this.#flags;
  }
  /** Whether close() has run: the views are then detached and every other call throws `ERR_URING_CLOSED`. */
  get closed(): boolean {
    return this.#closed;
  }
  /** Operations prepared or submitted whose CQE has not been reaped yet (each pins its buffers until then). */
  get inFlight(): number {
    return this.#inflight;
  }
  /** Free SQE slots (liburing io_uring_sq_space_left): how many prep calls fit before `ERR_URING_SQ_FULL`. */
  get sqSpace(): number {
    this.#checkOpen();
    return this.#sqEntries - ((this.#tail - Atomics.load(this.#sqWords, this.#sqHead)) >>> 0);
  }
  /** SQEs prepared but not yet consumed by the kernel (liburing io_uring_sq_ready). */
  get sqReady(): number {
    this.#checkOpen();
    return (this.#tail - Atomics.load(this.#sqWords, this.#sqHead)) >>> 0;
  }
  /** CQEs waiting to be reaped (liburing io_uring_cq_ready). */
  get cqReady(): number {
    this.#checkOpen();
    return (Atomics.load(this.#cqWords, this.#cqTail) - this.#cqHeadLocal) >>> 0;
  }

  /**
   * Whether the running kernel supports an opcode (constants.opcodes; IORING_REGISTER_PROBE, Linux 5.6+:
   * false for every opcode on older kernels). The probe runs once per ring.
   */
  supports(opcode: number): boolean {
    this.#checkOpen();
    if (typeof opcode !== 'number') throw invalidArgType('opcode', 'of type number', opcode);
    if (this.#probe === undefined) {
      const p = this.#native.probe();
      this.#probe = typeof p === 'number' ? new Uint8Array(0) : p;
    }
    return opcode >= 0 && opcode < this.#probe.length && this.#probe[opcode] === 1;
  }

  // ---- builders (each returns the operation id, usable with prepCancel) ----

  /**
   * NOP (io_uring_prep_nop; Linux 5.1+): completes with res 0 and touches nothing.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepNop(userData: number, sqeFlags?: number): number {
    // Kept small (with #take and writeNopSqe) so that TurboFan inlines all of it into the
    // caller's loop: a prep call already optimized with more than 460 bytes of bytecode inlined
    // is never inlined again (--max-inlined-bytecode-size), and the call then costs more than the SQE.
    if (this.#closing) this.#notOpen(userData, sqeFlags); // closing or closed (#closing stays set)
    const ud = validateUserData(userData);
    const flags = sqeFlags === undefined ? 0 : validateSqeFlags(sqeFlags);
    const tail = this.#tail;
    const slot = this.#take(tail, ud, 0);
    const gen = this.#slotGen[slot];
    writeNopSqe(this.#sqes, this.#sqes64, (tail & this.#sqMask) * SQE_WORDS, flags, slot, gen);
    this.#tail = (tail + 1) >>> 0;
    if (this.#inflight++ === 0) this.#updateActive();
    return gen * MAX_SLOTS + slot;
  }

  /**
   * READ into `buffer` (io_uring_prep_read; Linux 5.6+) at byte offset `position` (-1: the file's current position,
   * which it advances). res: bytes read, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepRead(fd: number, buffer: ArrayBufferView, position: number | bigint, userData: number, sqeFlags?: number): number {
    return this.#prepRw(opcodes.READ, fd, buffer, position, userData, sqeFlags);
  }

  /**
   * WRITE of `buffer` (io_uring_prep_write; Linux 5.6+) at byte offset `position` (-1: the file's current position,
   * which it advances). res: bytes written, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWrite(fd: number, buffer: ArrayBufferView, position: number | bigint, userData: number, sqeFlags?: number): number {
    return this.#prepRw(opcodes.WRITE, fd, buffer, position, userData, sqeFlags);
  }

  /**
   * READV into `buffers` (io_uring_prep_readv; Linux 5.1+; at most IOV_MAX = 1024 of them) at byte offset
   * `position` (-1: the current position). res: bytes read, or -errno. Buffers and iovecs stay pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepReadv(fd: number, buffers: ArrayBufferView[], position: number | bigint, userData: number, sqeFlags?: number): number {
    return this.#prepRwv(opcodes.READV, fd, buffers, position, userData, sqeFlags);
  }

  /**
   * WRITEV of `buffers` (io_uring_prep_writev; Linux 5.1+; at most IOV_MAX = 1024 of them) at byte offset
   * `position` (-1: the current position). res: bytes written, or -errno. Buffers and iovecs stay pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWritev(fd: number, buffers: ArrayBufferView[], position: number | bigint, userData: number, sqeFlags?: number): number {
    return this.#prepRwv(opcodes.WRITEV, fd, buffers, position, userData, sqeFlags);
  }

  /**
   * FSYNC (io_uring_prep_fsync; Linux 5.1+); `fsyncFlags` constants.fsyncFlags.DATASYNC makes it fdatasync. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFsync(fd: number, userData: number, fsyncFlags?: number, sqeFlags?: number): number {
    this.#checkOpen();
    validateFd(fd);
    const ud = validateUserData(userData);
    const opFlags = fsyncFlags === undefined ? 0 : validateUint32(fsyncFlags, 'fsyncFlags');
    if ((opFlags & ~fsyncBits.DATASYNC) !== 0) throw outOfRange('fsyncFlags', '0 or IORING_FSYNC_DATASYNC', fsyncFlags);
    const flags = validateSqeFlags(sqeFlags);
    return this.#push(opcodes.FSYNC, flags, fd, 0, 0, 0, 0, opFlags, ud, undefined);
  }

  /**
   * OPENAT (io_uring_prep_openat; Linux 5.6+) of `path` (a string, a file: URL or a NUL-terminated buffer, copied
   * at prep) relative to `dirfd` (AT_FDCWD = -100: the working directory); `openFlags` O_* and `mode` as open(2).
   * res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenat(dirfd: number, path: RingPath, openFlags: number, mode: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const dfd = validateDirFd(dirfd, 'dirfd');
    const p = validatePath(path, 'path');
    const of = validateInteger(openFlags, 'flags', -(2 ** 31), 2 ** 32 - 1);
    const m = validateInteger(mode, 'mode', 0, 0o7777);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const addr = this.#copyPath(p);
    return this.#push(opcodes.OPENAT, flags, dfd, 0, 0, addr, m, of, ud, this.#pathChunk);
  }

  /**
   * OPENAT into the registered file table (a direct descriptor, io_uring_prep_openat_direct; Linux 5.15+):
   * the file lands in slot `fileIndex` (replacing whatever was there) instead of the process's
   * fd table, and later SQEs use it with IOSQE_FIXED_FILE and `fileIndex` as their fd. The CQE
   * result is 0 on success. A READ linked after it (IOSQE_IO_LINK) sees the new file only on
   * kernels with IORING_FEAT_LINKED_FILE (5.17+). Needs registerFiles() first. `path` as prepOpenat.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenatDirect(dirfd: number, path: RingPath, openFlags: number, mode: number, fileIndex: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const dfd = validateDirFd(dirfd, 'dirfd');
    const p = validatePath(path, 'path');
    const of = validateInteger(openFlags, 'flags', -(2 ** 31), 2 ** 32 - 1);
    const m = validateInteger(mode, 'mode', 0, 0o7777);
    const index = this.#validateFileIndex(fileIndex);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const addr = this.#copyPath(p);
    const id = this.#push(opcodes.OPENAT, flags, dfd, 0, 0, addr, m, of, ud, this.#pathChunk);
    this.#setFileIndex(index);
    return id;
  }

  /**
   * CLOSE of the direct descriptor in slot `fileIndex` of the registered file table (io_uring_prep_close_direct;
   * Linux 5.15+). res: 0 or -errno. IOSQE_FIXED_FILE is refused: the slot is `fileIndex`.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepCloseDirect(fileIndex: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const index = this.#validateFileIndex(fileIndex);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    if ((flags & sqeFlagBits.FIXED_FILE) !== 0) throw outOfRange('sqeFlags', 'without IOSQE_FIXED_FILE (the slot is fileIndex)', sqeFlags);
    const id = this.#push(opcodes.CLOSE, flags, 0, 0, 0, 0, 0, 0, ud, undefined);
    this.#setFileIndex(index);
    return id;
  }

  /**
   * CLOSE of `fd` (io_uring_prep_close; Linux 5.6+). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepClose(fd: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    validateFd(fd);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    return this.#push(opcodes.CLOSE, flags, fd, 0, 0, 0, 0, 0, ud, undefined);
  }

  /**
   * STATX (io_uring_prep_statx; Linux 5.6+) of `path` (as prepOpenat) relative to `dirfd`, into `statxBuffer`
   * (a struct statx: at least 256 bytes, pinned until the CQE); `statxFlags` AT_* and `mask` STATX_* as statx(2).
   * res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepStatx(dirfd: number, path: RingPath, statxFlags: number, mask: number, statxBuffer: ArrayBufferView, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const dfd = validateDirFd(dirfd, 'dirfd');
    const p = validatePath(path, 'path');
    const sf = validateUint32(statxFlags, 'statxFlags');
    const mk = validateUint32(mask, 'mask');
    const out = validateBuffer(statxBuffer, 'statxBuffer');
    const outLen = viewByteLength(out);
    if (outLen < 256) throw outOfRange('statxBuffer.byteLength', '>= 256', outLen);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const outAddr = this.#addr(out);
    const addr = this.#copyPath(p);
    return this.#push(opcodes.STATX, flags, dfd, outAddr >>> 0, (outAddr / TWO_32) >>> 0, addr, mk, sf, ud, [this.#pathChunk, out]);
  }

  /**
   * RENAMEAT (io_uring_prep_renameat; Linux 5.11+) of `oldpath` (relative to `olddirfd`) to `newpath` (relative
   * to `newdirfd`); paths as prepOpenat; `renameFlags` RENAME_* as renameat2(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepRenameat(olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, renameFlags: number, userData: number, sqeFlags?: number): number {
    return this.#prepTwoPaths(opcodes.RENAMEAT, olddirfd, oldpath, newdirfd, newpath, renameFlags, userData, sqeFlags);
  }

  /**
   * LINKAT (io_uring_prep_linkat; Linux 5.15+): a hard link `newpath` (relative to `newdirfd`) to `oldpath`
   * (relative to `olddirfd`); paths as prepOpenat; `linkFlags` AT_SYMLINK_FOLLOW as linkat(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepLinkat(olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, linkFlags: number, userData: number, sqeFlags?: number): number {
    return this.#prepTwoPaths(opcodes.LINKAT, olddirfd, oldpath, newdirfd, newpath, linkFlags, userData, sqeFlags);
  }

  /**
   * SYMLINKAT (io_uring_prep_symlinkat; Linux 5.15+): a symbolic link `linkpath` (relative to `newdirfd`)
   * whose content is `target`; paths as prepOpenat. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSymlinkat(target: RingPath, newdirfd: number, linkpath: RingPath, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const t = validatePath(target, 'target');
    const dfd = validateDirFd(newdirfd, 'newdirfd');
    const lp = validatePath(linkpath, 'linkpath');
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const tAddr = this.#copyPath(t);
    const tChunk = this.#pathChunk;
    const lpAddr = this.#copyPath(lp);
    return this.#push(opcodes.SYMLINKAT, flags, dfd, lpAddr >>> 0, (lpAddr / TWO_32) >>> 0, tAddr, 0, 0, ud, [tChunk, this.#pathChunk]);
  }

  /**
   * UNLINKAT (io_uring_prep_unlinkat; Linux 5.11+) of `path` (as prepOpenat) relative to `dirfd`;
   * `unlinkFlags` AT_REMOVEDIR (0x200) removes a directory. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepUnlinkat(dirfd: number, path: RingPath, unlinkFlags: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const dfd = validateDirFd(dirfd, 'dirfd');
    const p = validatePath(path, 'path');
    const uf = validateUint32(unlinkFlags, 'unlinkFlags');
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const addr = this.#copyPath(p);
    return this.#push(opcodes.UNLINKAT, flags, dfd, 0, 0, addr, 0, uf, ud, this.#pathChunk);
  }

  /**
   * MKDIRAT (io_uring_prep_mkdirat; Linux 5.15+) of `path` (as prepOpenat) relative to `dirfd`, with `mode`
   * (0..0o7777, before the umask). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepMkdirat(dirfd: number, path: RingPath, mode: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const dfd = validateDirFd(dirfd, 'dirfd');
    const p = validatePath(path, 'path');
    const m = validateInteger(mode, 'mode', 0, 0o7777);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const addr = this.#copyPath(p);
    return this.#push(opcodes.MKDIRAT, flags, dfd, 0, 0, addr, m, 0, ud, this.#pathChunk);
  }

  /**
   * FTRUNCATE of `fd` to `length` bytes (io_uring_prep_ftruncate; Linux 6.9+: check
   * supports(constants.opcodes.FTRUNCATE)). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFtruncate(fd: number, length: number | bigint, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    validateFd(fd);
    // Checked here so that errors name "length" (toPosition's would name "position" and allow -1).
    if (typeof length === 'number') validateInteger(length, 'length', 0, Number.MAX_SAFE_INTEGER);
    else if (typeof length !== 'bigint') throw invalidArgType('length', 'of type number or bigint', length);
    else if (length < 0n || length > MAX_POS) throw outOfRange('length', `>= 0 && <= ${MAX_POS}`, length);
    toPosition(length);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    return this.#push(opcodes.FTRUNCATE, flags, fd, posLo, posHi, 0, 0, 0, ud, undefined);
  }

  /**
   * ASYNC_CANCEL (io_uring_prep_cancel64; Linux 5.5+) of the operation whose id a prep call returned.
   * res: 0 (cancelled: the target completes with -ECANCELED), -ENOENT (no such operation in flight) or
   * -EALREADY (already running; it may still complete).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepCancel(opId: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const id = validateInteger(opId, 'opId', 0, Number.MAX_SAFE_INTEGER);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    // An id no prep call returned matches no operation: the cancel then completes with -ENOENT.
    const target = id <= MAX_OP_ID ? (id % MAX_SLOTS) + Math.floor(id / MAX_SLOTS) * TWO_32 : NO_OP_HI * TWO_32;
    return this.#push(opcodes.ASYNC_CANCEL, flags, -1, 0, 0, target, 0, 0, ud, undefined);
  }

  // ---- submission and completion ----

  /**
   * Publishes the SQ tail and calls io_uring_enter once (liburing io_uring_submit_and_wait). With `waitFor` > 0 it blocks
   * until that many CQEs are ready. Returns the number of SQEs the kernel consumed (with
   * SQPOLL: the number published to the kernel thread, which consumes them on its own); on
   * EAGAIN/EBUSY nothing is lost: the SQEs stay queued for the next call.
   */
  submit(waitFor = 0): number {
    this.#checkOpen();
    if (waitFor !== 0) {
      validateUint32(waitFor, 'waitFor');
      // Waiting for more completions than there are operations would block forever. A ready CQE
      // belongs to an operation still counted in flight (until reaped): it is not one more.
      if (waitFor > this.#inflight) {
        throw outOfRange('waitFor', `<= the operations in flight (${this.#inflight})`, waitFor);
      }
    }
    // SQPOLL: the kernel thread runs what we publish with the ring's credentials, and no enter checks them.
    if (this.#sqpoll && this.#native.credentialsChanged()) throw this.#enterError(this.#binding.CREDENTIALS_CHANGED);
    this.#publishCqHead(); // room for the completions this enter may post
    const tail = this.#tail;
    Atomics.store(this.#sqWords, this.#sqTail, tail);
    let enterFlagsValue = waitFor > 0 ? enterFlags.GETEVENTS : 0;
    const sqFlags = Atomics.load(this.#sqWords, this.#sqFlags);
    if ((sqFlags & this.#flushBits) !== 0) enterFlagsValue |= enterFlags.GETEVENTS;
    let toSubmit = (tail - Atomics.load(this.#sqWords, this.#sqHead)) >>> 0;
    if (this.#sqpoll) {
      // The kernel thread consumes the SQ by itself; enter only to wake it or to wait.
      if ((sqFlags & sqRingFlags.NEED_WAKEUP) !== 0) enterFlagsValue |= enterFlags.SQ_WAKEUP;
      if (enterFlagsValue === 0) {
        this.#updateActive();
        return toSubmit;
      }
    }
    if (toSubmit === 0 && enterFlagsValue === 0) return 0;
    for (;;) {
      const ret = this.#native.enter(toSubmit, waitFor, enterFlagsValue);
      if (ret >= 0) {
        this.#updateActive();
        return ret;
      }
      if (ret === -EINTR) {
        toSubmit = (tail - Atomics.load(this.#sqWords, this.#sqHead)) >>> 0;
        continue;
      }
      if (ret === -EAGAIN || ret === -EBUSY) return 0;
      throw this.#enterError(ret);
    }
  }

  /**
   * Calls `callback(userData, res, flags)` for up to `max` ready CQEs and returns how many
   * were consumed (liburing io_uring_for_each_cqe + io_uring_cq_advance). `res` is the result,
   * negative -errno on failure (cqeError() makes it node's error); `flags` are IORING_CQE_F_* bits. Each CQE is read whole and its slot released before its callback runs,
   * so callbacks may prepare, submit or reap again; a callback that throws does not lose the
   * others (the first error is rethrown after all have run).
   */
  reap(callback: CompletionCallback, max?: number): number {
    this.#checkOpen();
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    const limit = max === undefined ? Infinity : validateInteger(max, 'max', 1, Number.MAX_SAFE_INTEGER);
    const cqWords = this.#cqWords;
    const cqInts = this.#cqInts;
    // `| 0`: int32 for TurboFan once, here, instead of a Smi check of each per CQE.
    const cqes = this.#cqes | 0;
    const cqMask = this.#cqMask | 0;
    const cqeWords = this.#cqeWords | 0;
    const slotPins = this.#slotPins; // one array for the ring's life (#grow lengthens it in place)
    let total = 0;
    let error: unknown;
    let failed = false;
    let flushed = false;
    while (total < limit) {
      const tail = Atomics.load(cqWords, this.#cqTail); // once per pass
      if (tail === this.#cqHeadLocal) {
        // Completions that did not fit wait in the kernel until the CQ has room (NODROP);
        // deferred task work waits for an enter with GETEVENTS.
        if (!flushed && this.#mustFlush()) {
          flushed = true;
          this.#publishCqHead();
          this.#flushOverflow();
          continue;
        }
        if (Atomics.load(cqWords, this.#cqOverflow) !== this.#droppedSeen) this.#noteDropped();
        break;
      }
      flushed = false;
      // Our head moves past a CQE only once it has been read into locals, so a nested reap
      // (from a callback) continues after it and may publish the head at any time.
      for (let head = this.#cqHeadLocal; ((tail - head) | 0) > 0 && total < limit; head = this.#cqHeadLocal) {
        const w = cqes + (head & cqMask) * cqeWords;
        const lo = cqWords[w];
        const hi = cqWords[w + 1];
        const res = cqInts[w + 2];
        const fl = cqWords[w + 3];
        this.#cqHeadLocal = (head + 1) >>> 0;
        total++;
        const slotGen = this.#slotGen; // re-read: a callback's prep may grow the table
        if (hi === INTERNAL_HI || lo >= slotGen.length || slotGen[lo] !== hi || slotPins[lo] === null) {
          if (hi === INTERNAL_HI && lo === CANCEL_ANY_LO) this.#cancelAnyRes = res;
          continue; // our own cancel, or not an operation of ours
        }
        const ud = this.#slotUser[lo];
        // Release the slot (as #release does).
        slotPins[lo] = null;
        slotGen[lo] = (hi + 1) & GEN_MASK;
        this.#free[this.#freeTop++] = lo;
        this.#inflight--;
        try {
          callback(ud, res, fl);
        } catch (err) {
          if (!failed) {
            failed = true;
            error = err;
          }
        }
        if (this.#closed) break;
      }
      if (this.#closed) break;
      this.#publishCqHead();
    }
    if (!this.#closed) this.#updateActive();
    if (failed) throw error;
    if (this.#lostUnreported > 0) throw this.#overflowError();
    return total;
  }

  /**
   * Calls `callback()` from the event loop when CQEs may be ready (io_uring_register_eventfd + uv_poll); null stops it. While
   * a callback is set and operations are in the kernel, the ring keeps the loop alive.
   */
  onReady(callback: (() => void) | null): void {
    this.#checkOpen();
    if (callback !== null && typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function or null', callback);
    }
    this.#onReady = callback;
    this.#setEventfd(callback !== null);
    this.#updateActive();
    // Completions posted while nobody listened signalled no eventfd: wake for them now.
    if (callback !== null && this.#pending()) setImmediate(() => this.#onWake());
  }

  // ---- registration ----

  /**
   * Registers fixed buffers (io_uring_register_buffers; Linux 5.1+), each 1 byte..1 GiB; they are charged to
   * RLIMIT_MEMLOCK (a MemlockError when it is too low) and stay pinned until unregistered or close().
   */
  registerBuffers(buffers: ArrayBufferView[]): void {
    this.#checkOpen();
    const views = validateBufferArray(buffers, 'buffers');
    if (views.length === 0) throw outOfRange('buffers.length', '>= 1', 0);
    const spans: Array<[number, number]> = [];
    for (let i = 0; i < views.length; i++) {
      const len = viewByteLength(views[i]);
      if (len === 0 || len > 2 ** 30) throw outOfRange(`buffers[${i}].byteLength`, '>= 1 && <= 1073741824', len);
      spans.push([this.#addr(views[i]), len]);
    }
    const requested = pinnedBytes(spans);
    const { limitBytes, ipcLock } = memlockInfo();
    if (!ipcLock && requested > limitBytes) throw new MemlockError(limitBytes, requested);
    const ret = this.#native.registerBuffers(views);
    // Without CAP_IPC_LOCK the kernel charges the pages to RLIMIT_MEMLOCK (on top of what is already locked).
    if (ret === -ENOMEM && !ipcLock) throw new MemlockError(limitBytes, requested);
    if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
    this.#registeredBuffers = views;
  }

  /** Unregisters the fixed buffers (io_uring_unregister_buffers) and releases their pins. */
  unregisterBuffers(): void {
    this.#checkOpen();
    const ret = this.#native.unregisterBuffers();
    if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
    this.#registeredBuffers = null;
  }

  /**
   * Registers a file table (io_uring_register_files; Linux 5.1+; 1..32768 entries, -1 for an empty slot):
   * with IOSQE_FIXED_FILE the fd argument of a prep call is then an index into it.
   */
  registerFiles(fds: number[] | Int32Array): void {
    this.#checkOpen();
    if (!Array.isArray(fds) && !isInt32Array(fds)) throw invalidArgType('fds', 'an instance of Array or Int32Array', fds);
    const count: unknown = fds.length; // read once: a Proxy could answer differently each time
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 32768) {
      throw outOfRange('fds.length', '>= 1 && <= 32768', count);
    }
    const table = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const fd = fds[i];
      if (fd !== -1) validateFd(fd, `fds[${i}]`);
      table[i] = fd;
    }
    const ret = this.#native.registerFiles(table);
    if (ret === -ENOMEM) {
      const { limitBytes, ipcLock } = memlockInfo();
      if (!ipcLock) throw new MemlockError(limitBytes, table.length * 8);
    }
    if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
    this.#registeredFiles = table;
  }

  /** Unregisters the file table (io_uring_unregister_files). */
  unregisterFiles(): void {
    this.#checkOpen();
    const ret = this.#native.unregisterFiles();
    if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
    this.#registeredFiles = null;
  }

  // ---- teardown ----

  /**
   * Cancels every operation in flight (ASYNC_CANCEL_ANY, or one cancel each before Linux 5.19), waits until the kernel has finished with each of
   * their buffers, then unmaps the rings (the views are detached). Operations never
   * submitted complete with -ECANCELED without reaching the kernel. Their completions go
   * to `callback` when one is given. Idempotent.
   */
  close(callback?: CompletionCallback): void {
    if (this.#closed || this.#closing) return; // from a close() callback: the running close() delivers the rest
    if (callback !== undefined && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    const deliver = callback ?? (() => {});
    const errors: unknown[] = [];
    this.#closing = true;
    // A callback of an enclosing reap() that closes the ring leaves the CQEs after its own in
    // the CQ (reap moves the head one CQE at a time): the drain below delivers them to `deliver`.
    // First, what the kernel has not seen: dropped from the SQ, completed as cancelled
    // (with SQPOLL the kernel thread may already hold whatever submit() published).
    const head = Atomics.load(this.#sqWords, this.#sqpoll ? this.#sqTail : this.#sqHead);
    const unseen: number[] = [];
    for (let t = head; t !== this.#tail; t = (t + 1) >>> 0) {
      const w = (t & this.#sqMask) * SQE_WORDS;
      if (this.#sqes[w + 9] !== INTERNAL_HI) unseen.push(this.#sqes[w + 8], this.#sqes[w + 9]);
    }
    this.#tail = head;
    Atomics.store(this.#sqWords, this.#sqTail, head);
    for (let i = 0; i < unseen.length; i += 2) {
      const slot = unseen[i];
      if (this.#slotGen[slot] !== unseen[i + 1]) continue;
      const ud = this.#slotUser[slot];
      this.#release(slot);
      try {
        deliver(ud, -ECANCELED, 0);
      } catch (err) {
        errors.push(err);
      }
    }
    // Then what the kernel holds: cancel it all and wait for every CQE.
    let drainMs = teardownCancel.waitMs;
    if (this.#inflight > this.#lost) {
      const collect: CompletionCallback = (ud, res, fl) => {
        try {
          deliver(ud, res, fl);
        } catch (err) {
          errors.push(err);
        }
      };
      const round = Math.min(TEARDOWN_ROUND_MS, drainMs);
      const rounds = round === 0 ? 0 : Math.ceil(drainMs / round);
      let cancelQueued = false;
      let idle = 0;
      this.#cancelAnyRes = 0;
      for (;;) {
        if (!cancelQueued) {
          if (this.sqSpace === 0) this.#teardownEnter(0, 0);
          if (this.sqSpace > 0) {
            const w = (this.#tail & this.#sqMask) * SQE_WORDS;
            writeSqe(this.#sqes, w, opcodes.ASYNC_CANCEL, 0, -1, 0, 0, 0, 0, teardownCancel.flags, CANCEL_ANY_LO, INTERNAL_HI, 0, 0);
            this.#tail = (this.#tail + 1) >>> 0;
            cancelQueued = true;
          }
        }
        // Submits what an earlier enter refused too (-EAGAIN, -EBUSY): the cancel must reach the kernel.
        if (this.#sqpoll || this.sqReady > 0) this.#teardownEnter(this.#sqpoll ? 0 : this.sqReady, 0);
        let reaped = 0;
        try {
          reaped = this.reap(collect);
        } catch (err) {
          errors.push(err); // lost completions are counted: go on; an enter that failed: the native drain finishes the job
          if ((err as { code?: unknown }).code !== 'ERR_URING_CQ_OVERFLOW') break;
        }
        if (this.#inflight <= this.#lost) break; // the rest lost their CQE: the kernel is done with them
        if (this.#cancelAnyRes === -EINVAL) {
          this.#cancelAnyRes = 0;
          this.#cancelEachSlot(); // a kernel without ASYNC_CANCEL_ANY: cancel each operation by its user_data
        }
        idle = reaped > 0 ? 0 : idle + 1;
        if (idle >= rounds) {
          drainMs = 0; // waited long enough: the native drain only checks
          break;
        }
        const ret = this.#native.waitCompletions(round);
        if (ret < 0 && ret !== -ETIME && ret !== -EINTR && ret !== -EAGAIN && ret !== -EBUSY && ret !== -EBADR) break;
      }
    }
    this.#publishCqHead();
    this.#closed = true;
    this.#onReady = null;
    if (this.#native.close(drainMs)) {
      // The kernel is done with every buffer: release the pins.
      this.#slotPins.fill(null);
    } else {
      leakedPins.push(this.#slotPins, this.#registeredBuffers); // operations outlived the wait (the native side said so on stderr)
    }
    this.#registeredBuffers = null;
    this.#registeredFiles = null;
    this.#inflight = 0;
    if (errors.length > 0) throw errors[0];
  }

  // ---- internals ----

  #checkOpen(): void {
    if (this.#closed) throw ringError('ERR_URING_CLOSED', 'The ring is closed');
  }

  #addr(view: ArrayBufferView): number {
    return addressOf(this.#binding, view);
  }

  #prepRw(op: number, fd: number, buffer: ArrayBufferView, position: unknown, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    validateFd(fd);
    // validateBuffer() + validateLength(), with the same errors in the same order, but the
    // detached test only for an empty view (see liveByteLength).
    const len = ArrayBuffer.isView(buffer) ? liveByteLength(buffer) : -2;
    if (len < 0 || len > 0xffffffff) throw rwBufferError(buffer, len);
    toPosition(position);
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    return this.#push(op, flags, fd, posLo, posHi, this.#addr(buffer), len, 0, ud, buffer);
  }

  #prepRwChecked(op: number, fd: number, view: ArrayBufferView, position: number, userData: number): number {
    const len = !this.#closed && (fd | 0) === fd && fd >= 0 && (userData | 0) === userData && userData >= 0 &&
      (position === -1 || (Number.isSafeInteger(position) && position >= 0)) && ArrayBuffer.isView(view)
      ? liveByteLength(view)
      : -1;
    if (len < 0 || len > 0xffffffff) return this.#prepRw(op, fd, view, position, userData, undefined);
    const lo = position === -1 ? 0xffffffff : position >>> 0;
    const hi = position === -1 ? 0xffffffff : (position / TWO_32) >>> 0;
    return this.#push(op, 0, fd, lo, hi, this.#addr(view), len, 0, userData, view);
  }

  #prepRwv(op: number, fd: number, buffers: ArrayBufferView[], position: unknown, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    validateFd(fd);
    const views = validateBufferArray(buffers);
    toPosition(position);
    const lo = posLo;
    const hi = posHi;
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    // struct iovec[]: { void *iov_base; size_t iov_len; }, pinned with the buffers.
    const iov = new Uint32Array(Math.max(views.length, 1) * 4);
    const pins: unknown[] = [iov];
    for (let i = 0; i < views.length; i++) {
      const b = views[i];
      const len = validateLength(b, `buffers[${i}]`);
      const a = this.#addr(b);
      iov[i * 4] = a >>> 0;
      iov[i * 4 + 1] = (a / TWO_32) >>> 0;
      iov[i * 4 + 2] = len;
      iov[i * 4 + 3] = 0;
      pins.push(b);
    }
    return this.#push(op, flags, fd, lo, hi, this.#addr(iov), views.length, 0, ud, pins);
  }

  #prepTwoPaths(op: number, olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, opFlags: number, userData: number, sqeFlags?: number): number {
    this.#checkOpen();
    const od = validateDirFd(olddirfd, 'olddirfd');
    const op1 = validatePath(oldpath, 'oldpath');
    const nd = validateDirFd(newdirfd, 'newdirfd');
    const np = validatePath(newpath, 'newpath');
    const of = validateUint32(opFlags, 'flags');
    const ud = validateUserData(userData);
    const flags = validateSqeFlags(sqeFlags);
    const opAddr = this.#copyPath(op1);
    const opChunk = this.#pathChunk;
    const npAddr = this.#copyPath(np);
    return this.#push(op, flags, od, npAddr >>> 0, (npAddr / TWO_32) >>> 0, opAddr, nd >>> 0, of, ud, [opChunk, this.#pathChunk]);
  }

  /**
   * Copies a validated path into Ring-owned memory and returns the copy's address: the caller
   * keeps its own buffer and could clear the NUL before submit (or from another thread, over a
   * SharedArrayBuffer), and the kernel would read past the view. The op pins #pathChunk.
   */
  #copyPath(path: Uint8Array): number {
    const len = path.length;
    let chunk = this.#pathChunk;
    let at = this.#pathUsed;
    if (chunk === null || at + len > chunk.length) {
      chunk = new Uint8Array(Math.max(PATH_CHUNK, len));
      this.#pathChunk = chunk;
      this.#pathChunkAddr = this.#addr(chunk);
      at = 0;
    }
    chunk.set(path, at);
    chunk[at + len - 1] = 0; // set, not trusted: a shared buffer may have changed since validatePath
    this.#pathUsed = at + len;
    return this.#pathChunkAddr + at;
  }

  /** Takes an SQE and an in-flight slot (all checks done), writes the SQE, pins `pins`. */
  #push(op: number, flags: number, fd: number, offLo: number, offHi: number, addr: number, len: number, opFlags: number, userData: number, pins: unknown): number {
    // From a close() callback: close() would wait for it, and its teardown enter must submit nothing of the user's.
    if (this.#closing) throw ringError('ERR_URING_CLOSED', 'The ring is closing');
    const tail = this.#tail;
    // As #take does, written out: a call to #take here would leave prepRead & co. (whose
    // inlining budget is spent) with one more call per operation.
    if (((tail - this.#sqHeadSeen) >>> 0) >= this.#sqEntries) this.#reloadSqHead();
    let top = this.#freeTop;
    if (top === 0) top = this.#grow();
    const slot = this.#free[--top];
    this.#freeTop = top;
    const gen = this.#slotGen[slot];
    this.#slotUser[slot] = userData;
    this.#slotPins[slot] = pins ?? 0; // non-null marks the slot as in use
    writeSqe(this.#sqes, (tail & this.#sqMask) * SQE_WORDS, op, flags, fd, offLo, offHi, addr, len, opFlags, slot, gen, 0, 0);
    this.#tail = (tail + 1) >>> 0;
    if (this.#inflight++ === 0) this.#updateActive();
    return gen * MAX_SLOTS + slot;
  }

  /** A slot of the registered file table. */
  #validateFileIndex(fileIndex: unknown): number {
    const size = this.#registeredFiles === null ? 0 : this.#registeredFiles.length;
    if (size === 0 && typeof fileIndex === 'number' && Number.isInteger(fileIndex)) {
      throw outOfRange('fileIndex', 'a slot of the registered file table (no files are registered: registerFiles() first)', fileIndex);
    }
    return validateInteger(fileIndex, 'fileIndex', 0, size - 1);
  }

  /** Sets file_index (slot + 1) of the SQE #push wrote last. */
  #setFileIndex(index: number): void {
    this.#sqes[(((this.#tail - 1) >>> 0) & this.#sqMask) * SQE_WORDS + 11] = index + 1;
  }

  /**
   * prepNop's part of #push: for the SQE at `tail` (the caller writes it), throws if the SQ
   * is full, else takes an in-flight slot, records `userData` and pins `pins` (non-null:
   * marks the slot as in use).
   */
  #take(tail: number, userData: number, pins: unknown): number {
    if (((tail - this.#sqHeadSeen) >>> 0) >= this.#sqEntries) this.#reloadSqHead();
    let top = this.#freeTop;
    if (top === 0) top = this.#grow();
    const slot = this.#free[--top];
    this.#freeTop = top;
    this.#slotUser[slot] = userData;
    this.#slotPins[slot] = pins;
    return slot;
  }

  /** prepNop on a ring that is closing or closed: the errors (and their order) of the checks it skipped. */
  #notOpen(userData: unknown, sqeFlags: unknown): never {
    this.#checkOpen();
    validateUserData(userData);
    validateSqeFlags(sqeFlags);
    throw ringError('ERR_URING_CLOSED', 'The ring is closing');
  }

  /** The SQ looked full: reload the kernel's head, and throw if it really is. */
  #reloadSqHead(): void {
    this.#sqHeadSeen = Atomics.load(this.#sqWords, this.#sqHead);
    if (((this.#tail - this.#sqHeadSeen) >>> 0) >= this.#sqEntries) {
      throw ringError('ERR_URING_SQ_FULL', `The submission queue is full (${this.#sqEntries} entries): submit() before preparing more`);
    }
  }

  #release(slot: number): void {
    this.#slotPins[slot] = null;
    this.#slotGen[slot] = (this.#slotGen[slot] + 1) & GEN_MASK;
    this.#free[this.#freeTop++] = slot;
    this.#inflight--;
  }

  /** Doubles the slot table (up to MAX_SLOTS operations in flight); returns the new free count. */
  #grow(): number {
    const old = this.#slotUser.length;
    if (old >= MAX_SLOTS) {
      throw ringError('ERR_URING_TOO_MANY_IN_FLIGHT', `${MAX_SLOTS} operations are in flight: reap completions before preparing more`);
    }
    const size = Math.min(old * 2, MAX_SLOTS);
    const user = new Float64Array(size);
    user.set(this.#slotUser);
    const gen = new Uint32Array(size);
    gen.set(this.#slotGen);
    const free = new Int32Array(size);
    const added = size - old;
    for (let i = 0; i < added; i++) free[i] = size - 1 - i; // the new slots; the old ones are all taken
    this.#slotUser = user;
    this.#slotGen = gen;
    this.#slotPins.length = size;
    this.#slotPins.fill(null, old);
    this.#free = free;
    this.#freeTop = added;
    return added;
  }

  /** Gives the kernel back the CQ room of every CQE read so far. */
  #publishCqHead(): void {
    if (this.#cqHeadPublished !== this.#cqHeadLocal) {
      this.#cqHeadPublished = this.#cqHeadLocal;
      Atomics.store(this.#cqWords, this.#cqHead, this.#cqHeadLocal);
    }
  }

  /** close() on a kernel that refused ASYNC_CANCEL_ANY: one ASYNC_CANCEL per slot still in flight. */
  #cancelEachSlot(): void {
    const slotGen = this.#slotGen;
    for (let slot = 0; slot < slotGen.length; slot++) {
      if (this.#slotPins[slot] === null) continue;
      if (this.sqSpace === 0) this.#teardownEnter(this.#sqpoll ? 0 : this.sqReady, 0);
      if (this.sqSpace === 0) return; // no room even after entering: the native drain's bounded wait remains
      const w = (this.#tail & this.#sqMask) * SQE_WORDS;
      const target = slot + slotGen[slot] * TWO_32; // the user_data the slot's operation was submitted with
      writeSqe(this.#sqes, w, opcodes.ASYNC_CANCEL, 0, -1, 0, 0, target, 0, 0, CANCEL_SLOT_LO, INTERNAL_HI, 0, 0);
      this.#tail = (this.#tail + 1) >>> 0;
    }
    this.#teardownEnter(this.#sqpoll ? 0 : this.sqReady, 0);
  }

  /** Publishes the SQ tail (only close()'s own cancels are in the SQ) and enters. */
  #teardownEnter(toSubmit: number, waitFor: number): void {
    Atomics.store(this.#sqWords, this.#sqTail, this.#tail);
    // With SQPOLL, wake the kernel thread and wait for it to make room for the cancel.
    const flags = this.#sqpoll ? enterFlags.SQ_WAKEUP | enterFlags.SQ_WAIT : 0;
    let ret: number;
    do {
      ret = this.#native.enter(toSubmit, waitFor, flags);
    } while (ret === -EINTR);
  }

  #mustFlush(): boolean {
    if (this.#deferTaskrun && this.#inflight > 0) return true;
    return (Atomics.load(this.#sqWords, this.#sqFlags) & this.#flushBits) !== 0;
  }

  #flushOverflow(): void {
    for (;;) {
      const ret = this.#native.enter(0, 0, enterFlags.GETEVENTS);
      if (ret !== -EINTR) {
        // -EBADR: CQEs were dropped, which reap reports from the counter.
        if (ret < 0 && ret !== -EAGAIN && ret !== -EBUSY && ret !== -EBADR) throw this.#enterError(ret);
        return;
      }
    }
  }

  /** The kernel dropped CQEs (no IORING_FEAT_NODROP, or no memory for its overflow list): count them. */
  #noteDropped(): void {
    const dropped = Atomics.load(this.#cqWords, this.#cqOverflow);
    const n = (dropped - this.#droppedSeen) >>> 0;
    this.#droppedSeen = dropped;
    this.#lost += n;
    this.#lostUnreported += n;
  }

  #overflowError(): Error {
    if (Atomics.load(this.#cqWords, this.#cqOverflow) !== this.#droppedSeen) this.#noteDropped();
    const n = this.#lostUnreported > 0 ? this.#lostUnreported : this.#lost;
    this.#lostUnreported = 0;
    return ringError(
      'ERR_URING_CQ_OVERFLOW',
      `The kernel dropped ${n} completion${n === 1 ? '' : 's'} (the completion queue overflowed): ` +
        'the operations behind them finished, but their results are lost',
    );
  }

  #enterError(ret: number): Error {
    if (ret === -EBADR) return this.#overflowError(); // the kernel's way to say CQEs were dropped
    if (ret === this.#binding.CREDENTIALS_CHANGED) {
      return ringError(
        'ERR_URING_CREDENTIALS_CHANGED',
        'The process changed its uid/gid/groups after this SQPOLL ring was created; its kernel thread would run ' +
          'operations with the old credentials. Create a new Ring after changing credentials.',
      );
    }
    return ringSystemError(ret, 'io_uring_enter');
  }

  /** Roots the ring (and its pins) while anything is in flight; refs the loop while the kernel holds work and someone listens. */
  #updateActive(now = false): void {
    const rooted = this.#inflight > 0;
    let loopRef = false;
    if (rooted && this.#onReady !== null) {
      // With SQPOLL the kernel thread takes what submit() published by itself: only the unpublished wait.
      const taken = Atomics.load(this.#sqWords, this.#sqpoll ? this.#sqTail : this.#sqHead);
      const queued = (this.#tail - taken) >>> 0;
      loopRef = this.#inflight > queued;
    }
    if (rooted === this.#rooted && loopRef === this.#loopRef) return;
    if (now || (rooted && !this.#rooted) || (loopRef && !this.#loopRef)) {
      this.#rooted = rooted;
      this.#loopRef = loopRef;
      this.#native.setActive(rooted, loopRef);
    } else if (!this.#releaseQueued) {
      // Releasing can wait for the loop's next check phase: a batch loop that empties and
      // refills the ring, every tick or microtask (uring/promises: reap, resolve, prepare
      // again), then makes no native call for it (before the loop can exit, it runs). A
      // microtask ran between every reap and the next batch: three native calls per batch.
      this.#releaseQueued = true;
      setImmediate(this.#releaseTask);
    }
  }

  #applyRelease(): void {
    this.#releaseQueued = false;
    if (!this.#closed) this.#updateActive(true);
  }

  #onWake(): void {
    if (this.#closed) return;
    const cb = this.#onReady;
    if (cb !== null && this.#pending()) cb();
  }

  /** CQEs ready, or waiting in the kernel (overflow list, deferred task work). */
  #pending(): boolean {
    return Atomics.load(this.#cqWords, this.#cqTail) !== this.#cqHeadLocal || this.#mustFlush();
  }

  /** IORING_CQ_EVENTFD_DISABLED off while an onReady callback listens, on otherwise. */
  #setEventfd(enabled: boolean): void {
    if (this.#cqFlags < 0) return;
    const old = Atomics.load(this.#cqWords, this.#cqFlags);
    const next = enabled ? old & ~cqRingFlags.EVENTFD_DISABLED : old | cqRingFlags.EVENTFD_DISABLED;
    if (next !== old) Atomics.store(this.#cqWords, this.#cqFlags, next);
  }
}

/**
 * Opcodes the running kernel supports (IORING_REGISTER_PROBE, Linux 5.6+) and its IORING_FEAT_* bits,
 * from a one-entry ring it closes again; throws the Ring constructor's error where io_uring is unusable.
 */
export function probe(): { opcodes: number[]; features: number } {
  const ring = new Ring({ entries: 1 });
  try {
    const supported: number[] = [];
    for (let op = 0; op < 256; op++) if (ring.supports(op)) supported.push(op);
    return { opcodes: supported, features: ring.features };
  } finally {
    ring.close();
  }
}

