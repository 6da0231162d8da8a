// The per-thread shared Ring behind the engine: created at first use, one io_uring_enter per
// tick for everything queued, back-pressure in JS when the SQ or CQ is full, completions
// settling the operations' slots; node:fs when there is no ring (any more).
import { Ring } from '../ring';
import { opcodes, setupFlags } from '../constants';
import { currentBackend, ENTRIES, setBackend } from './backend';
import { debug } from './debug';
import { execute } from './fs-executor';
import { IdQueue } from './id-queue';
import { JOB_SUB, K } from './ops';
import { prep } from './prep';
import { fail, finish, jobResolve, slots } from './slots';
import { ECANCELED } from '../linux';
import { sharedRingOptions } from './sqpoll';

let ring: Ring | null = null;
let created = false; // the shared ring was created (or found impossible): ring says which

// Operations waiting for SQ/CQ room, in order; and those prepared since the last enter
// (unsubmitted[0..unsubmittedLen)), which keeps its length and is overwritten: emptying a JS
// array (length = 0, or pop() to empty) gives its backing store back, so every batch used to
// regrow it (and pop() to trim it in the runtime).
const backlog = new IdQueue();
const unsubmitted: number[] = [];
let unsubmittedLen = 0;
let flushScheduled = false;
let retrySoon = false;

function create(): Ring | null {
  created = true;
  if (currentBackend().name === 'fs') return null; // the check without a ring found io_uring unusable
  try {
    const r = newRing();
    const onReady = () => reapFrom(r);
    r.onReady(onReady);
    const sqpoll = isSqpoll(r) ? `, SQPOLL (idle ${sharedRingOptions(ENTRIES).sqThreadIdle} ms)` : '';
    setBackend('io_uring', `io_uring ring of ${r.sqEntries} entries${sqpoll} (fd ${r.fd})`);
    return r;
  } catch (err) {
    setBackend('fs', (err as Error).message.split('\n')[0]);
    return null;
  }
}

function isSqpoll(r: Ring): boolean {
  return (r.flags & setupFlags.SQPOLL) !== 0;
}

// A kernel that refuses the flags (SQPOLL not allowed; COOP_TASKRUN before 5.19) still gets a plain ring.
function newRing(): Ring {
  const options = sharedRingOptions(ENTRIES);
  try {
    return new Ring(options);
  } catch (err) {
    debug('no ring with setup flags 0x%s (%s); the shared ring runs without them', options.flags!.toString(16), (err as Error).message.split('\n')[0]);
    return new Ring({ entries: ENTRIES });
  }
}

/** The shared ring, created by the first call that needs it; null when calls must go to node:fs. */
export function sharedRing(): Ring | null {
  if (!created) ring = create();
  return ring;
}

/** Whether the shared ring exists and the kernel supports `opcode`; NODE_DEBUG=uring tells when it does not. */
export function supports(opcode: number): boolean {
  const r = sharedRing();
  if (r === null) return false;
  if (r.supports(opcode)) return true;
  debug('the running kernel has no IORING_OP_%s: this call goes to node:fs', opcodeName(opcode));
  return false;
}

function opcodeName(opcode: number): string {
  return Object.keys(opcodes).find((name) => opcodes[name as keyof typeof opcodes] === opcode) ?? String(opcode);
}

/** Appends an operation (or a job's next step) to the backlog; the next tick flushes it. */
export function queue(id: number): void {
  backlog.push(id);
  if (!flushScheduled) {
    flushScheduled = true;
    process.nextTick(flush);
  }
}

