// Which backend uring/promises uses and why, known from the start without creating a ring:
// rings are charged to RLIMIT_MEMLOCK, so the shared ring waits for the first call, while
// `backend` is right at import. Before that call it comes from a check that creates no ring
// (the addon loads; io_uring_setup is allowed; RLIMIT_MEMLOCK has room for the ring); the
// ring's creation, or its failure, then has the last word.
import { debug } from './debug';
import type * as Errors from '../errors';
import type * as Native from '../native';
import type * as SetupFailure from '../setup-failure';

/** Entries of the shared ring. @internal */
export const ENTRIES = 256;

/** @internal */
export interface Backend {
  name: 'io_uring' | 'fs';
  reason: string;
}

let state: Backend | undefined;

/** The backend: what the shared ring's creation decided, or what the check without a ring says. @internal */
export function currentBackend(): Backend {
  if (state === undefined) {
    state = check();
    debug('backend before the first call: %s (%s)', state.name, state.reason);
  }
  return state;
}

/** Records what creating (or replacing) the shared ring decided. @internal */
export function setBackend(name: 'io_uring' | 'fs', reason: string): void {
  state = { name, reason };
  debug('backend: %s (%s)', name, reason);
}

function firstLine(err: Error): string {
  return err.message.split('\n')[0];
}

// The check's modules load when it runs (at the first call, or when backend is read), not at import.
/* eslint-disable @typescript-eslint/no-require-imports */
function check(): Backend {
  const { loadFailure, tryBinding } = require('../native') as typeof Native;
  const { memlockShortfall, setupError } = require('../setup-failure') as typeof SetupFailure;
  const binding = tryBinding();
  if (binding === undefined) {
    const { ringError } = require('../errors') as typeof Errors;
    return { name: 'fs', reason: firstLine(ringError('ERR_URING_UNAVAILABLE', `uring's native addon could not be loaded: ${loadFailure()?.message}`)) };
  }
  const ret = binding.setupCheck();
  if (ret < 0) return { name: 'fs', reason: firstLine(setupError(ret, ENTRIES, 0)) };
  const short = memlockShortfall(ENTRIES, 0);
  if (short !== undefined) return { name: 'fs', reason: firstLine(short) };
  return { name: 'io_uring', reason: `io_uring: a ring of ${ENTRIES} entries is created at the first call` };
}
/* eslint-enable @typescript-eslint/no-require-imports */

// `name` and `reason` are accessors of this module's exports, so that index.ts re-exports
// them as live values and nothing runs until someone reads them.
/** 'io_uring' when calls go through the shared ring, 'fs' when they go to node:fs/promises. */
export declare const name: 'io_uring' | 'fs';
/** One line: the ring in use (or to be created at the first call), or why io_uring is unavailable. */
export declare const reason: string;
Object.defineProperty(exports, 'name', { enumerable: true, get: () => currentBackend().name });
Object.defineProperty(exports, 'reason', { enumerable: true, get: () => currentBackend().reason });
