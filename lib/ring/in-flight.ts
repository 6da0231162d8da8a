// The in-flight table: one slot per operation from prep until its CQE is reaped. A slot holds
// the caller's user_data and the pins (everything the kernel may read or write), and a
// generation that makes a reused slot's old op id and user_data stale.
import { ringError } from '../errors';

// Op id = generation * MAX_SLOTS + slot, below 2^30 so it is a Smi (no HeapNumber per prep call);
// an SQE's user_data is slot (low word) and generation (high word).
const SLOT_BITS = 20;
/** @internal */
export const MAX_SLOTS = 2 ** SLOT_BITS;
/** @internal */
export const GEN_MASK = 0x3ff;
const MAX_OP_ID = MAX_SLOTS * (GEN_MASK + 1) - 1;
const TWO_32 = 4294967296;
// user_data high word for a cancel of an id no operation can have (never a generation).
const NO_OP_HI = 0xfffffffe;

/** The user_data (as a u64 number) of the operation a prep call's id names; an impossible one for an id no prep call returned. @internal */
export function cancelTarget(opId: number): number {
  return opId <= MAX_OP_ID ? (opId % MAX_SLOTS) + Math.floor(opId / MAX_SLOTS) * TWO_32 : NO_OP_HI * TWO_32;
}

/** @internal */
export class InFlightTable {
  user: Float64Array;
  /** One array for the ring's life (grow() lengthens it in place); null marks a free slot. */
  readonly pins: unknown[];
  gen: Uint32Array;
  free: Int32Array;
  freeTop: number;
  /** Operations taken and not released. */
  count = 0;
  /** Operations whose CQE the kernel dropped: they stay counted, but close() does not wait for them. */
  lost = 0;

  constructor(capacity: number) {
    this.user = new Float64Array(capacity);
    this.pins = new Array(capacity).fill(null);
    this.gen = new Uint32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
  }

  /** Takes a free slot for `userData`, pinning `pins` (non-null: marks it in use); the caller counts it. */
  take(userData: number, pins: unknown): number {
    let top = this.freeTop;
    if (top === 0) top = this.grow();
    const slot = this.free[--top];
    this.freeTop = top;
    this.user[slot] = userData;
    this.pins[slot] = pins;
    return slot;
  }

  /** Frees `slot` and drops its pins; its generation moves on, so its old id names nothing. */
  release(slot: number): void {
    this.pins[slot] = null;
    this.gen[slot] = (this.gen[slot] + 1) & GEN_MASK;
    this.free[this.freeTop++] = slot;
    this.count--;
  }

  /** Doubles the table (up to MAX_SLOTS operations in flight); returns the new free count. */
  grow(): number {
    const old = this.user.length;
    if (old >= MAX_SLOTS) {
      throw ringError('ERR_URING_TOO_MANY_IN_FLIGHT', `${MAX_SLOTS} operations are in flight: reap completions before preparing more`);
    }
    const size = Math.min(old * 2, MAX_SLOTS);
    const user = new Float64Array(size);
    user.set(this.user);
    const gen = new Uint32Array(size);
    gen.set(this.gen);
    const free = new Int32Array(size);
    const added = size - old;
    for (let i = 0; i < added; i++) free[i] = size - 1 - i; // the new slots; the old ones are all taken
    this.user = user;
    this.gen = gen;
    this.pins.length = size;
    this.pins.fill(null, old);
    this.free = free;
    this.freeTop = added;
    return added;
  }
}
