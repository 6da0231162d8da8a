// The Ring: the one public class over an io_uring instance. It composes the parts in lib/ring/:
// the submission and completion queues, the in-flight table (pins, generations, op ids),
// registration, teardown, and the opcode builders by family (ops-file, ops-path, ops-control,
// ops-timeout, ops-poll, ops-fixed, ops-file-range, ops-splice; multishot.ts for multishot ops),
// each of which validates its arguments and makes the one core call, RingCore.prep().
import { opcodes, SUPPORTED_SETUP_FLAGS } from './constants';
import { invalidArgType, outOfRange } from './errors';
import { close } from './ring/teardown';
import { RingCore } from './ring/core';
import { submit } from './ring/enter';
import { prepCancel, prepNop } from './ring/ops-control';
import { prepClose, prepCloseDirect, prepFsync, prepFtruncate, prepRw, prepRwChecked as rwChecked, prepRwv } from './ring/ops-file';
import { prepFadvise, prepFallocate, prepSyncFileRange } from './ring/ops-file-range';
import { prepRwFixed } from './ring/ops-fixed';
import { prepPollAdd } from './ring/ops-poll';
import { prepLinkTimeout, prepRemove, prepTimeout } from './ring/ops-timeout';
import { prepMkdirat, prepOpenat, prepOpenat2, prepOpenatDirect, prepStatx, prepSymlinkat, prepTwoPaths, prepUnlinkat } from './ring/ops-path';
import { prepSplice, prepTee } from './ring/ops-splice';
import { registerBufferRing, type BufferRing } from './ring/buffer-ring';
import { prepMsgRing } from './ring/ops-msg';
import { prepAccept, prepAddress, prepListen, prepRecv, prepSend, prepShutdown, prepSocket, type AcceptOptions, type RecvOptions } from './ring/ops-socket';
import { reap } from './ring/reap';
import { registerBuffers, registerFiles, supports, unregisterBuffers, unregisterFiles } from './ring/registration';
import { validateInteger, validateOptionKeys, validateUint32 } from './validate';

/** @internal */
export { teardownCancel } from './ring/teardown';

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

/**
 * A path as the builders take it: a string (UTF-8) or a file: URL, as node:fs takes them, or
 * a NUL-terminated buffer. `RingPath` in the docs of each builder.
 */