/** Moves queued operations into the SQ while the SQ and the CQ have room, then enters once per SQ-full. */
function flush(): void {
  flushScheduled = false;
  if (!created) ring = create();
  // A uid/gid change needs nothing here: the kernel runs this (non-SQPOLL) ring's requests with
  // the current credentials. An SQPOLL ring's submit() would refuse (ERR_URING_CREDENTIALS_CHANGED,
  // handled below by replacing it).
  const r = ring;
  if (r === null) {
    drainToFs();
    return;
  }
  const cqRoom = r.cqEntries;
  const sqpoll = isSqpoll(r);
  for (;;) {
    let space = r.sqSpace;
    while (backlog.size > 0 && space > 0 && r.inFlight < cqRoom) {
      const id = backlog.peek();
      const s = slots[id];
      const op = s.op!;
      if (op.kind === K.JOB) {
        const need = op.job.sqes;
        if (need > space || r.inFlight + need > cqRoom) break; // the next enter makes room
        backlog.shift();
        s.owner = r;
        const prepared = op.job.prep(r, id); // never throws: a job that cannot use this ring settles itself
        for (let i = 0; i < prepared; i++) unsubmitted[unsubmittedLen++] = id; // one entry per SQE
        space = r.sqSpace;
        continue;
      }
      backlog.shift();
      if (s.cancelled) {
        finish(id, -ECANCELED);
        continue;
      }
      if (op.kind === K.CANCEL) {
        const target = slots[op.target];
        if (target.gen !== op.gen || target.owner !== r) {
          finish(id, 0); // the target already completed
          continue;
        }
      }
      try {
        s.ringId = prep(r, op, id);
        s.owner = r;
        unsubmitted[unsubmittedLen++] = id;
        space--;
      } catch (err) {
        fail(id, err);
      }
    }
    // SQPOLL: entries published before may still wait for the kernel thread; only new ones need a submit().
    if (sqpoll ? unsubmittedLen === 0 : r.sqReady === 0) {
      if (sqpoll && backlog.size > 0 && r.inFlight < cqRoom) scheduleRetry(); // the thread makes SQ room
      break;
    }
    let consumed: number;
    try {
      consumed = r.submit();
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_URING_CREDENTIALS_CHANGED') {
        replaceRing();
      } else {
        // io_uring_enter failing otherwise means the ring is unusable: finish on node:fs.
        replaceRing(`io_uring_enter failed (${(err as Error).message.split('\n')[0]}); using node:fs`);
      }
      flush();
      return;
    }
    if (!sqpoll && (consumed === 0 || r.sqReady > 0)) {
      // EAGAIN/EBUSY: the kernel is short of resources; try again on the next turn. It
      // consumes the SQ in order, so the first `consumed` are in the kernel now.
      unsubmitted.copyWithin(0, consumed, unsubmittedLen);
      unsubmittedLen -= consumed;
      scheduleRetry();
      break;
    }
    unsubmittedLen = 0;
    if (backlog.size === 0 || r.inFlight >= cqRoom) break;
  }
  reapInline(r);
}

// Page-cache reads, stats and NOPs complete inside io_uring_enter: reaping right after it
// saves a trip through the eventfd and the event loop. Bounded per loop turn, so a tight
// `await` loop whose every call completes inline still lets timers and IO run; and bounded in
// data too, since a stream asks for its next chunk in each completion (256 chunks of 64 KiB
// held a server's loop for tens of milliseconds; 256 KiB is 4 of them, or 64 reads of 4 KiB).
const INLINE_REAPS_PER_TURN = 256;
const INLINE_BYTES_PER_TURN = 256 * 1024;
let inlineReaps = 0;
let inlineBytes = 0;
let reapingInline = false;

function resetInlineReaps(): void {
  inlineReaps = 0;
  inlineBytes = 0;
}

function reapInline(r: Ring): void {
  if (r.closed || r.cqReady === 0 || inlineReaps >= INLINE_REAPS_PER_TURN || inlineBytes >= INLINE_BYTES_PER_TURN) return;
  if (inlineReaps++ === 0) setImmediate(resetInlineReaps);
  reapingInline = true;
  try {
    reapFrom(r);
  } finally {
    reapingInline = false;
  }
}

function scheduleRetry(): void {
  if (retrySoon) return;
  retrySoon = true;
  setImmediate(() => {
    retrySoon = false;
    flush();
  });
}

function reapFrom(r: Ring): void {
  if (r.closed) return;
  try {
    r.reap(r === ring ? onComplete : (id, res) => onRetiredComplete(r, id, res));
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ERR_URING_CQ_OVERFLOW') throw err;
    completionsLost(r, err as Error);
    return;
  }
  if (r === ring && backlog.size > 0 && !flushScheduled) {
    flushScheduled = true;
    process.nextTick(flush);
  }
}

