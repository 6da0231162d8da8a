// The Ring's control builders (ops-control, ops-timeout, ops-poll, ops-msg): NOP, cancel,
// timeouts, poll and MSG_RING, one line each over the builder that validates and preps.
import { opcodes } from '../constants';
import { prepCancel, prepNop } from './ops-control';
import { prepMsgRing } from './ops-msg';
import { prepPollAdd } from './ops-poll';
import { prepLinkTimeout, prepRemove, prepTimeout } from './ops-timeout';
import { coreOf, RingState } from './ring-state';

/** The control operations of a Ring (see Ring). */
export abstract class RingControlMethods extends RingState {
  /**
   * NOP (io_uring_prep_nop; Linux 5.1+): completes with res 0 and touches nothing.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepNop(userData: number, sqeFlags?: number): number {
    return prepNop(coreOf(this), userData, sqeFlags);
  }

  /**
   * ASYNC_CANCEL (io_uring_prep_cancel64; Linux 5.5+) of the operation whose id a prep call returned.
   * res: 0 (cancelled: the target completes with -ECANCELED), -ENOENT (no such operation in flight) or
   * -EALREADY (already running; it may still complete).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepCancel(opId: number, userData: number, sqeFlags?: number): number {
    return prepCancel(coreOf(this), opId, userData, sqeFlags);
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
    return prepTimeout(coreOf(this), ns, count, userData, timeoutFlags, sqeFlags);
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
    return prepLinkTimeout(coreOf(this), ns, userData, timeoutFlags, sqeFlags);
  }

  /**
   * TIMEOUT_REMOVE (io_uring_prep_timeout_remove; Linux 5.5+) of the timeout whose id prepTimeout returned.
   * res: 0 (removed: the timeout completes with -ECANCELED), -ENOENT (no such timeout in flight) or -EALREADY.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepTimeoutRemove(opId: number, userData: number, sqeFlags?: number): number {
    return prepRemove(coreOf(this), opcodes.TIMEOUT_REMOVE, 'TIMEOUT_REMOVE', '5.5', opId, userData, sqeFlags);
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
    return prepPollAdd(coreOf(this), fd, events, userData, options, sqeFlags);
  }

  /**
   * POLL_REMOVE (io_uring_prep_poll_remove; Linux 5.1+) of the poll whose id prepPollAdd returned.
   * res: 0 (removed: the poll completes with -ECANCELED) or -ENOENT (no such poll in flight).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepPollRemove(opId: number, userData: number, sqeFlags?: number): number {
    return prepRemove(coreOf(this), opcodes.POLL_REMOVE, 'POLL_REMOVE', '5.1', opId, userData, sqeFlags);
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
    return prepMsgRing(coreOf(this), targetRingFd, res, userData, sqeFlags);
  }
}
