// io_uring_enter and what it answers: submit (liburing io_uring_submit_and_wait), the flush of
// completions waiting in the kernel, and each errno as the error the caller sees.
import { constants as osConstants } from 'node:os';
import { enterFlags, features, sqRingFlags } from '../constants';
import { outOfRange, ringError, ringSystemError } from '../errors';
import { EBADR } from '../linux';
import { validateUint32 } from '../validate';
import type { RingCore } from './core';
import { multishotInFlight } from './multishot';

const { EINTR, EAGAIN, EBUSY, ETIME } = osConstants.errno;

/** Ring.submit(): publishes the SQ tail and enters once (its wait bounded by `timeoutMs` when given). @internal */
export function submit(core: RingCore, waitFor: number, timeoutMs?: number): number {
  core.checkOpen();
  const inflight = core.table.count;
  if (waitFor !== 0) {
    validateUint32(waitFor, 'waitFor');
    // Waiting for more completions than there are operations would block forever. A ready CQE
    // belongs to an operation still counted in flight (until reaped): it is not one more. A
    // multishot operation posts any number of them.
    if (waitFor > inflight && !multishotInFlight(core)) throw outOfRange('waitFor', `<= the operations in flight (${inflight})`, waitFor);
  }
  const ms = timeoutMs === undefined ? -1 : validateUint32(timeoutMs, 'timeoutMs');
  if (ms >= 0 && (core.features & features.EXT_ARG) === 0) {
    throw ringError('ERR_URING_UNSUPPORTED', 'submit(waitFor, timeoutMs) needs IORING_FEAT_EXT_ARG (Linux 5.11+)');
  }
  // SQPOLL: the kernel thread runs what we publish with the ring's credentials, and no enter checks them.
  if (core.sqpoll && core.native.credentialsChanged()) throw enterError(core, core.binding.CREDENTIALS_CHANGED);
  core.cq.publishHead(); // room for the completions this enter may post
  const sq = core.sq;
  const tail = sq.tail;
  sq.publish();
  let flags = waitFor > 0 ? enterFlags.GETEVENTS : 0;
  const sqFlags = sq.flags();
  if ((sqFlags & core.flushBits) !== 0) flags |= enterFlags.GETEVENTS;
  let toSubmit = (tail - sq.kernelHead()) >>> 0;
  if (core.sqpoll) {
    // The kernel thread consumes the SQ by itself; enter only to wake it or to wait.
    if ((sqFlags & sqRingFlags.NEED_WAKEUP) !== 0) flags |= enterFlags.SQ_WAKEUP;
    if (flags === 0) {
      core.updateActive();
      return toSubmit;
    }
  }
  if (toSubmit === 0 && flags === 0) return 0;
  const deadline = ms > 0 && waitFor > 0 ? performance.now() + ms : 0;
  for (;;) {
    const ret = ms < 0 || waitFor === 0 ? core.native.enter(toSubmit, waitFor, flags) : core.native.enterTimed(toSubmit, waitFor, flags, remaining(deadline, ms));
    if (ret >= 0) {
      core.updateActive();
      return ret;
    }
    // The time passed before waitFor CQEs were ready (and nothing was submitted): what was consumed, none.
    if (ret === -ETIME) {
      core.updateActive();
      return 0;
    }
    if (ret === -EINTR) {
      toSubmit = (tail - sq.kernelHead()) >>> 0;
      continue;
    }
    if (ret === -EAGAIN || ret === -EBUSY) return 0;
    throw enterError(core, ret);
  }
}

/** What is left of a timed wait after a signal interrupted it (a wait of 0 ms returns at once). */
function remaining(deadline: number, ms: number): number {
  if (deadline === 0) return ms;
  return Math.max(0, Math.ceil(deadline - performance.now()));
}

/** Enters with GETEVENTS so that completions waiting in the kernel (overflow list, deferred task work) reach the CQ. @internal */
export function flushOverflow(core: RingCore): void {
  for (;;) {
    const ret = core.native.enter(0, 0, enterFlags.GETEVENTS);
    if (ret !== -EINTR) {
      // -EBADR: CQEs were dropped, which reap reports from the counter.
      if (ret < 0 && ret !== -EAGAIN && ret !== -EBUSY && ret !== -EBADR) throw enterError(core, ret);
      return;
    }
  }
}

/** Publishes the SQ tail (only close()'s own cancels are in the SQ) and enters. @internal */
export function teardownEnter(core: RingCore, toSubmit: number, waitFor: number): void {
  core.sq.publish();
  // With SQPOLL, wake the kernel thread and wait for it to make room for the cancel.
  const flags = core.sqpoll ? enterFlags.SQ_WAKEUP | enterFlags.SQ_WAIT : 0;
  let ret: number;
  do {
    ret = core.native.enter(toSubmit, waitFor, flags);
  } while (ret === -EINTR);
}

function enterError(core: RingCore, ret: number): Error {
  if (ret === -EBADR) return core.cq.overflowError(core.table); // the kernel's way to say CQEs were dropped
  if (ret === core.binding.CREDENTIALS_CHANGED) {
    return ringError(
      'ERR_URING_CREDENTIALS_CHANGED',
      'The process changed its uid/gid/groups after this SQPOLL ring was created; its kernel thread would run ' +
        'operations with the old credentials. Create a new Ring after changing credentials.',
    );
  }
  return ringSystemError(ret, 'io_uring_enter');
}
