// What a fast readFile (read-file-fast.ts) borrows while it runs: a slab (path bytes, statx
// output and room for the first read, page-aligned) from a pool, and a slot of the shared ring's
// registered (sparse) file table to open the file into as a direct descriptor.
import { addressOf } from '../address';
import { features, opcodes } from '../constants';
import { tryBinding } from '../native';
import type { Ring } from '../ring';
import { PATH_ROOM } from './paths';
import { PathScratch, Pool } from './scratch';
import { STATX_SIZE } from './stats';

/** Bytes the first read asks for: files up to this size need no second read. */
export const FIRST_READ = 32 * 1024;
// Slabs kept for reuse: as many as calls that were in their first step at once, up to this (~44 KiB each).
const SLABS_KEPT = 64;
/** Direct descriptors per ring: readFile calls beyond this many at once take the slow path. */
export const DIRECT_SLOTS = 256;

/** A path scratch buffer (path bytes, statx output) with room for the first read's data. */
export class Slab extends PathScratch {
  readonly data: Buffer;

  constructor() {
    super(4096 + FIRST_READ); // a page of room to align the data
    const base = addressOf(tryBinding()!, this.raw);
    // The kernel copies into a page-aligned buffer fastest.
    const start = PATH_ROOM + STATX_SIZE;
    const dataAt = start + ((4096 - ((base + start) % 4096)) % 4096);
    this.data = this.raw.subarray(dataAt, dataAt + FIRST_READ);
  }
}

export const slabs = new Pool(() => new Slab(), SLABS_KEPT);

// Per ring: the free slots of its registered (sparse) file table, or null when the ring
// cannot open direct descriptors linked to a read (kernels before 5.17).
const tables = new WeakMap<Ring, number[] | null>();

export function freeSlots(r: Ring): number[] | null {
  let free = tables.get(r);
  if (free !== undefined) return free;
  free = null;
  if ((r.features & features.LINKED_FILE) !== 0 && r.supports(opcodes.OPENAT) && r.supports(opcodes.STATX) &&
    r.supports(opcodes.READ) && r.supports(opcodes.CLOSE)) {
    try {
      r.registerFiles(new Int32Array(DIRECT_SLOTS).fill(-1));
      free = [];
      for (let i = DIRECT_SLOTS - 1; i >= 0; i--) free.push(i);
    } catch {
      free = null; // e.g. a file table already registered, or no memory: the slow path remains
    }
  }
  tables.set(r, free);
  return free;
}

/** Whether readFile(path) can take this path on `r`. */
export function fastReadFileReady(r: Ring): boolean {
  return freeSlots(r) !== null;
}

/** Gives `slot` back to `r`'s table once the descriptor in it is closed (or was never opened). */
export function returnSlot(r: Ring, slot: number): void {
  tables.get(r)?.push(slot);
}
