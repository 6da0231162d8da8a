// A 64-bit file offset (the SQE's off word pair) as node:fs takes one: -1 (the current
// position) or 0..2^63-1, as a number or a bigint. Validated once, then split into halves.
import { invalidArgType, outOfRange } from '../errors';

const TWO_32 = 4294967296;
/** @internal */
export const MAX_POS = 2n ** 63n - 1n;

/** A position, or -1 (a number: -1n too). @internal */
export function validatePosition(position: unknown): number | bigint {
  if (typeof position === 'number') {
    if (position === -1 || (Number.isSafeInteger(position) && position >= 0)) return position;
    throw outOfRange('position', `-1 or an integer >= 0 && <= ${Number.MAX_SAFE_INTEGER}`, position);
  }
  if (typeof position === 'bigint') {
    if (position === -1n) return -1;
    if (position >= 0n && position <= MAX_POS) return position;
    throw outOfRange('position', `-1 or >= 0 && <= ${MAX_POS}`, position);
  }
  throw invalidArgType('position', 'of type number or bigint', position);
}

/** The low word of a validated position (-1: all ones). @internal */
export function offLo(off: number | bigint): number {
  return typeof off === 'number' ? off >>> 0 : Number(off & 0xffffffffn);
}

/** The high word of a validated position (-1: all ones). @internal */
export function offHi(off: number | bigint): number {
  if (typeof off === 'number') return off === -1 ? 0xffffffff : (off / TWO_32) >>> 0;
  return Number(off >> 32n);
}

/** A byte offset or length named `name`: 0..2^63-1 as a number or a bigint, or also -1 when `minusOne` (splice: no offset). @internal */
export function validateOffset(value: unknown, name: string, minusOne = false): number | bigint {
  const low = minusOne ? '-1 or ' : '';
  if (typeof value === 'number') {
    if ((minusOne && value === -1) || (Number.isSafeInteger(value) && value >= 0)) return value;
    throw outOfRange(name, `${low}an integer >= 0 && <= ${Number.MAX_SAFE_INTEGER}`, value);
  }
  if (typeof value === 'bigint') {
    if (minusOne && value === -1n) return -1;
    if (value >= 0n && value <= MAX_POS) return value;
    throw outOfRange(name, `${low}>= 0 && <= ${MAX_POS}`, value);
  }
  throw invalidArgType(name, 'of type number or bigint', value);
}
