// The native enter() checks each of its three arguments (a uint32 number) on its raw Node-API
// path: anything else is a TypeError before any syscall, and a closed ring answers -EBADF.
import { tryBinding } from '../lib/native';

const EBADF = 9;

test('enter() refuses missing, non-number, negative, fractional and too large arguments', () => {
  const binding = tryBinding();
  if (binding === undefined) throw new Error('the addon must load for this test');
  const ring = new binding.NativeRing();
  expect(ring.setup(8, 0, 0, 0, () => {})).toBe(0);
  const enter = ring.enter as unknown as (...args: unknown[]) => number;
  const bad: unknown[][] = [[], [0], [0, 0], [0, 0, '1'], [0, 0, null], [-1, 0, 0], [0, 1.5, 0], [0, 0, 2 ** 32], [NaN, 0, 0], [0n, 0, 0]];
  for (const args of bad) {
    let err: unknown;
    try {
      enter.apply(ring, args);
    } catch (e) {
      err = e;
    }
    // The addon's TypeError comes from node's realm, not jest's: compare name and message.
    expect(err).toMatchObject({ name: 'TypeError', message: 'enter(toSubmit, minComplete, flags)' });
  }
  expect(enter.call(ring, 0, 0, 0)).toBe(0);
  expect(enter.call(ring, 0, 0, 0xffffffff)).toBe(0); // unknown flag bits are masked off, not passed
  ring.close();
  expect(enter.call(ring, 0, 0, 0)).toBe(-EBADF);
});
