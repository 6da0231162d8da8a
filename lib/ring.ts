// The Ring: the one public class over an io_uring instance. It composes the parts in lib/ring/:
// the submission and completion queues, the in-flight table (pins, generations, op ids),
// registration and teardown here; the opcode builders by family (ops-file, ops-path, ops-control,
// ops-timeout, ops-poll, ops-fixed, ops-file-range, ops-splice, ops-socket, ops-msg; multishot.ts
// for multishot ops), each of which validates its arguments and makes the one core call,
// RingCore.prep(), reach the Ring as the methods of its base classes, one file a family
// (ring-control-, ring-file-, ring-path-, ring-socket-methods.ts over ring-state.ts).
import { SUPPORTED_SETUP_FLAGS } from './constants';
import { invalidArgType, outOfRange } from './errors';
import { close } from './ring/teardown';
import { RingCore } from './ring/core';
import { submit } from './ring/enter';
import { prepRwChecked as rwChecked } from './ring/ops-file';
import { registerBufferRing, type BufferRing } from './ring/buffer-ring';
import { reap } from './ring/reap';
import { registerBuffers, registerFiles, supports, unregisterBuffers, unregisterFiles } from './ring/registration';
import { coreOf } from './ring/ring-state';
import { RingSocketMethods } from './ring/ring-socket-methods';
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
export const prepRwChecked = (ring: Ring, op: number, fd: number, view: ArrayBufferView, position: number, userData: number): number =>
  rwChecked(coreOf(ring), op, fd, view, position, userData);

/**
 * An io_uring instance (liburing's struct io_uring): prep* calls write SQEs straight into the
 * mapped submission queue, submit() hands them to the kernel, reap() reads the completions.
 * One per thread; never shared.
 */
export class Ring extends RingSocketMethods {
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

    super(new RingCore(entries, cqEntries, flags, idle));
  }

  /** The ring's file descriptor (io_uring.ring_fd); -1 once closed. */
  get fd(): number {
    return coreOf(this).closed ? -1 : coreOf(this).fd;
  }

  /** Submission queue size in entries (io_uring_params.sq_entries): `entries` rounded up to a power of two. */
  get sqEntries(): number {
    return coreOf(this).sqEntries;
  }

  /** Completion queue size in entries (io_uring_params.cq_entries). */
  get cqEntries(): number {
    return coreOf(this).cqEntries;
  }

  /** IORING_FEAT_* bits the kernel reported at setup (io_uring_params.features, Linux 5.4+; see constants.features). */
  get features(): number {
    return coreOf(this).features;
  }

  /** IORING_SETUP_* flags the ring runs with (io_uring_params.flags; see constants.setupFlags). */
  get flags(): number {
    return coreOf(this).flags;
  }

  /** Whether close() has run: the views are then detached and every other call throws `ERR_URING_CLOSED`. */
  get closed(): boolean {
    return coreOf(this).closed;
  }

  /** Operations prepared or submitted whose CQE has not been reaped yet (each pins its buffers until then). */
  get inFlight(): number {
    return coreOf(this).table.count;
  }

  /** Free SQE slots (liburing io_uring_sq_space_left): how many prep calls fit before `ERR_URING_SQ_FULL`. */
  get sqSpace(): number {
    coreOf(this).checkOpen();
    return coreOf(this).sq.space();
  }

  /** SQEs prepared but not yet consumed by the kernel (liburing io_uring_sq_ready). */
  get sqReady(): number {
    coreOf(this).checkOpen();
    return coreOf(this).sq.ready();
  }

  /** CQEs waiting to be reaped (liburing io_uring_cq_ready). */
  get cqReady(): number {
    coreOf(this).checkOpen();
    return coreOf(this).cq.ready();
  }

  /**
   * Whether the running kernel supports an opcode (constants.opcodes; IORING_REGISTER_PROBE, Linux 5.6+:
   * false for every opcode on older kernels). The probe runs once per ring.
   */
  supports(opcode: number): boolean {
    coreOf(this).checkOpen();
    if (typeof opcode !== 'number') throw invalidArgType('opcode', 'of type number', opcode);
    return supports(coreOf(this), opcode);
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
    return submit(coreOf(this), waitFor, timeoutMs);
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
    coreOf(this).checkOpen();
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    const limit = max === undefined ? Infinity : validateInteger(max, 'max', 1, Number.MAX_SAFE_INTEGER);
    return reap(coreOf(this), callback, limit);
  }

  /**
   * Calls `callback()` from the event loop when CQEs may be ready (io_uring_register_eventfd + uv_poll); null stops it. While
   * a callback is set and operations are in the kernel, the ring keeps the loop alive.
   */
  onReady(callback: (() => void) | null): void {
    const core = coreOf(this);
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
    coreOf(this).checkOpen();
    registerBuffers(coreOf(this), buffers);
  }

  /** Unregisters the fixed buffers (io_uring_unregister_buffers) and releases their pins. */
  unregisterBuffers(): void {
    coreOf(this).checkOpen();
    unregisterBuffers(coreOf(this));
  }

  /**
   * Registers a file table (io_uring_register_files; Linux 5.1+; 1..32768 entries, -1 for an empty slot):
   * with IOSQE_FIXED_FILE the fd argument of a prep call is then an index into it.
   */
  registerFiles(fds: number[] | Int32Array): void {
    coreOf(this).checkOpen();
    registerFiles(coreOf(this), fds);
  }

  /** Unregisters the file table (io_uring_unregister_files). */
  unregisterFiles(): void {
    coreOf(this).checkOpen();
    unregisterFiles(coreOf(this));
  }

  /**
   * Registers a provided buffer ring (io_uring_register_buf_ring; Linux 5.19+): `count` (a power of two, up to 32768)
   * buffers of `size` bytes as buffer group `groupId` (0..65535), for prepRecv(fd, { bufferGroup }). A buffer a CQE
   * selected (IORING_CQE_F_BUFFER) is the caller's from the BufferRing's take() until its release(); the kernel owns
   * the others. The memory stays pinned until close().
   */
  registerBufferRing(groupId: number, count: number, size: number): BufferRing {
    return registerBufferRing(coreOf(this), groupId, count, size);
  }

  /**
   * Cancels every operation in flight (ASYNC_CANCEL_ANY, or one cancel each before Linux 5.19), waits until the kernel has finished with each of
   * their buffers, then unmaps the rings (the views are detached). Operations never
   * submitted complete with -ECANCELED without reaching the kernel. Their completions go
   * to `callback` when one is given. Idempotent.
   */
  close(callback?: CompletionCallback): void {
    const core = coreOf(this);
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

