// Addresses of JS buffers for the kernel. A backing store never moves once it is off the V8
// heap (reading view.buffer moves small on-heap arrays off it), so the base address of
// each ArrayBuffer is looked up natively once and cached.
import type { Binding } from './native';

const bases = new WeakMap<ArrayBufferLike, number>();

export function addressOf(binding: Binding, view: ArrayBufferView): number {
  const buffer = view.buffer; // materialises on-heap typed arrays before the lookup
  let base = bases.get(buffer);
  if (base === undefined) {
    base = binding.addressOf(view) - view.byteOffset;
    if (buffer.byteLength !== 0) bases.set(buffer, base); // empty or detached: nothing to cache

  }
  return base + view.byteOffset;
}
