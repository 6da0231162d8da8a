// Hostile input: 20,000 seeded random calls across every Ring method and builder, in a child
// process so that memory corruption shows up as a signal instead of a passing run.
import path from 'node:path';
import { lastJson, packageRoot, runNode } from './helpers/child';

interface FuzzReport {
  calls: number;
  completions: number;
  leftInFlight: number;
  readOk: boolean;
  unexpected: unknown[];
  tally: Record<string, number>;
}

describe('fuzz', () => {
  test.each([1, 2])('seed %i: 20,000 hostile calls, only coded errors, the ring still reads correctly', (seed) => {
    const r = runNode(['--expose-gc', path.join(packageRoot, 'scripts', 'fuzz.js'), '--calls', '20000', '--seed', String(seed)]);
    expect(r.signal).toBeNull();
    const report = lastJson<FuzzReport>(r);
    expect(report.unexpected).toEqual([]);
    expect(report.calls).toBe(20000);
    expect(report.readOk).toBe(true);
    expect(report.leftInFlight).toBe(0);
    // The run exercised both sides: real completions and each kind of argument error.
    expect(report.completions).toBeGreaterThan(500);
    expect(report.tally['TypeError:ERR_INVALID_ARG_TYPE']).toBeGreaterThan(0);
    expect(report.tally['RangeError:ERR_OUT_OF_RANGE']).toBeGreaterThan(0);
    expect(report.tally['TypeError:ERR_INVALID_ARG_VALUE']).toBeGreaterThan(0);
    expect(report.tally['UringError:ERR_URING_CLOSED']).toBeGreaterThan(0);
    expect(r.status).toBe(0);
  });
});
