// Ring.close(): what the kernel never saw completes as cancelled; what it holds is cancelled
// (ASYNC_CANCEL_ANY, or one cancel per slot before Linux 5.19) and waited for; then the rings
// are unmapped and the pins released, or leaked if the kernel may still write into them.
import { constants as osConstants } from 'node:os';
import { cancelFlags, opcodes } from '../constants';
import { EBADR, ECANCELED } from '../linux';
import type { CompletionCallback } from '../ring';
import { SQE_WORDS, writeSqe } from '../sqe';
import type { RingCore } from './core';
import { teardownEnter } from './enter';
import { CANCEL_ANY_LO, INTERNAL_HI, reap } from './reap';

const { EINTR, EAGAIN, EBUSY, EINVAL, ETIME } = osConstants.errno;
const TWO_32 = 4294967296;
// Low word of close()'s per-slot cancels.
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

/** @internal */
export function close(core: RingCore, callback: CompletionCallback): void {
  const errors: unknown[] = [];
  const deliver: CompletionCallback = (ud, res, fl) => {
    try {
      callback(ud, res, fl);
    } catch (err) {
      errors.push(err);
    }
  };
  core.closing = true;
  // A callback of an enclosing reap() that closes the ring leaves the CQEs after its own in
  // the CQ (reap moves the head one CQE at a time): the drain below delivers them to `callback`.
  cancelUnseen(core, deliver);
  // Then what the kernel holds: cancel it all and wait for every CQE.
  let drainMs = teardownCancel.waitMs;
  const table = core.table;
  if (table.count > table.lost) {
    const round = Math.min(TEARDOWN_ROUND_MS, drainMs);
    const rounds = round === 0 ? 0 : Math.ceil(drainMs / round);
    let cancelQueued = false;
    let idle = 0;
    core.cancelAnyRes = 0;
    for (;;) {
      if (!cancelQueued) cancelQueued = queueCancel(core, 0, CANCEL_ANY_LO, teardownCancel.flags);
      // Submits what an earlier enter refused too (-EAGAIN, -EBUSY): the cancel must reach the kernel.
      if (core.sqpoll || core.sq.ready() > 0) teardownEnter(core, core.sqpoll ? 0 : core.sq.ready(), 0);
      let reaped = 0;
      try {
        reaped = reap(core, deliver, Infinity);
      } catch (err) {
        errors.push(err); // lost completions are counted: go on; an enter that failed: the native drain finishes the job
        if ((err as { code?: unknown }).code !== 'ERR_URING_CQ_OVERFLOW') break;
      }
      if (table.count <= table.lost) break; // the rest lost their CQE: the kernel is done with them
      if (core.cancelAnyRes === -EINVAL) {
        core.cancelAnyRes = 0;
        cancelEachSlot(core); // a kernel without ASYNC_CANCEL_ANY: cancel each operation by its user_data
      }
      idle = reaped > 0 ? 0 : idle + 1;
      if (idle >= rounds) {
        drainMs = 0; // waited long enough: the native drain only checks
        break;
      }
      const ret = core.native.waitCompletions(round);
      if (ret < 0 && ret !== -ETIME && ret !== -EINTR && ret !== -EAGAIN && ret !== -EBUSY && ret !== -EBADR) break;
    }
  }
  core.cq.publishHead();
  core.closed = true;
  core.onReady = null;
  if (core.native.close(drainMs)) {
    table.pins.fill(null); // the kernel is done with every buffer: release the pins
  } else {
    leakedPins.push(table.pins, core.registeredBuffers, core.bufferRingPins); // operations outlived the wait (the native side said so on stderr)
  }
  core.registeredBuffers = null;
  core.bufferRings.clear();
  core.bufferRingPins = [];
  core.registeredFiles = null;
  table.count = 0;
  if (errors.length > 0) throw errors[0];
}

/** Drops what the kernel has not seen from the SQ and completes it with -ECANCELED (with SQPOLL the kernel thread may already hold whatever submit() published). */
function cancelUnseen(core: RingCore, deliver: CompletionCallback): void {
  const sq = core.sq;
  const head = Atomics.load(sq.words, core.sqpoll ? sq.tailIdx : sq.headIdx);
  const unseen: number[] = [];
  for (let t = head; t !== sq.tail; t = (t + 1) >>> 0) {
    const w = (t & sq.mask) * SQE_WORDS;
    if (sq.sqes[w + 9] !== INTERNAL_HI) unseen.push(sq.sqes[w + 8], sq.sqes[w + 9]);
  }
  sq.tail = head;
  sq.publish();
  for (let i = 0; i < unseen.length; i += 2) {
    const slot = unseen[i];
    if (core.table.gen[slot] !== unseen[i + 1]) continue;
    const ud = core.table.user[slot];
    core.table.release(slot);
    deliver(ud, -ECANCELED, 0);
  }
}

/** Writes one of close()'s own ASYNC_CANCELs (entering first if the SQ is full); false when there is still no room. */
function queueCancel(core: RingCore, target: number, userLo: number, cancelOpFlags: number): boolean {
  const sq = core.sq;
  if (sq.space() === 0) teardownEnter(core, core.sqpoll ? 0 : sq.ready(), 0);
  if (sq.space() === 0) return false;
  const w = (sq.tail & sq.mask) * SQE_WORDS;
  writeSqe(sq.sqes, w, opcodes.ASYNC_CANCEL, 0, -1, 0, 0, target, 0, cancelOpFlags, userLo, INTERNAL_HI, 0, 0);
  sq.tail = (sq.tail + 1) >>> 0;
  return true;
}

/** close() on a kernel that refused ASYNC_CANCEL_ANY: one ASYNC_CANCEL per slot still in flight. */
function cancelEachSlot(core: RingCore): void {
  const { gen, pins } = core.table;
  for (let slot = 0; slot < gen.length; slot++) {
    if (pins[slot] === null) continue;
    // The user_data the slot's operation was submitted with. No room even after entering: the native drain's bounded wait remains.
    if (!queueCancel(core, slot + gen[slot] * TWO_32, CANCEL_SLOT_LO, 0)) return;
  }
  teardownEnter(core, core.sqpoll ? 0 : core.sq.ready(), 0);
}
