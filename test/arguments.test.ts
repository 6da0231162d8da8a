// Builders refuse unknown SQE flags and bad arguments before taking a slot, with Node's codes.
import { Ring, constants } from '../lib';
import { runChild } from './helpers/child';

let ring: Ring;
beforeEach(() => {
  ring = new Ring({ entries: 8 });
});
afterEach(() => ring.close());

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

test('unknown and unsupported SQE flag bits are refused with ERR_OUT_OF_RANGE', () => {
  for (const bad of [1 << 7, 1 << 8, constants.sqeFlags.BUFFER_SELECT, constants.sqeFlags.CQE_SKIP_SUCCESS, -1, 0.5]) {
    expect(codeOf(() => ring.prepNop(1, bad))).toBe('ERR_OUT_OF_RANGE');
  }
  expect(codeOf(() => ring.prepNop(1, '1' as unknown as number))).toBe('ERR_INVALID_ARG_TYPE');
  // The known ones are accepted.
  const { IO_DRAIN, IO_LINK, ASYNC } = constants.sqeFlags;
  ring.prepNop(1, IO_DRAIN);
  ring.prepNop(2, IO_LINK);
  ring.prepNop(3, ASYNC);
  ring.submit(3);
  const res: number[] = [];
  ring.reap((_, r) => res.push(r));
  expect(res).toEqual([0, 0, 0]);
  expect(ring.sqSpace).toBe(8);
});

test('prepFtruncate names its own argument: errors are about "length", not "position"', () => {
  const messageOf = (fn: () => unknown): [string | undefined, string] => {
    try {
      fn();
    } catch (e) {
      return [(e as { code?: string }).code, (e as Error).message];
    }
    return [undefined, ''];
  };
  expect(messageOf(() => ring.prepFtruncate(0, -5, 1))).toEqual(['ERR_OUT_OF_RANGE', 'The value of "length" is out of range. It must be >= 0 && <= 9007199254740991. Received -5']);
  expect(messageOf(() => ring.prepFtruncate(0, 1.5, 1))).toEqual(['ERR_OUT_OF_RANGE', 'The value of "length" is out of range. It must be an integer. Received 1.5']);
  expect(messageOf(() => ring.prepFtruncate(0, 'x' as never, 1))).toEqual(['ERR_INVALID_ARG_TYPE', 'The "length" argument must be of type number or bigint. Received type string (\'x\')']);
  expect(messageOf(() => ring.prepFtruncate(0, 2n ** 63n, 1))).toEqual(['ERR_OUT_OF_RANGE', 'The value of "length" is out of range. It must be >= 0 && <= 9223372036854775807. Received 9_223_372_036_854_775_808n']);
  expect(messageOf(() => ring.prepFtruncate(0, -1, 1))[1]).toMatch(/"length"/);
  expect(ring.inFlight).toBe(0);
});

test('userData must be a non-negative safe integer', () => {
  expect(codeOf(() => ring.prepNop(-1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepNop(1.5))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepNop(2 ** 53))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepNop(NaN))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepNop(1n as unknown as number))).toBe('ERR_INVALID_ARG_TYPE');
  expect(codeOf(() => ring.prepNop(Number.MAX_SAFE_INTEGER))).toBeUndefined();
});

test('fd, buffer and position are checked', () => {
  const buf = Buffer.alloc(8);
  expect(codeOf(() => ring.prepRead(-1, buf, 0, 1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepRead('3' as unknown as number, buf, 0, 1))).toBe('ERR_INVALID_ARG_TYPE');
  expect(codeOf(() => ring.prepRead(0, 'abc' as unknown as Buffer, 0, 1))).toBe('ERR_INVALID_ARG_TYPE');
  expect(codeOf(() => ring.prepRead(0, buf, -2, 1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepRead(0, buf, 2 ** 63 as number, 1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepRead(0, buf, 2n ** 63n, 1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepRead(0, buf, 0.5, 1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepRead(0, buf, '0' as unknown as number, 1))).toBe('ERR_INVALID_ARG_TYPE');
  expect(codeOf(() => ring.prepReadv(0, [buf, 'x' as unknown as Buffer], 0, 1))).toBe('ERR_INVALID_ARG_TYPE');
  expect(codeOf(() => ring.prepReadv(0, new Array(constants.IOV_MAX + 1).fill(buf), 0, 1))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => ring.prepFsync(0, 1, 2))).toBe('ERR_OUT_OF_RANGE');
  expect(ring.inFlight).toBe(0);
  expect(ring.sqSpace).toBe(8);
});

test('ring options are checked', () => {
  expect(codeOf(() => new Ring({ entries: 0 }))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => new Ring({ entries: 65536 }))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => new Ring({ entries: 'x' as unknown as number }))).toBe('ERR_INVALID_ARG_TYPE');
  expect(codeOf(() => new Ring({ flags: constants.setupFlags.IOPOLL }))).toBe('ERR_OUT_OF_RANGE');
  expect(codeOf(() => new Ring({ entries: 8, cqEntries: 4 }))).toBe('ERR_OUT_OF_RANGE');
});

test('waiting for more completions than can ever come is refused instead of hanging', () => {
  ring.prepNop(1);
  expect(codeOf(() => ring.submit(2))).toBe('ERR_OUT_OF_RANGE');
  expect(ring.submit(1)).toBe(1);
  expect(ring.reap(() => {})).toBe(1);
});

test('a CQE already waiting counts once: its operation is still in flight until reaped', () => {
  // In a child: before the fix io_uring_enter waited forever for a second CQE (1 in flight + 1 ready were allowed).
  const r = runChild(`
const ring = new uring.Ring({ entries: 8 });
ring.prepNop(1);
ring.submit(1);
const out = { ready: ring.cqReady, inFlight: ring.inFlight };
try { ring.submit(2); out.returned = true; } catch (e) { out.code = e.code; }
out.again = ring.submit(1);
out.reaped = ring.reap(() => {});
ring.close();
console.log(JSON.stringify(out));`, [], 10000);
  expect(r.signal).toBeNull();
  expect(JSON.parse(r.stdout.trim())).toEqual({ ready: 1, inFlight: 1, code: 'ERR_OUT_OF_RANGE', again: 0, reaped: 1 });
});
