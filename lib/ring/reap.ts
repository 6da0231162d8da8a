// Ring.reap(): reads ready CQEs (liburing io_uring_for_each_cqe + io_uring_cq_advance),
// releases each one's in-flight slot, then calls back; flushes what waits in the kernel.
import { cqeFlags } from '../constants';
import type { CompletionCallback } from '../ring';
import type { RingCore } from './core';
import { flushOverflow } from './enter';
import { GEN_MASK } from './in-flight';
import { MSG_HI, MSG_HI_MAX } from './ops-msg';

// Read once: the loop below then tests a constant, not constants_1.cqeFlags.MORE per CQE.
const F_MORE = cqeFlags.MORE;

/** user_data high word of the operations the Ring submits for itself (close()'s cancels): never a slot. @internal */
export const INTERNAL_HI = 0xffffffff;
/** Low word of close()'s ASYNC_CANCEL_ANY: its result decides the per-slot fallback. @internal */
export const CANCEL_ANY_LO = 0xffffffff;
const TWO_32 = 4294967296;

/** @internal */
export function reap(core: RingCore, callback: CompletionCallback, limit: number): number {
  const cq = core.cq;
  const table = core.table;
  const cqWords = cq.words;
  const cqInts = cq.ints;
  // `| 0`: int32 for TurboFan once, here, instead of a Smi check of each per CQE.
  const cqes = cq.cqes | 0;
  const cqMask = cq.mask | 0;
  const cqeWords = cq.cqeWords | 0;
  const tailIdx = cq.tailIdx;
  const slotPins = table.pins; // one array for the ring's life (grow() lengthens it in place)
  let total = 0;
  let error: unknown;
  let failed = false;
  let flushed = false;
  while (total < limit) {
    const tail = Atomics.load(cqWords, tailIdx); // once per pass
    if (tail === cq.head) {
      // Completions that did not fit wait in the kernel until the CQ has room (NODROP);
      // deferred task work waits for an enter with GETEVENTS.
      if (!flushed && core.mustFlush()) {
        flushed = true;
        cq.publishHead();
        flushOverflow(core);
        continue;
      }
      if (Atomics.load(cqWords, cq.overflowIdx) !== cq.droppedSeen) cq.noteDropped(table); // cq.droppedChanged(), written out
      break;
    }
    flushed = false;
    // Our head moves past a CQE only once it has been read into locals, so a nested reap
    // (from a callback) continues after it and may publish the head at any time.
    for (let head = cq.head; ((tail - head) | 0) > 0 && total < limit; head = cq.head) {
      const w = cqes + (head & cqMask) * cqeWords;
      const lo = cqWords[w];
      const hi = cqWords[w + 1];
      const res = cqInts[w + 2];
      const fl = cqWords[w + 3];
      cq.head = (head + 1) >>> 0;
      total++;
      const slotGen = table.gen; // re-read: a callback's prep may grow the table
      let ud: number;
      if (hi === INTERNAL_HI || lo >= slotGen.length || slotGen[lo] !== hi || slotPins[lo] === null) {
        if (hi < MSG_HI || hi > MSG_HI_MAX) {
          if (hi === INTERNAL_HI && lo === CANCEL_ANY_LO) core.cancelAnyRes = res;
          continue; // our own cancel, or not an operation of ours
        }
        ud = (hi - MSG_HI) * TWO_32 + lo; // a prepMsgRing message from a ring (ops-msg.ts)
        core.native.noteMore(); // it answers no SQE of this ring, as a multishot CQE
      } else {
        ud = table.user[lo];
        // Release the slot (as table.release does), unless a multishot op will post more CQEs: it keeps slot and pins until then.
        if ((fl & F_MORE) === 0) {
          slotPins[lo] = null;
          slotGen[lo] = (hi + 1) & GEN_MASK;
          table.free[table.freeTop++] = lo;
          table.count--;
        } else {
          core.native.noteMore(); // the native drain counts operations by CQEs without F_MORE
        }
      }
      try {
        callback(ud, res, fl);
      } catch (err) {
        if (!failed) {
          failed = true;
          error = err;
        }
      }
      if (core.closed) break;
    }
    if (core.closed) break;
    cq.publishHead();
  }
  if (!core.closed) core.updateActive();
  if (failed) throw error;
  if (cq.lostUnreported > 0) throw cq.overflowError(table);
  return total;
}
