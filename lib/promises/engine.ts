// The per-thread shared Ring behind uring/promises: created at first use, one io_uring_enter
// per tick for everything queued in it, back-pressure in JS when the SQ or CQ is full, and
// completions resolving promises. Results are raw: res >= 0 or -errno.
import { prepRwChecked, Ring } from '../ring';
import { fsyncFlags, opcodes, sqeFlags } from '../constants';
import { liveByteLength } from '../views';
import { currentBackend, ENTRIES, setBackend } from './backend';
import { debug } from './debug';
import { execute } from './fs-executor';
import { IdQueue } from './id-queue';
import { K } from './kinds';

const AT_FDCWD = -100;

let ring: Ring | null = null;
let created = false; // the shared ring was created (or found impossible): ring says which

// Per-operation records, indexed by the id we hand the Ring as userData.
let kind = new Uint8Array(64);
let gens = new Uint32Array(64); // bumped when an id is freed, so a stale cancel misses
let cancelled = new Uint8Array(64);
const argA: unknown[] = [];
const argB: unknown[] = [];
const argC: unknown[] = [];
const argD: unknown[] = [];
const resolvers: Array<((value: unknown) => void) | null> = [];
const rejecters: Array<((err: unknown) => void) | null> = [];
const opIds: number[] = [];
// Optional per-operation settle step (see startSettled) and its two context values.
const settles: Array<Settle | null> = [];
const ctxX: unknown[] = [];
const ctxY: unknown[] = [];
// A callback operation's callback (startCallback), instead of a resolver pair.
const dones: Array<Done | null> = [];
// Whether the callback also gets `y` (node's read/write callbacks: err, bytes, buffer).
const donePassesY: boolean[] = [];
const owners: Array<Ring | null> = [];
// Free ids, a stack of freeTop entries (there are never more than kind.length ids).
let freeIds = new Int32Array(64);
let freeTop = 0;
let nextId = 0;

// Operations waiting for SQ/CQ room, in order; and those prepared since the last enter
// (unsubmitted[0..unsubmittedLen)), which keeps its length and is overwritten: emptying a JS
// array (length = 0, or pop() to empty) gives its backing store back, so every batch used to
// regrow it (and pop() to trim it in the runtime).
const backlog = new IdQueue();
const unsubmitted: number[] = [];
let unsubmittedLen = 0;
let flushScheduled = false;
let retrySoon = false;
let captureId = 0;

/** The id and generation of the operation most recently started (for cancel()). */
export let lastId = -1;
export let lastGen = 0;
const ECANCELED = 125;

