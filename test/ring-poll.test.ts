// The poll family: POLL_ADD single shot and multishot (which keeps its slot until the CQE
// without IORING_CQE_F_MORE), POLL_REMOVE; argument errors and the probe refusal.
import { writeSync } from 'node:fs';
import { constants as os } from 'node:os';
import { constants, Ring } from '../lib';
import { withoutOpcodes } from './helpers/fake-probe';
import { withFifo } from './helpers/fifo';

const { ECANCELED, ENOENT } = os.errno;
const { cqeFlags, opcodes, pollEvents } = constants;

let ring: Ring;
beforeEach(() => {
  ring = new Ring({ entries: 8 });
});
afterEach(() => ring.close());

type Cqe = [number, number, number];
function reapAll(r: Ring): Cqe[] {
  const out: Cqe[] = [];
  r.reap((ud, res, flags) => out.push([ud, res, flags & cqeFlags.MORE]));
  return out;
}

test('a single-shot poll completes with the ready events and frees its slot', () => {
  withFifo((fd) => {
    ring.prepPollAdd(fd, pollEvents.OUT, 1);
    ring.submit(1);
    expect(reapAll(ring)).toEqual([[1, pollEvents.OUT, 0]]);
    expect(ring.inFlight).toBe(0);
  });
});

test('a poll waits for readiness: POLLIN once someone writes', () => {
  withFifo((fd) => {
    ring.prepPollAdd(fd, pollEvents.IN, 1);
    ring.submit(0);
    expect(ring.submit(1, 20)).toBe(0); // not readable yet
    expect(ring.cqReady).toBe(0);
    writeSync(fd, 'x');
    ring.submit(1);
    expect(reapAll(ring)).toEqual([[1, pollEvents.IN, 0]]);
  });
});

test('a multishot poll posts CQEs with F_MORE and keeps its slot until POLL_REMOVE ends it', () => {
  withFifo((fd) => {
    const id = ring.prepPollAdd(fd, pollEvents.IN, 1, { multishot: true });
    ring.submit();
    const seen: Cqe[] = [];
    for (let i = 0; i < 2; i++) {
      writeSync(fd, 'x');
      ring.submit(1);
      seen.push(...reapAll(ring));
      expect(ring.inFlight).toBe(1); // the poll goes on
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const cqe of seen) expect(cqe).toEqual([1, pollEvents.IN, cqeFlags.MORE]);
    ring.prepPollRemove(id, 2);
    ring.submit(2); // 2 CQEs, 2 operations in flight
    expect(reapAll(ring).sort()).toEqual([[1, -ECANCELED, 0], [2, 0, 0]]);
    expect(ring.inFlight).toBe(0);
    ring.prepPollRemove(id, 3); // ended: the id names nothing now
    ring.submit(1);
    expect(reapAll(ring)).toEqual([[3, -ENOENT, 0]]);
  });
});

test('submit may wait for more CQEs than operations while a multishot poll is in flight', () => {
  withFifo((fd) => {
    ring.prepPollAdd(fd, pollEvents.IN, 1, { multishot: true });
    ring.submit();
    writeSync(fd, 'x');
    ring.submit(2, 50); // one write, one CQE: the wait ends with the time
    expect(reapAll(ring)).toEqual([[1, pollEvents.IN, cqeFlags.MORE]]);
    expect(ring.inFlight).toBe(1); // close() ends it
  });
});

test('argument errors', () => {
  expect(() => ring.prepPollAdd(-1, pollEvents.IN, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(() => ring.prepPollAdd(0, -1, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(() => ring.prepPollAdd(0, pollEvents.IN, 1, { multishot: 1 } as never)).toThrow(
    expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
  );
  expect(() => ring.prepPollAdd(0, pollEvents.IN, 1, { multi: true } as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => ring.prepPollAdd(0, pollEvents.IN, 1, null as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => ring.prepPollRemove(1.5, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(() => ring.submit(2)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' })); // no multishot in flight
  expect(ring.inFlight).toBe(0);
});

test('a kernel whose probe lacks the opcode: ERR_URING_UNSUPPORTED before a slot is taken', () => {
  const old = withoutOpcodes([opcodes.POLL_ADD, opcodes.POLL_REMOVE], () => new Ring({ entries: 4 }));
  try {
    expect(() => old.prepPollAdd(0, pollEvents.IN, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' }));
    expect(() => old.prepPollRemove(0, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' }));
    expect(old.inFlight).toBe(0);
  } finally {
    old.close();
  }
});
