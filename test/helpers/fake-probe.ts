// Rings created inside `fn` see a kernel whose IORING_REGISTER_PROBE lacks `missing` opcodes
// (and whose setup reported none of the `missingFeatures` bits): the native answers are edited,
// everything else is the real kernel.
import { tryBinding, type NativeRing, type RingLayout } from '../../lib/native';

export function withoutOpcodes<T>(missing: number[], fn: () => T, missingFeatures = 0): T {
  const binding = tryBinding();
  if (binding === undefined) throw new Error('no native binding');
  const Original = binding.NativeRing;
  class ProbeWithout extends (Original as unknown as new () => NativeRing) {
    override probe(): Uint8Array | number {
      const p = super.probe();
      if (typeof p !== 'number') for (const op of missing) p[op] = 0;
      return p;
    }

    override layout(): RingLayout {
      const l = super.layout();
      return { ...l, features: l.features & ~missingFeatures };
    }
  }
  binding.NativeRing = ProbeWithout;
  try {
    return fn();
  } finally {
    binding.NativeRing = Original;
  }
}
