// The native layer refuses misuse that would otherwise leave live views over unmapped memory
// or read an empty handle: a second layout(), and a registerBuffers() element whose getter throws.
import { tryBinding } from '../lib/native';

function nativeRing() {
  const binding = tryBinding();
  if (binding === undefined) throw new Error('the addon must load for this test');
  const ring = new binding.NativeRing();
  expect(ring.setup(8, 0, 0, 0, () => {})).toBe(0);
  return ring;
}

test('layout() a second time throws and leaves the first views attached until close()', () => {
  const ring = nativeRing();
  const first = ring.layout();
  expect(() => ring.layout()).toThrow(/already laid out/);
  expect(first.sqRing.byteLength).toBeGreaterThan(0);
  ring.close();
  expect(first.sqRing.byteLength).toBe(0); // detached by close(): the one set of views is tracked
  expect(first.sqes.byteLength).toBe(0);
});

test('registerBuffers() propagates an element getter that throws instead of crashing', () => {
  const ring = nativeRing();
  const views = [Buffer.alloc(4096)];
  Object.defineProperty(views, 0, { get: () => { throw new Error('getter boom'); } });
  expect(() => ring.registerBuffers(views)).toThrow('getter boom');
  expect(ring.registerBuffers([Buffer.alloc(4096)])).toBe(0); // the ring is still usable
  ring.close();
});
