// The probe reports what the running kernel supports, and the public probe() agrees.
import { Ring, constants, probe } from '../lib';

test('probe lists the basic opcodes and rejects ones beyond the table', () => {
  const { opcodes, features } = probe();
  for (const op of [constants.opcodes.NOP, constants.opcodes.READV, constants.opcodes.WRITEV, constants.opcodes.FSYNC]) {
    expect(opcodes).toContain(op);
  }
  expect(features & constants.features.SINGLE_MMAP).toBeTruthy();
  const ring = new Ring({ entries: 2 });
  try {
    expect(ring.supports(constants.opcodes.READ)).toBe(opcodes.includes(constants.opcodes.READ));
    expect(ring.supports(255)).toBe(false);
    expect(ring.supports(-1)).toBe(false);
  } finally {
    ring.close();
  }
});
