// The engine's operation table: per id (the userData the Ring gets), the operation, where it
// is, and how it settles: a promise's resolve/reject, or a callback (startCallback).
import type { Ring } from '../ring';
import { recycle, type Op } from './ops';
import { rejectWithCallerStack } from './caller-stack';

/**
 * Turns an operation's raw result into its promise's value, or throws the error to reject
 * with; called with `failed` true (result ignored) when the operation failed before reaching
 * the kernel, to release what `x`/`y` hold.
 */
export type Settle = (res: number, x: unknown, y: unknown, failed: boolean) => unknown;

/** A callback operation's completion: node's `(err, value)` callback. */
export type Done = (err: unknown, value?: unknown, y?: unknown) => void;

export class Slot {
  /** Bumped when the id is freed, so that a stale cancel misses. */
  gen = 0;
  op: Op | null = null;
  /** The ring whose SQ took it; null while queued. */
  owner: Ring | null = null;
  /** Cancelled before it reached an SQ: it never will. */
  cancelled = false;
  /** What prep returned: the Ring's id for it, which a CANCEL names. */
  ringId = 0;
  resolve: ((value: unknown) => void) | null = null;
  reject: ((err: unknown) => void) | null = null;
  /** Optional settle step (see startSettled) and its two context values. */
  settle: Settle | null = null;
  x: unknown = undefined;
  y: unknown = undefined;
  /** A callback operation's callback, instead of a resolve/reject pair. */
  done: Done | null = null;
  /** Whether the callback also gets `y` (node's read/write callbacks: err, bytes, buffer). */
  passY = false;
}

/** Every id handed out so far (ids below slots.length), free or not. */
export const slots: Slot[] = [];
// Free ids, a stack of freeTop entries.
let freeIds = new Int32Array(64);
let freeTop = 0;

/** The id and generation of the operation most recently started (for cancel()). */
export let lastId = -1;
export let lastGen = 0;

/** Takes an id for `op`; the caller sets how it settles. */
export function take(op: Op, settle: Settle | null, x: unknown, y: unknown): number {
  let id: number;
  if (freeTop > 0) {
    id = freeIds[--freeTop];
  } else {
    id = slots.length;
    slots.push(new Slot());
    if (slots.length > freeIds.length) {
      const grown = new Int32Array(freeIds.length * 2);
      grown.set(freeIds);
      freeIds = grown;
    }
  }
  const s = slots[id];
  s.op = op;
  s.settle = settle;
  s.x = x;
  s.y = y;
  s.cancelled = false;
  lastId = id;
  lastGen = s.gen;
  return id;
}

function release(s: Slot, id: number): void {
  s.gen++;
  if (s.op !== null) recycle(s.op);
  s.op = null;
  s.owner = null;
  s.resolve = s.reject = null;
  s.settle = null;
  s.x = s.y = undefined;
  s.done = null;
  freeIds[freeTop++] = id;
}

export function finish(id: number, res: number): void {
  retire(id, res, undefined, false);
}

export function fail(id: number, err: unknown): void {
  retire(id, 0, err, true);
}

/** A job's own settlement: frees the id, then resolves its promise with `value`. */
export function jobResolve(id: number, value: unknown): void {
  const s = slots[id];
  const resolve = s.resolve;
  release(s, id);
  if (resolve !== null) resolve(value);
}

export function jobReject(id: number, err: unknown): void {
  const s = slots[id];
  const resolve = s.resolve;
  release(s, id);
  if (resolve !== null) rejectWithCallerStack(resolve, err);
}

/** Frees the id, then settles its promise: with the result, or (failed) rejected with `err`. */
function retire(id: number, res: number, err: unknown, failed: boolean): void {
  const s = slots[id];
  const { resolve, reject, settle, x, y, done, passY } = s;
  release(s, id);
  if (resolve === null || reject === null) {
    // No promise: a callback operation (startCallback), unless a job settled it already.
    if (done !== null) callBack(done, res, err, failed, settle, x, y, passY);
    return;
  }
  if (failed) {
    if (settle !== null) settle(0, x, y, true); // lets it release what it holds
    rejectWithCallerStack(resolve, err);
    return;
  }
  if (settle === null) {
    resolve(res);
    return;
  }
  let value: unknown;
  try {
    value = settle(res, x, y, false);
  } catch (e) {
    rejectWithCallerStack(resolve, e);
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