function create(): Ring | null {
  created = true;
  if (currentBackend().name === 'fs') return null; // the check without a ring found io_uring unusable
  try {
    const r = new Ring({ entries: ENTRIES });
    const onReady = () => reapFrom(r);
    r.onReady(onReady);
    setBackend('io_uring', `io_uring ring of ${r.sqEntries} entries (fd ${r.fd})`);
    return r;
  } catch (err) {
    setBackend('fs', (err as Error).message.split('\n')[0]);
    return null;
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

/**
 * Turns an operation's raw result into its promise's value, or throws the error to reject
 * with; called with `failed` true (result ignored) when the operation failed before reaching
 * the kernel, to release what `x`/`y` hold.
 */
export type Settle = (res: number, x: unknown, y: unknown, failed: boolean) => unknown;

/** A callback operation's completion: node's `(err, value)` callback. */
export type Done = (err: unknown, value?: unknown, y?: unknown) => void;

function capture(resolve: (value: unknown) => void, reject: (err: unknown) => void): void {
  resolvers[captureId] = resolve;
  rejecters[captureId] = reject;
}

/** Queues one operation on the shared ring; resolves with its CQE result. */
export function start(k: number, a: unknown, b?: unknown, c?: unknown, d?: unknown): Promise<number> {
  return enqueue(k, a, b, c, d, null, undefined, undefined) as Promise<number>;
}

/**
 * Like start(), but the promise settles with `settle(res, x, y)`: a caller's whole result
 * then needs this one promise, not one more per async layer.
 */
export function startSettled(k: number, a: unknown, b: unknown, c: unknown, settle: Settle, x: unknown, y: unknown, d?: unknown): Promise<unknown> {
  return enqueue(k, a, b, c, d, settle, x, y);
}

/**
 * Like startSettled(), but no promise: `done(err, value)` gets what the promise would have
 * settled with, always later than this call (from a flush or a reap, never inside it). With
 * `passY`, `done(err, 0, y)` or `done(null, value, y)`.
 */
// eslint-disable-next-line max-params
export function startCallback(k: number, a: unknown, b: unknown, c: unknown, d: unknown, settle: Settle | null, x: unknown, y: unknown, done: Done, passY = false): void {
  const id = record(k, a, b, c, d, settle, x, y);
  resolvers[id] = rejecters[id] = null; // written, so that the arrays stay packed
  dones[id] = done;
  donePassesY[id] = passY;
  queue(id);
}

// eslint-disable-next-line max-params
function enqueue(k: number, a: unknown, b: unknown, c: unknown, d: unknown, settle: Settle | null, x: unknown, y: unknown): Promise<unknown> {
  captureId = record(k, a, b, c, d, settle, x, y);
  const promise = new Promise<unknown>(capture);
  queue(captureId);
  return promise;
}

/** Takes an id and records the operation's arguments under it. */
// eslint-disable-next-line max-params
function record(k: number, a: unknown, b: unknown, c: unknown, d: unknown, settle: Settle | null, x: unknown, y: unknown): number {
  let id: number;
  if (freeTop > 0) {
    id = freeIds[--freeTop];
  } else {
    id = nextId++;
    if (id >= kind.length) {
      const grown = new Uint8Array(kind.length * 2);
      grown.set(kind);
      kind = grown;
      const g = new Uint32Array(gens.length * 2);
      g.set(gens);
      gens = g;
      const flags = new Uint8Array(kind.length);
      flags.set(cancelled);
      cancelled = flags;
      const free = new Int32Array(kind.length);
      free.set(freeIds);
      freeIds = free;
    }
  }
  kind[id] = k;
  argA[id] = a;
  argB[id] = b;
  argC[id] = c;
  argD[id] = d;
  settles[id] = settle;
  ctxX[id] = x;
  ctxY[id] = y;
  cancelled[id] = 0;
  lastId = id;
  lastGen = gens[id];
  return id;
}

/** Appends an operation (or a job's next step) to the backlog; the next tick flushes it. */
function queue(id: number): void {
  backlog.push(id);
  if (!flushScheduled) {
    flushScheduled = true;
    process.nextTick(flush);
  }
}

/**
 * An operation of several SQEs and steps (readFile's open + read + close), settled through one
 * promise. Each step is queued like an operation: when the SQ has room for `sqes` entries,
 * `prep` writes them, each with userData `ud + sub * 2^32` (sub >= 1 names the SQE within the
 * job); each CQE goes to `cqe`. The job then calls jobAgain (queue its next step), or
 * jobResolve / jobReject. `fallback` runs it on node:fs when no ring is left.
 */
export interface Job {
  /** SQEs the next step needs (at most 4). */
  sqes: number;
  /** Prepares the step's SQEs and returns how many (0 when the job settled itself instead). */
  prep(r: Ring, ud: number): number;
  cqe(r: Ring, sub: number, res: number): void;
  fallback(): Promise<unknown>;
}

export const JOB_SUB = 4294967296;

/** Queues a job's first step; its promise settles with what the job resolves or rejects. */
export function startJob(job: Job): Promise<unknown> {
  return enqueue(K.JOB, job, undefined, undefined, undefined, null, undefined, undefined);
}

/** Queues the job's next step (from its cqe handler). */
export function jobAgain(id: number): void {
  queue(id);
}

export function jobResolve(id: number, value: unknown): void {
  const resolve = resolvers[id];
  release(id);
  if (resolve !== null) resolve(value);
}

export function jobReject(id: number, err: unknown): void {
  const reject = rejecters[id];
  release(id);
  if (reject !== null) reject(err);
}

/** Best-effort cancel of a started operation; it still completes (often with -ECANCELED). */
export function cancel(id: number, gen: number): void {
  if (gens[id] !== gen || resolvers[id] === null || resolvers[id] === undefined) return;
  const r = owners[id];
  if (r === null || r === undefined) {
    cancelled[id] = 1; // not in the SQ yet: it will never be
    return;
  }
  if (!r.closed) start(K.CANCEL, id, gen).then(noop, noop);
}

function noop(): void {}

function finish(id: number, res: number): void {
  retire(id, res, undefined, false);
}

function fail(id: number, err: unknown): void {
  retire(id, 0, err, true);
}

/** Frees the id, then settles its promise: with the result, or (failed) rejected with `err`. */
function retire(id: number, res: number, err: unknown, failed: boolean): void {
  const resolve = resolvers[id];
  const reject = rejecters[id];
  const settle = settles[id];
  const x = ctxX[id];
  const y = ctxY[id];
  release(id);
  if (resolve === null) {
    // No promise: a callback operation (startCallback), unless a job settled it already.
    const done = dones[id];
    if (done === null || done === undefined) return;
    dones[id] = null;
    callBack(done, res, err, failed, settle, x, y, donePassesY[id]);
    return;
  }
  if (failed) {
    if (settle !== null) settle(0, x, y, true); // lets it release what it holds
    if (reject !== null) reject(err);
    return;
  }
  if (resolve === null || reject === null) return;
  if (settle === null) {
    resolve(res);
    return;
  }
  let value: unknown;
  try {
    value = settle(res, x, y, false);
  } catch (e) {
    reject(e);
    return;
  }
  resolve(value);
}

// eslint-disable-next-line max-params
function callBack(done: Done, res: number, err: unknown, failed: boolean, settle: Settle | null, x: unknown, y: unknown, passY: boolean): void {
  let value: unknown = res;
  if (failed) {
    if (settle !== null) settle(0, x, y, true);
  } else if (settle !== null) {
    try {
      value = settle(res, x, y, false);
    } catch (e) {
      err = e;
      failed = true;
    }
  }
  try {
    // node's calls without a value give their callback (null) alone.
    if (passY) {
      if (failed) done(err, 0, y);
      else done(null, value, y);
    } else if (failed) done(err);
    else if (value === undefined) done(null);
    else done(null, value);
  } catch (thrown) {
    // The user's callback threw: uncaught, as from node:fs, but after the engine finished its reap.
    process.nextTick(rethrow, thrown);
  }
}

function rethrow(err: unknown): never {
  throw err;
}

function release(id: number): void {
  gens[id]++;
  resolvers[id] = null;
  rejecters[id] = null;
  owners[id] = null;
  settles[id] = null;
  argA[id] = argB[id] = argC[id] = argD[id] = ctxX[id] = ctxY[id] = undefined;
  freeIds[freeTop++] = id;
}

/**
 * READs longer than this carry IOSQE_ASYNC: io-wq copies them off the JS thread, where the
 * kernel would copy page-cached data inside io_uring_enter and stall the event loop (node's
 * 512 KiB readFile chunks too: chained through inline completions, up to 256 per loop turn).
 */
export const INLINE_READ_MAX = 128 * 1024;

function prep(r: Ring, id: number): number {
  const a = argA[id] as never;
  const b = argB[id] as never;
  const c = argC[id] as never;
  const d = argD[id] as never;
  switch (kind[id]) {
    // READ and WRITE come from io.ts with their arguments checked: the Ring's checked entry.
    case K.READ:
      if (liveByteLength(b) > INLINE_READ_MAX) return r.prepRead(a, b, c, id, sqeFlags.ASYNC);
      return prepRwChecked(r, opcodes.READ, a, b, c, id);
    case K.WRITE: return prepRwChecked(r, opcodes.WRITE, a, b, c, id);
    case K.READV: return r.prepReadv(a, b, c, id);
    case K.WRITEV: return r.prepWritev(a, b, c, id);
    case K.FSYNC: return r.prepFsync(a, id, 0);
    case K.FDATASYNC: return r.prepFsync(a, id, fsyncFlags.DATASYNC);
    case K.OPENAT: return r.prepOpenat(AT_FDCWD, a, b, c, id);
    case K.CLOSE: return r.prepClose(a, id);
    case K.STATX: return r.prepStatx(a, b, c, 0xfff, d, id);
    case K.RENAMEAT: return r.prepRenameat(AT_FDCWD, a, AT_FDCWD, b, 0, id);
    case K.LINKAT: return r.prepLinkat(AT_FDCWD, a, AT_FDCWD, b, 0, id);
    case K.SYMLINKAT: return r.prepSymlinkat(a, AT_FDCWD, b, id);
    case K.UNLINKAT: return r.prepUnlinkat(AT_FDCWD, a, b, id);
    case K.MKDIRAT: return r.prepMkdirat(AT_FDCWD, a, b, id);
    case K.FTRUNCATE: return r.prepFtruncate(a, b, id);
    case K.CANCEL: return r.prepCancel(opIds[a], id);
    default: throw new Error(`unknown operation kind ${kind[id]}`);
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
  for (;;) {
    let space = r.sqSpace;
    while (backlog.size > 0 && space > 0 && r.inFlight < cqRoom) {
      const id = backlog.peek();
      if (kind[id] === K.JOB) {
        const job = argA[id] as Job;
        const need = job.sqes;
        if (need > space || r.inFlight + need > cqRoom) break; // the next enter makes room
        backlog.shift();
        owners[id] = r;
        const prepared = job.prep(r, id); // never throws: a job that cannot use this ring settles itself
        for (let i = 0; i < prepared; i++) unsubmitted[unsubmittedLen++] = id; // one entry per SQE
        space = r.sqSpace;
        continue;
      }
      backlog.shift();
      if (cancelled[id] === 1) {
        finish(id, -ECANCELED);
        continue;
      }
      if (kind[id] === K.CANCEL) {
        const target = argA[id] as number;
        if (gens[target] !== argB[id] || owners[target] !== r) {
          finish(id, 0); // the target already completed
          continue;
        }
      }
      try {
        opIds[id] = prep(r, id);
        owners[id] = r;
        unsubmitted[unsubmittedLen++] = id;
        space--;
      } catch (err) {
        fail(id, err);
      }
    }
    if (r.sqReady === 0) break;
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
    if (consumed === 0 || r.sqReady > 0) {
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
// `await` loop whose every call completes inline still lets timers and IO run.
const INLINE_REAPS_PER_TURN = 256;
let inlineReaps = 0;

function resetInlineReaps(): void {
  inlineReaps = 0;
}

function reapInline(r: Ring): void {
  if (r.closed || r.cqReady === 0 || inlineReaps >= INLINE_REAPS_PER_TURN) return;
  if (inlineReaps++ === 0) setImmediate(resetInlineReaps);
  reapFrom(r);
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
  if (id < JOB_SUB) finish(id | 0, res);
  else jobCqe(ring!, id, res);
}

function jobCqe(r: Ring, ud: number, res: number): void {
  const id = (ud % JOB_SUB) | 0;
  const job = argA[id] as Job | undefined;
  if (kind[id] === K.JOB && job !== undefined) job.cqe(r, (ud - id) / JOB_SUB, res);
}

// A retired ring (replaced: broken, or SQPOLL with old credentials) still owns the operations the kernel took before.
const retired = new Map<Ring, number>();

function onRetiredComplete(r: Ring, id: number, res: number): void {
  if (id >= JOB_SUB) {
    jobCqe(r, id, res);
  } else {
    id |= 0;
    if (owners[id] === r) finish(id, res);
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
      if (id < JOB_SUB && res === -ECANCELED && owners[id | 0] === r) fail(id | 0, err);
      else onRetiredComplete(r, id, res);
    });
  } catch {
    // close() reports the same loss again: the operations it concerns are failed below
  }
  for (let id = 0; id < nextId; id++) if (owners[id] === r) fail(id, err);
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
  for (const id of moved) owners[id] = null;
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
    const k = kind[id];
    if (k === K.CANCEL) {
      finish(id, 0);
      continue;
    }
    if (k === K.JOB) {
      jobResolve(id, (argA[id] as Job).fallback());
      continue;
    }
    execute(k, argA[id], argB[id], argC[id], argD[id], (res) => finish(id, res));
  }
}

/** Test-only: how many ids the backlog's storage holds (it must stay bounded while the engine is busy). */
export function backlogStorage(): number {
  return backlog.capacity;
}