export type RingPath = string | Uint8Array | URL;

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
    prepRwChecked = (ring, op, fd, view, position, userData) => rwChecked(ring.#core, op, fd, view, position, userData);
  }

  readonly #core: RingCore;

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

    this.#core = new RingCore(entries, cqEntries, flags, idle);
  }

  /** The ring's file descriptor (io_uring.ring_fd); -1 once closed. */
  get fd(): number {
    return this.#core.closed ? -1 : this.#core.fd;
  }

  /** Submission queue size in entries (io_uring_params.sq_entries): `entries` rounded up to a power of two. */
  get sqEntries(): number {
    return this.#core.sqEntries;
  }

  /** Completion queue size in entries (io_uring_params.cq_entries). */
  get cqEntries(): number {
    return this.#core.cqEntries;
  }

  /** IORING_FEAT_* bits the kernel reported at setup (io_uring_params.features, Linux 5.4+; see constants.features). */
  get features(): number {
    return this.#core.features;
  }

  /** IORING_SETUP_* flags the ring runs with (io_uring_params.flags; see constants.setupFlags). */
  get flags(): number {
    return this.#core.flags;
  }

  /** Whether close() has run: the views are then detached and every other call throws `ERR_URING_CLOSED`. */
  get closed(): boolean {
    return this.#core.closed;
  }

  /** Operations prepared or submitted whose CQE has not been reaped yet (each pins its buffers until then). */
  get inFlight(): number {
    return this.#core.table.count;
  }

  /** Free SQE slots (liburing io_uring_sq_space_left): how many prep calls fit before `ERR_URING_SQ_FULL`. */
  get sqSpace(): number {
    this.#core.checkOpen();
    return this.#core.sq.space();
  }

  /** SQEs prepared but not yet consumed by the kernel (liburing io_uring_sq_ready). */
  get sqReady(): number {
    this.#core.checkOpen();
    return this.#core.sq.ready();
  }

  /** CQEs waiting to be reaped (liburing io_uring_cq_ready). */
  get cqReady(): number {
    this.#core.checkOpen();
    return this.#core.cq.ready();
  }

  /**
   * Whether the running kernel supports an opcode (constants.opcodes; IORING_REGISTER_PROBE, Linux 5.6+:
   * false for every opcode on older kernels). The probe runs once per ring.
   */
  supports(opcode: number): boolean {
    this.#core.checkOpen();
    if (typeof opcode !== 'number') throw invalidArgType('opcode', 'of type number', opcode);
    return supports(this.#core, opcode);
  }

  /**
   * NOP (io_uring_prep_nop; Linux 5.1+): completes with res 0 and touches nothing.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepNop(userData: number, sqeFlags?: number): number {
    return prepNop(this.#core, userData, sqeFlags);
  }

  /**
   * READ into `buffer` (io_uring_prep_read; Linux 5.6+) at byte offset `position` (-1: the file's current position,
   * which it advances). res: bytes read, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepRead(fd: number, buffer: ArrayBufferView, position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRw(this.#core, opcodes.READ, fd, buffer, position, userData, sqeFlags);
  }

  /**
   * WRITE of `buffer` (io_uring_prep_write; Linux 5.6+) at byte offset `position` (-1: the file's current position,
   * which it advances). res: bytes written, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWrite(fd: number, buffer: ArrayBufferView, position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRw(this.#core, opcodes.WRITE, fd, buffer, position, userData, sqeFlags);
  }

  /**
   * READV into `buffers` (io_uring_prep_readv; Linux 5.1+; at most IOV_MAX = 1024 of them) at byte offset
   * `position` (-1: the current position). res: bytes read, or -errno. Buffers and iovecs stay pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepReadv(fd: number, buffers: ArrayBufferView[], position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRwv(this.#core, opcodes.READV, fd, buffers, position, userData, sqeFlags);
  }

  /**
   * WRITEV of `buffers` (io_uring_prep_writev; Linux 5.1+; at most IOV_MAX = 1024 of them) at byte offset
   * `position` (-1: the current position). res: bytes written, or -errno. Buffers and iovecs stay pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWritev(fd: number, buffers: ArrayBufferView[], position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRwv(this.#core, opcodes.WRITEV, fd, buffers, position, userData, sqeFlags);
  }

  /**
   * FSYNC (io_uring_prep_fsync; Linux 5.1+); `fsyncFlags` constants.fsyncFlags.DATASYNC makes it fdatasync. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFsync(fd: number, userData: number, fsyncFlags?: number, sqeFlags?: number): number {
    return prepFsync(this.#core, fd, userData, fsyncFlags, sqeFlags);
  }

  /**
   * OPENAT (io_uring_prep_openat; Linux 5.6+) of `path` (a string, a file: URL or a NUL-terminated buffer, copied
   * at prep) relative to `dirfd` (AT_FDCWD = -100: the working directory); `openFlags` O_* and `mode` as open(2).
   * res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenat(dirfd: number, path: RingPath, openFlags: number, mode: number, userData: number, sqeFlags?: number): number {
    return prepOpenat(this.#core, dirfd, path, openFlags, mode, userData, sqeFlags);
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
    return prepOpenatDirect(this.#core, dirfd, path, openFlags, mode, fileIndex, userData, sqeFlags);
  }

  /**
   * CLOSE of the direct descriptor in slot `fileIndex` of the registered file table (io_uring_prep_close_direct;
   * Linux 5.15+). res: 0 or -errno. IOSQE_FIXED_FILE is refused: the slot is `fileIndex`.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepCloseDirect(fileIndex: number, userData: number, sqeFlags?: number): number {
    return prepCloseDirect(this.#core, fileIndex, userData, sqeFlags);
  }

  /**
   * CLOSE of `fd` (io_uring_prep_close; Linux 5.6+). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepClose(fd: number, userData: number, sqeFlags?: number): number {
    return prepClose(this.#core, fd, userData, sqeFlags);
  }

  /**
   * STATX (io_uring_prep_statx; Linux 5.6+) of `path` (as prepOpenat) relative to `dirfd`, into `statxBuffer`
   * (a struct statx: at least 256 bytes, pinned until the CQE); `statxFlags` AT_* and `mask` STATX_* as statx(2).
   * res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepStatx(dirfd: number, path: RingPath, statxFlags: number, mask: number, statxBuffer: ArrayBufferView, userData: number, sqeFlags?: number): number {
    return prepStatx(this.#core, dirfd, path, statxFlags, mask, statxBuffer, userData, sqeFlags);
  }

  /**
   * RENAMEAT (io_uring_prep_renameat; Linux 5.11+) of `oldpath` (relative to `olddirfd`) to `newpath` (relative
   * to `newdirfd`); paths as prepOpenat; `renameFlags` RENAME_* as renameat2(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepRenameat(olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, renameFlags: number, userData: number, sqeFlags?: number): number {
    return prepTwoPaths(this.#core, opcodes.RENAMEAT, olddirfd, oldpath, newdirfd, newpath, renameFlags, userData, sqeFlags);
  }

  /**
   * LINKAT (io_uring_prep_linkat; Linux 5.15+): a hard link `newpath` (relative to `newdirfd`) to `oldpath`
   * (relative to `olddirfd`); paths as prepOpenat; `linkFlags` AT_SYMLINK_FOLLOW as linkat(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepLinkat(olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, linkFlags: number, userData: number, sqeFlags?: number): number {
    return prepTwoPaths(this.#core, opcodes.LINKAT, olddirfd, oldpath, newdirfd, newpath, linkFlags, userData, sqeFlags);
  }

  /**
   * SYMLINKAT (io_uring_prep_symlinkat; Linux 5.15+): a symbolic link `linkpath` (relative to `newdirfd`)
   * whose content is `target`; paths as prepOpenat. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSymlinkat(target: RingPath, newdirfd: number, linkpath: RingPath, userData: number, sqeFlags?: number): number {
    return prepSymlinkat(this.#core, target, newdirfd, linkpath, userData, sqeFlags);
  }

  /**
   * UNLINKAT (io_uring_prep_unlinkat; Linux 5.11+) of `path` (as prepOpenat) relative to `dirfd`;
   * `unlinkFlags` AT_REMOVEDIR (0x200) removes a directory. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepUnlinkat(dirfd: number, path: RingPath, unlinkFlags: number, userData: number, sqeFlags?: number): number {
    return prepUnlinkat(this.#core, dirfd, path, unlinkFlags, userData, sqeFlags);
  }

  /**
   * MKDIRAT (io_uring_prep_mkdirat; Linux 5.15+) of `path` (as prepOpenat) relative to `dirfd`, with `mode`
   * (0..0o7777, before the umask). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepMkdirat(dirfd: number, path: RingPath, mode: number, userData: number, sqeFlags?: number): number {
    return prepMkdirat(this.#core, dirfd, path, mode, userData, sqeFlags);
  }

  /**
   * FTRUNCATE of `fd` to `length` bytes (io_uring_prep_ftruncate; Linux 6.9+: check
   * supports(constants.opcodes.FTRUNCATE)). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFtruncate(fd: number, length: number | bigint, userData: number, sqeFlags?: number): number {
    return prepFtruncate(this.#core, fd, length, userData, sqeFlags);
  }

  /**
   * ASYNC_CANCEL (io_uring_prep_cancel64; Linux 5.5+) of the operation whose id a prep call returned.
   * res: 0 (cancelled: the target completes with -ECANCELED), -ENOENT (no such operation in flight) or
   * -EALREADY (already running; it may still complete).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepCancel(opId: number, userData: number, sqeFlags?: number): number {
    return prepCancel(this.#core, opId, userData, sqeFlags);
  }

  /**
   * TIMEOUT (io_uring_prep_timeout; Linux 5.4+): completes after `ns` nanoseconds (a number or a bigint) with
   * res -ETIME, or with res 0 once `count` other operations have completed first (0: time only).
   * `timeoutFlags` are constants.timeoutFlags bits: ABS makes `ns` an absolute CLOCK_MONOTONIC time
   * (process.hrtime.bigint()'s clock), BOOTTIME/REALTIME pick another clock, ETIME_SUCCESS (5.16+), MULTISHOT (6.4+:
   * fires every `ns`, `count` times, 0 = until removed; one slot until its last CQE). The timespec stays pinned until the CQE.
   * Returns the operation id (for prepCancel and prepTimeoutRemove). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepTimeout(ns: number | bigint, count: number, userData: number, timeoutFlags?: number, sqeFlags?: number): number {
    return prepTimeout(this.#core, ns, count, userData, timeoutFlags, sqeFlags);
  }

  /**
   * LINK_TIMEOUT (io_uring_prep_link_timeout; Linux 5.5+): bounds the operation prepared just before it, which must
   * carry sqeFlags IO_LINK. If it has not completed after `ns` nanoseconds it is cancelled (its res -ECANCELED, or
   * -EINTR for some) and this completes with -ETIME; otherwise this completes with -ECANCELED.
   * `timeoutFlags`: ABS, BOOTTIME, REALTIME of constants.timeoutFlags. The timespec stays pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepLinkTimeout(ns: number | bigint, userData: number, timeoutFlags?: number, sqeFlags?: number): number {
    return prepLinkTimeout(this.#core, ns, userData, timeoutFlags, sqeFlags);
  }

  /**
   * TIMEOUT_REMOVE (io_uring_prep_timeout_remove; Linux 5.5+) of the timeout whose id prepTimeout returned.
   * res: 0 (removed: the timeout completes with -ECANCELED), -ENOENT (no such timeout in flight) or -EALREADY.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepTimeoutRemove(opId: number, userData: number, sqeFlags?: number): number {
    return prepRemove(this.#core, opcodes.TIMEOUT_REMOVE, 'TIMEOUT_REMOVE', '5.5', opId, userData, sqeFlags);
  }

  /**
   * POLL_ADD (io_uring_prep_poll_add; Linux 5.1+): completes when `fd` has one of `events` (constants.pollEvents bits),
   * with res the events that are ready. `{ multishot: true }` (io_uring_prep_poll_multishot; Linux 5.13+) posts a CQE
   * with IORING_CQE_F_MORE at each readiness and keeps its slot until its last CQE (the one without F_MORE: after
   * prepPollRemove, prepCancel or an error).
   * Returns the operation id (for prepCancel and prepPollRemove). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepPollAdd(fd: number, events: number, userData: number, options?: { multishot?: boolean }, sqeFlags?: number): number {
    return prepPollAdd(this.#core, fd, events, userData, options, sqeFlags);
  }

  /**
   * POLL_REMOVE (io_uring_prep_poll_remove; Linux 5.1+) of the poll whose id prepPollAdd returned.
   * res: 0 (removed: the poll completes with -ECANCELED) or -ENOENT (no such poll in flight).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepPollRemove(opId: number, userData: number, sqeFlags?: number): number {
    return prepRemove(this.#core, opcodes.POLL_REMOVE, 'POLL_REMOVE', '5.1', opId, userData, sqeFlags);
  }

  /**
   * READ_FIXED (io_uring_prep_read_fixed; Linux 5.1+) into `buffer`, which must lie inside registered buffer
   * `bufIndex` (registerBuffers(); a subarray of it, or the whole of it), at byte offset `position` (-1: the current
   * position). res: bytes read, or -errno. The kernel uses the pages pinned at registration: no per-op mapping.
   * `buffer` and the registered buffer stay referenced until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepReadFixed(fd: number, buffer: ArrayBufferView, position: number | bigint, bufIndex: number, userData: number, sqeFlags?: number): number {
    return prepRwFixed(this.#core, opcodes.READ_FIXED, fd, buffer, position, bufIndex, userData, sqeFlags);
  }

  /**
   * WRITE_FIXED (io_uring_prep_write_fixed; Linux 5.1+) of `buffer`, which must lie inside registered buffer
   * `bufIndex`, at byte offset `position` (-1: the current position). res: bytes written, or -errno.
   * `buffer` and the registered buffer stay referenced until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWriteFixed(fd: number, buffer: ArrayBufferView, position: number | bigint, bufIndex: number, userData: number, sqeFlags?: number): number {
    return prepRwFixed(this.#core, opcodes.WRITE_FIXED, fd, buffer, position, bufIndex, userData, sqeFlags);
  }

  /**
   * FALLOCATE (io_uring_prep_fallocate; Linux 5.6+) of `length` bytes of `fd` at `offset` (numbers or bigints,
   * at most 2^53-1 for `length`); `mode` FALLOC_FL_* as fallocate(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFallocate(fd: number, mode: number, offset: number | bigint, length: number | bigint, userData: number, sqeFlags?: number): number {
    return prepFallocate(this.#core, fd, mode, offset, length, userData, sqeFlags);
  }

  /**
   * FADVISE (io_uring_prep_fadvise; Linux 5.6+): posix_fadvise(fd, offset, length, advice), `length` up to 2^32-1
   * (0: to the end of the file), `advice` POSIX_FADV_* (0..5). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFadvise(fd: number, offset: number | bigint, length: number, advice: number, userData: number, sqeFlags?: number): number {
    return prepFadvise(this.#core, fd, offset, length, advice, userData, sqeFlags);
  }

  /**
   * SYNC_FILE_RANGE (io_uring_prep_sync_file_range, whose (len, offset) order this does not copy; Linux 5.2+):
   * sync_file_range(fd, offset, length, flags), `length` up to 2^32-1 (0: to the end), `flags`
   * SYNC_FILE_RANGE_WAIT_BEFORE (1) | WRITE (2) | WAIT_AFTER (4). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSyncFileRange(fd: number, offset: number | bigint, length: number, flags: number, userData: number, sqeFlags?: number): number {
    return prepSyncFileRange(this.#core, fd, offset, length, flags, userData, sqeFlags);
  }

  /**
   * SPLICE (io_uring_prep_splice; Linux 5.7+) of up to `nbytes` from `fdIn` at `offIn` to `fdOut` at `offOut`; one
   * of them must be a pipe, whose offset is -1 (-1 on a file: its current position). `spliceFlags`
   * constants.spliceFlags (FD_IN_FIXED: `fdIn` is a registered file slot; IOSQE_FIXED_FILE is for `fdOut`).
   * res: bytes moved (0 at end of input), or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSplice(fdIn: number, offIn: number | bigint, fdOut: number, offOut: number | bigint, nbytes: number, spliceFlags: number, userData: number, sqeFlags?: number): number {
    return prepSplice(this.#core, fdIn, offIn, fdOut, offOut, nbytes, spliceFlags, userData, sqeFlags);
  }

  /**
   * TEE (io_uring_prep_tee; Linux 5.8+): duplicates up to `nbytes` from pipe `fdIn` into pipe `fdOut` without consuming
   * them; `spliceFlags` as prepSplice. res: bytes duplicated, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepTee(fdIn: number, fdOut: number, nbytes: number, spliceFlags: number, userData: number, sqeFlags?: number): number {
    return prepTee(this.#core, fdIn, fdOut, nbytes, spliceFlags, userData, sqeFlags);
  }

  /**
   * OPENAT2 (io_uring_prep_openat2; Linux 5.6+) of `path` (as prepOpenat) relative to `dirfd`, with
   * `how` = { flags (O_*), mode, resolve (constants.resolveFlags: BENEATH, IN_ROOT, NO_SYMLINKS...) }, each
   * defaulting to 0, as openat2(2)'s struct open_how (built here and pinned until the CQE). res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenat2(dirfd: number, path: RingPath, how: { flags?: number; mode?: number; resolve?: number }, userData: number, sqeFlags?: number): number {
    return prepOpenat2(this.#core, dirfd, path, how, userData, sqeFlags);
  }

  /**
   * Publishes the SQ tail and calls io_uring_enter once (liburing io_uring_submit_and_wait, or
   * io_uring_submit_and_wait_timeout with `timeoutMs`). With `waitFor` > 0 it blocks until that many CQEs are ready,
   * or, with `timeoutMs` (0..2^32-1 ms; IORING_ENTER_EXT_ARG, Linux 5.11+, else ERR_URING_UNSUPPORTED), until that
   * time has passed: it then returns as usual, and reap() finds fewer CQEs. `waitFor` may exceed the operations in
   * flight only while a multishot one is among them. Returns the number of SQEs the kernel consumed (with
   * SQPOLL: the number published to the kernel thread, which consumes them on its own); on
   * EAGAIN/EBUSY nothing is lost: the SQEs stay queued for the next call.
   */
  submit(waitFor = 0, timeoutMs?: number): number {
    return submit(this.#core, waitFor, timeoutMs);
  }

  /**
   * Calls `callback(userData, res, flags)` for up to `max` ready CQEs and returns how many
   * were consumed (liburing io_uring_for_each_cqe + io_uring_cq_advance). `res` is the result,
   * negative -errno on failure (cqeError() makes it node's error); `flags` are IORING_CQE_F_* bits. Each CQE is read whole and its slot released before its callback runs
   * (a multishot operation's CQE with IORING_CQE_F_MORE keeps its slot and pins: only its last CQE releases them),
   * so callbacks may prepare, submit or reap again; a callback that throws does not lose the
   * others (the first error is rethrown after all have run).
   */
  reap(callback: CompletionCallback, max?: number): number {
    this.#core.checkOpen();
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    const limit = max === undefined ? Infinity : validateInteger(max, 'max', 1, Number.MAX_SAFE_INTEGER);
    return reap(this.#core, callback, limit);
  }

  /**
   * Calls `callback()` from the event loop when CQEs may be ready (io_uring_register_eventfd + uv_poll); null stops it. While
   * a callback is set and operations are in the kernel, the ring keeps the loop alive.
   */
  onReady(callback: (() => void) | null): void {
    const core = this.#core;
    core.checkOpen();
    if (callback !== null && typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function or null', callback);
    }
    core.onReady = callback;
    core.cq.setEventfd(callback !== null);
    core.updateActive();
    // Completions posted while nobody listened signalled no eventfd: wake for them now.
    if (callback !== null && core.pending()) setImmediate(core.wake);
  }

  /**
   * Registers fixed buffers (io_uring_register_buffers; Linux 5.1+), each 1 byte..1 GiB; they are charged to
   * RLIMIT_MEMLOCK (a MemlockError when it is too low) and stay pinned until unregistered or close().
   */
  registerBuffers(buffers: ArrayBufferView[]): void {
    this.#core.checkOpen();
    registerBuffers(this.#core, buffers);
  }

  /** Unregisters the fixed buffers (io_uring_unregister_buffers) and releases their pins. */
  unregisterBuffers(): void {
    this.#core.checkOpen();
    unregisterBuffers(this.#core);
  }

  /**
   * Registers a file table (io_uring_register_files; Linux 5.1+; 1..32768 entries, -1 for an empty slot):
   * with IOSQE_FIXED_FILE the fd argument of a prep call is then an index into it.
   */
  registerFiles(fds: number[] | Int32Array): void {
    this.#core.checkOpen();
    registerFiles(this.#core, fds);
  }

  /** Unregisters the file table (io_uring_unregister_files). */
  unregisterFiles(): void {
    this.#core.checkOpen();
    unregisterFiles(this.#core);
  }

  /**
   * Registers a provided buffer ring (io_uring_register_buf_ring; Linux 5.19+): `count` (a power of two, up to 32768)
   * buffers of `size` bytes as buffer group `groupId` (0..65535), for prepRecv(fd, { bufferGroup }). A buffer a CQE
   * selected (IORING_CQE_F_BUFFER) is the caller's from the BufferRing's take() until its release(); the kernel owns
   * the others. The memory stays pinned until close().
   */
  registerBufferRing(groupId: number, count: number, size: number): BufferRing {
    return registerBufferRing(this.#core, groupId, count, size);
  }

  /**
   * SOCKET (io_uring_prep_socket; Linux 5.19+): a socket as socket(2) makes it (`domain` AF_*, `type` SOCK_*
   * with SOCK_CLOEXEC / SOCK_NONBLOCK, `protocol`). res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSocket(domain: number, type: number, protocol: number, userData: number, sqeFlags?: number): number {
    return prepSocket(this.#core, domain, type, protocol, userData, sqeFlags);
  }

  /**
   * CONNECT (io_uring_prep_connect; Linux 5.5+) of socket `fd` to `address`, a struct sockaddr (socketAddress()
   * encodes one; copied at prep). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepConnect(fd: number, address: ArrayBufferView, userData: number, sqeFlags?: number): number {
    return prepAddress(this.#core, opcodes.CONNECT, fd, address, userData, sqeFlags);
  }

  /**
   * BIND (IORING_OP_BIND; Linux 6.11+; liburing 2.7's io_uring_prep_bind) of socket `fd` to `address`, a struct
   * sockaddr (socketAddress() encodes one; copied at prep). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepBind(fd: number, address: ArrayBufferView, userData: number, sqeFlags?: number): number {
    return prepAddress(this.#core, opcodes.BIND, fd, address, userData, sqeFlags);
  }

  /**
   * LISTEN (IORING_OP_LISTEN; Linux 6.11+; liburing 2.7's io_uring_prep_listen) on socket `fd` with `backlog`, as
   * listen(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepListen(fd: number, backlog: number, userData: number, sqeFlags?: number): number {
    return prepListen(this.#core, fd, backlog, userData, sqeFlags);
  }

  /**
   * ACCEPT (io_uring_prep_accept, or io_uring_prep_multishot_accept with `multishot`, Linux 5.19+; Linux 5.5+) on
   * listening socket `fd`; the new socket is SOCK_CLOEXEC, as node's are, and no peer address is returned.
   * res: the new fd, or -errno. A multishot accept posts a CQE per connection (IORING_CQE_F_MORE set while it
   * goes on) and keeps its operation in flight until the CQE without it (cancel it with prepCancel).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `options.sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepAccept(fd: number, userData: number, options?: AcceptOptions): number {
    return prepAccept(this.#core, fd, userData, options);
  }

  /**
   * SEND of `buffer` (io_uring_prep_send; Linux 5.6+) on socket `fd`; `sendFlags` MSG_* as send(2). res: bytes
   * sent, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSend(fd: number, buffer: ArrayBufferView, userData: number, sendFlags?: number, sqeFlags?: number): number {
    return prepSend(this.#core, fd, buffer, userData, sendFlags, sqeFlags);
  }

  /**
   * RECV (io_uring_prep_recv, or io_uring_prep_recv_multishot with `multishot`, Linux 6.0+; Linux 5.6+) on socket
   * `fd` into `buffer` (pinned until the CQE), or into a buffer the kernel picks from `{ bufferGroup }`, a
   * registerBufferRing() group (IOSQE_BUFFER_SELECT; the CQE's flags name the buffer: BufferRing.take()). res:
   * bytes received, 0 at end of stream, or -errno. Multishot needs a buffer group and posts a CQE per message
   * (IORING_CQE_F_MORE set while it goes on) until end of stream, an error, -ENOBUFS (no buffer left) or a cancel.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `options.recvFlags` are MSG_* as recv(2), `options.sqeFlags` IOSQE_* bits.
   */
  prepRecv(fd: number, buffer: ArrayBufferView | { bufferGroup: number }, userData: number, options?: RecvOptions): number {
    return prepRecv(this.#core, fd, buffer, userData, options);
  }

  /**
   * SHUTDOWN (io_uring_prep_shutdown; Linux 5.11+) of socket `fd`: `how` SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2),
   * as shutdown(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepShutdown(fd: number, how: number, userData: number, sqeFlags?: number): number {
    return prepShutdown(this.#core, fd, how, userData, sqeFlags);
  }

  /**
   * MSG_RING (io_uring_prep_msg_ring; Linux 5.18+): posts a CQE with result `res` (an int32) and user_data `userData`
   * into the ring whose fd is `targetRingFd` (another thread's Ring: its `fd`), whose reap() callback then gets
   * (userData, res, 0). The sender gets its own CQE (res 0 or -errno) with the same `userData`. The target's loop
   * must be alive to hear it (onReady wakes it): a ring with nothing in flight does not keep it alive.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepMsgRing(targetRingFd: number, res: number, userData: number, sqeFlags?: number): number {
    return prepMsgRing(this.#core, targetRingFd, res, userData, sqeFlags);
  }

  /**
   * Cancels every operation in flight (ASYNC_CANCEL_ANY, or one cancel each before Linux 5.19), waits until the kernel has finished with each of
   * their buffers, then unmaps the rings (the views are detached). Operations never
   * submitted complete with -ECANCELED without reaching the kernel. Their completions go
   * to `callback` when one is given. Idempotent.
   */
  close(callback?: CompletionCallback): void {
    const core = this.#core;
    if (core.closed || core.closing) return; // from a close() callback: the running close() delivers the rest
    if (callback !== undefined && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    close(core, callback ?? (() => {}));
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

