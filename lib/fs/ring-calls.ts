// The ring side of uring/fs's callback calls: one engine operation per call, no promise, its
// callback given node's arguments by a Settle. Argument shapes are checked by the callers
// (fd-calls.ts, path-calls.ts), which hand everything else to node:fs.
import { AsyncResource } from 'node:async_hooks';
import { opcodes } from '../constants';
import { systemError } from '../errors';
import { startCallback as engineStartCallback, type Done, type Settle } from '../promises/engine';
import { sharedRing, supports } from '../promises/ring-loop';
import { K, type Op } from '../promises/ops';
import { shownPath } from '../promises/paths';
import { Pool } from '../promises/scratch';
import { STATX_SIZE, toStats } from '../promises/stats';

export { K, opcodes };

/**
 * `callback` bound to the async context of the call (AsyncLocalStorage stores, async_hooks), as
 * node's FSREQCALLBACK resource binds node:fs's: the engine reaps many calls in one pass, which
 * runs in the context of whatever started it. Its arguments pass on as they come (their count too).
 */
export function inCallerScope(callback: (...args: never[]) => unknown): Done {
  const scope = new AsyncResource('FSREQCALLBACK');
  return (...args: unknown[]) => scope.runInAsyncScope(callInScope, undefined, callback, args);
}

// A throw from the callback is uncaught, as from node:fs, in the callback's context (its
// AsyncLocalStorage store, its domain), once the engine has finished its reap.
function callInScope(callback: (...a: unknown[]) => unknown, args: unknown[]): void {
  try {
    callback(...args);
  } catch (err) {
    process.nextTick(rethrow, err);
  }
}

function rethrow(err: unknown): never {
  throw err;
}

/** The engine's startCallback, `done` called in the async context of the call. */
export function startCallback(op: Op, settle: Settle | null, x: unknown, y: unknown, done: Done, passY = false): void {
  engineStartCallback(op, settle, x, y, inCallerScope(done), passY);
}

/** Whether the shared ring exists and has `op` (first use creates it). */
export function ringHas(op: number): boolean {
  return sharedRing() !== null && supports(op);
}

/** An fd node:fs takes without complaint: an int32 >= 0. */
export function plainFd(fd: unknown): fd is number {
  return typeof fd === 'number' && (fd | 0) === fd && fd >= 0;
}

/** The callback lengthArg() found (its `len` when that is the function). */
export let lengthCallback: unknown;

/** ftruncate/truncate's (len, callback) or (callback): the length to pass (negative: 0), NaN when not a safe integer. */
export function lengthArg(len: unknown, callback: unknown): number {
  lengthCallback = callback;
  if (typeof len === 'function') {
    lengthCallback = len;
    return 0;
  }
  if (len === undefined) return 0;
  return typeof len === 'number' && Number.isSafeInteger(len) ? Math.max(0, len) : NaN;
}

/** node's callback system errors are made in libuv's completion: no JavaScript frames in their stack. */
export function frameless(err: unknown): unknown {
  if (err instanceof Error && 'syscall' in err) err.stack = `${err.name}: ${err.message}`;
  return err;
}

/** A Settle for calls whose callback gets (err) or (null, undefined); `y` is the path (and `x` the dest) to report. */
export function voidSettle(syscall: string): (res: number, x: unknown, y: unknown, failed: boolean) => unknown {
  return (res, x, y, failed) => {
    if (failed || res >= 0) return undefined;
    const fields = y === undefined ? {} : { path: shownPath(y as string), dest: x === undefined ? undefined : shownPath(x as string) };
    throw frameless(systemError(res, syscall, fields));
  };
}

/** A Settle for READ/WRITE/READV/WRITEV: the byte count, or the error. */
export function countSettle(syscall: string): (res: number, x: unknown, y: unknown, failed: boolean) => unknown {
  const check = voidSettle(syscall);
  return (res, x, y, failed) => {
    check(res, x, undefined, failed);
    return res;
  };
}

/** A Settle for STATX into `x` (a Uint32Array): node's Stats, or BigIntStats. */
export function statSettle(syscall: string, bigint: boolean): (res: number, x: unknown, y: unknown, failed: boolean) => unknown {
  return (res, x, y, failed) => {
    if (failed) return undefined;
    if (res < 0) {
      statxBuffers.give(x as Uint32Array);
      throw frameless(systemError(res, syscall, y === undefined ? {} : { path: shownPath(y as string) }));
    }
    const stats = toStats(x as Uint32Array, bigint);
    statxBuffers.give(x as Uint32Array); // the kernel is done with it: its CQE is in
    return stats;
  };
}

// Reused, as uring/promises' scratch buffers: a fresh one per stat cost an allocation, a native
// address lookup and a WeakMap entry each (and the garbage collector's time).
const statxBuffers = new Pool<Uint32Array>(() => new Uint32Array(STATX_SIZE / 4), 64);

/** A struct statx for one STATX; a Settle from statSettle gives it back once its CQE is in. */
export function statxOut(): Uint32Array {
  return statxBuffers.take();
}

export type { Done };
