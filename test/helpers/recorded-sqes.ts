// Records every SQE the Ring writes (opcode, flags, len: writeSqe's arguments 2, 3 and 8). Use:
// jest.mock('../lib/sqe', () => jest.requireActual('./helpers/recorded-sqes').recordingSqeModule());
import type * as Sqe from '../../lib/sqe';

export const recordedSqes: Array<{ op: number; flags: number; len: number }> = [];

export function recordingSqeModule(): typeof Sqe {
  const actual = jest.requireActual<typeof Sqe>('../../lib/sqe');
  return {
    ...actual,
    writeSqe: (...args: Parameters<typeof actual.writeSqe>) => {
      recordedSqes.push({ op: args[2], flags: args[3], len: args[8] });
      actual.writeSqe(...args);
    },
  };
}