// `id | 0`: the Ring hands userData back as a number read from a Float64Array (a heap number
// until optimised); stored into the id stacks it made them double arrays.
function onComplete(id: number, res: number): void {
  if (reapingInline && res > 0) inlineBytes += res; // bytes read or written (an fd's number: no matter)
  if (id < JOB_SUB) finish(id | 0, res);
  else jobCqe(ring!, id, res);
}

function jobCqe(r: Ring, ud: number, res: number): void {
  const id = (ud % JOB_SUB) | 0;
  const op = slots[id].op;
  if (op !== null && op.kind === K.JOB) op.job.cqe(r, (ud - id) / JOB_SUB, res);
}

// A retired ring (replaced: broken, or SQPOLL with old credentials) still owns the operations the kernel took before.
const retired = new Map<Ring, number>();

function onRetiredComplete(r: Ring, id: number, res: number): void {
  if (id >= JOB_SUB) {
    jobCqe(r, id, res);
  } else {
    id |= 0;
    if (slots[id].owner === r) finish(id, res);
  }
  const unseen = retired.get(r) ?? 0;
  if (r.inFlight === unseen) {
    retired.delete(r);
    closeQuietly(r); // only never-submitted SQEs are left: closing needs no io_uring_enter
  }
}

/**
 * The kernel dropped completions of `r` (no memory for its overflow list, or no NODROP):
 * which operations they belonged to cannot be known, so the ring is given up. Calls not yet
 * submitted go to node:fs, what the kernel still holds is cancelled, and whatever has not
 * settled once the ring is closed rejects with the error.
 */
function completionsLost(r: Ring, err: Error): void {
  if (r === ring) replaceRing(`io_uring dropped completions (${err.message.split('\n')[0]}); using node:fs`);
  retired.delete(r);
  try {
    r.close((id, res) => {
      if (id < JOB_SUB && res === -ECANCELED && slots[id | 0].owner === r) fail(id | 0, err);
      else onRetiredComplete(r, id, res);
    });
  } catch {
    // close() reports the same loss again: the operations it concerns are failed below
  }
  for (let id = 0; id < slots.length; id++) if (slots[id].owner === r) fail(id, err);
  if (ring === null) flush(); // what replaceRing requeued runs on node:fs
}

/**
 * The ring refused to submit after a credentials change (an SQPOLL ring), or, with
 * `failure`, broke: operations not yet submitted move to a new ring, or to node:fs.
 */
function replaceRing(failure?: string): void {
  const old = ring!;
  debug('replacing the shared ring (fd %d): %s', old.fd, failure ?? 'it refused to submit after a credentials change');
  const unseen = unsubmittedLen; // SQEs the old ring never passed to the kernel
  const moved = [...new Set(unsubmitted.slice(0, unsubmittedLen))]; // a job has one entry per SQE
  unsubmittedLen = 0;
  for (const id of moved) slots[id].owner = null;
  if (old.inFlight === unseen) {
    closeQuietly(old);
  } else {
    retired.set(old, unseen);
    old.onReady(() => reapFrom(old));
  }
  if (failure === undefined) {
    ring = create();
  } else {
    ring = null;
    setBackend('fs', failure);
  }
  // Requeue first, in their original order.
  backlog.unshiftAll(moved);
}

function closeQuietly(r: Ring): void {
  try {
    r.close();
  } catch {
    // the native finalizer drains and unmaps what close() could not
  }
}

/** No ring (any more): queued operations run through node:fs. */
function drainToFs(): void {
  while (backlog.size > 0) {
    const id = backlog.shift();
    const op = slots[id].op!;
    if (op.kind === K.CANCEL) finish(id, 0);
    else if (op.kind === K.JOB) jobResolve(id, op.job.fallback());
    else execute(op, (res) => finish(id, res));
  }
}

/** Test-only: how many ids the backlog's storage holds (it must stay bounded while the engine is busy). */
export function backlogStorage(): number {
  return backlog.capacity;
}
