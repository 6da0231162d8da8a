// Addresses of JS buffers for the kernel. A backing store never moves once it is off the V8
// heap (reading view.buffer moves small on-heap arrays off it), so the base address of
// each ArrayBuffer is looked up natively once and cached.
import type { Binding } from './native';
import { viewBuffer, viewByteLength, viewByteOffset } from './views';

const bases = new WeakMap<ArrayBufferLike, number>();

export function addressOf(binding: Binding, view: ArrayBufferView): number {
  const buffer = viewBuffer(view); // materialises on-heap typed arrays before the lookup
  const offset = viewByteOffset(view);
  let base = bases.get(buffer);
  if (base === undefined) {
    base = binding.addressOf(view) - offset;
    // Empty or detached: nothing to cache (a zero-length view may not point into its buffer).
    if (viewByteLength(view) !== 0) bases.set(buffer, base);
  }
  return base + offset;
}
