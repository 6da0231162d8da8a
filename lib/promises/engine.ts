// The per-thread engine behind uring/promises and uring/fs: one typed operation (ops.ts) per
// call, settled through a promise (start, startSettled, startJob) or a callback
// (startCallback, no promise). The slot table is slots.ts, the shared ring's loop ring-loop.ts.
import { K, type JobOp, type Job, type Op } from './ops';
import { queue } from './ring-loop';
import { slots, take, type Done, type Settle } from './slots';

// Callers on hot paths import sharedRing and supports from ring-loop.ts: a re-export is a getter per use.
export { INLINE_READ_MAX } from './prep';
export { backlogStorage } from './ring-loop';
export { jobReject, jobResolve, lastGen, lastId, type Done, type Settle } from './slots';

// The id of the operation whose promise is being made (read by capture, which then needs no closure).
let captureId = 0;

function capture(resolve: (value: unknown) => void, reject: (err: unknown) => void): void {
  const s = slots[captureId];
  s.resolve = resolve;
  s.reject = reject;
}

function enqueue(op: Op, settle: Settle | null, x: unknown, y: unknown): Promise<unknown> {
  captureId = take(op, settle, x, y);
  const promise = new Promise<unknown>(capture);
  queue(captureId);
  return promise;
}

/** Queues one operation on the shared ring; resolves with its CQE result. */
export function start(op: Op): Promise<number> {
  return enqueue(op, null, undefined, undefined) as Promise<number>;
}

/**
 * Like start(), but the promise settles with `settle(res, x, y)`: a caller's whole result
 * then needs this one promise, not one more per async layer.
 */
export function startSettled(op: Op, settle: Settle, x: unknown, y: unknown): Promise<unknown> {
  return enqueue(op, settle, x, y);
}

/**
 * Like startSettled(), but no promise: `done(err, value)` gets what the promise would have
 * settled with, always later than this call (from a flush or a reap, never inside it). With
 * `passY`, `done(err, 0, y)` or `done(null, value, y)`.
 */
// eslint-disable-next-line max-params
export function startCallback(op: Op, settle: Settle | null, x: unknown, y: unknown, done: Done, passY = false): void {
  const id = take(op, settle, x, y);
  const s = slots[id];
  s.done = done;
  s.passY = passY;
  queue(id);
}

/** Queues a job's first step; its promise settles with what the job resolves or rejects. */
export function startJob(job: Job): Promise<unknown> {
  const op: JobOp = { kind: K.JOB, job };
  return enqueue(op, null, undefined, undefined);
}

/** Queues the job's next step (from its cqe handler). */
export function jobAgain(id: number): void {
  queue(id);
}

/** Best-effort cancel of a started operation; it still completes (often with -ECANCELED). */
export function cancel(id: number, gen: number): void {
  const s = slots[id];
  if (s === undefined || s.gen !== gen || s.resolve === null) return;
  const r = s.owner;
  if (r === null) {
    s.cancelled = true; // not in the SQ yet: it will never be
    return;
  }
  if (!r.closed) start({ kind: K.CANCEL, target: id, gen }).then(noop, noop);
}

function noop(): void {}
