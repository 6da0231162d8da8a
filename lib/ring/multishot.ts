// Multishot operations in flight (POLL_ADD with IORING_POLL_ADD_MULTI, ...): one SQE, any number of
// CQEs, the last without IORING_CQE_F_MORE (reap.ts keeps the slot until then). Tracked by op id
// so that submit(waitFor) allows waiting for more CQEs than operations, and reap pays nothing for it.
import { invalidArgType } from '../errors';
import { validateOptionKeys } from '../validate';
import type { RingCore } from './core';
import { MAX_SLOTS } from './in-flight';

/** Records a multishot operation just prepared (its id, as prep returned it). @internal */
export function noteMultishot(core: RingCore, opId: number): void {
  const ids = core.multishot;
  if (ids.length >= 64) prune(core); // bounded by the live ones, not by every one ever prepared
  ids.push(opId);
}

/** Whether a multishot operation is still in flight (its slot not released since). @internal */
export function multishotInFlight(core: RingCore): boolean {
  prune(core);
  return core.multishot.length > 0;
}

function prune(core: RingCore): void {
  const { gen, pins } = core.table;
  core.multishot = core.multishot.filter((id) => {
    const slot = id % MAX_SLOTS;
    return pins[slot] !== null && gen[slot] === Math.floor(id / MAX_SLOTS);
  });
}

const MULTISHOT_OPTIONS: readonly string[] = ['multishot'];

/** A builder's `{ multishot }` options (undefined: single shot); `owner` names the builder in errors. @internal */
export function multishotOption(options: unknown, owner: string): boolean {
  if (options === undefined) return false;
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  validateOptionKeys(options, MULTISHOT_OPTIONS, owner);
  const { multishot } = options as { multishot?: unknown };
  if (multishot !== undefined && typeof multishot !== 'boolean') throw invalidArgType('options.multishot', 'of type boolean', multishot);
  return multishot === true;
}
