// The true buffer, offset and length of an ArrayBufferView, read through the intrinsic
// getters captured at load time: an own property or a prototype swap on a user's view
// must never change the memory range we hand to the kernel.
type Getter<T> = (this: unknown) => T;

function getter<T>(proto: object, key: PropertyKey): Getter<T> {
  const get = Object.getOwnPropertyDescriptor(proto, key)?.get;
  if (get === undefined) throw new Error(`uring: missing intrinsic getter ${String(key)}`);
  return get as Getter<T>;
}

const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const taTag = getter<string | undefined>(typedArrayProto, Symbol.toStringTag);
const taBuffer = getter<ArrayBufferLike>(typedArrayProto, 'buffer');
const taOffset = getter<number>(typedArrayProto, 'byteOffset');
const taLength = getter<number>(typedArrayProto, 'byteLength');
const dvBuffer = getter<ArrayBufferLike>(DataView.prototype, 'buffer');
const dvOffset = getter<number>(DataView.prototype, 'byteOffset');
const dvLength = getter<number>(DataView.prototype, 'byteLength');
const abSlice = ArrayBuffer.prototype.slice;
const abLength = getter<number>(ArrayBuffer.prototype, 'byteLength');
const isView = ArrayBuffer.isView;

/** Callers have checked ArrayBuffer.isView(view). */
export function viewBuffer(view: ArrayBufferView): ArrayBufferLike {
  return taTag.call(view) !== undefined ? taBuffer.call(view) : dvBuffer.call(view);
}

export function viewByteOffset(view: ArrayBufferView): number {
  return taTag.call(view) !== undefined ? taOffset.call(view) : dvOffset.call(view);
}

export function viewByteLength(view: ArrayBufferView): number {
  return taTag.call(view) !== undefined ? taLength.call(view) : dvLength.call(view);
}

/** A real Uint8Array (or Buffer), not an object that merely inherits its prototype. */
export function isUint8Array(value: unknown): value is Uint8Array {
  return isView(value) && taTag.call(value) === 'Uint8Array';
}

export function isInt32Array(value: unknown): value is Int32Array {
  return isView(value) && taTag.call(value) === 'Int32Array';
}

/** A detached buffer (transferred or closed) reads as empty; tell it apart from a real empty one. */
export function isDetached(view: ArrayBufferView): boolean {
  const buffer = viewBuffer(view);
  let length: number;
  try {
    length = abLength.call(buffer);
  } catch {
    return false; // a SharedArrayBuffer: never detached
  }
  if (length !== 0) return false;
  try {
    abSlice.call(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * The view's byte length, or -1 when its buffer is detached. A typed array of a detached
 * buffer reads as empty, so only an empty one needs isDetached() (two more intrinsic calls,
 * one of them into C++); a DataView's length getter throws when detached, so it is tested first.
 */
export function liveByteLength(view: ArrayBufferView): number {
  if (taTag.call(view) !== undefined) {
    const len = taLength.call(view);
    return len === 0 && isDetached(view) ? -1 : len;
  }
  return isDetached(view) ? -1 : dvLength.call(view);
}
