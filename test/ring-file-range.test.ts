// FALLOCATE, FADVISE and SYNC_FILE_RANGE round trips on a real file, their argument errors and
// the probe refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, Ring } from '../lib';
import { withoutOpcodes } from './helpers/fake-probe';
import { runAll, useRing } from './helpers/ring-each';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-range-');
const ring = useRing();

const { EBADF } = os.constants.errno;
const { opcodes } = constants;
let fd: number;
beforeEach(() => {
  fd = fs.openSync(tmp('f'), 'w+');
});
afterEach(() => fs.closeSync(fd));


test('FALLOCATE extends the file (mode 0), and FALLOC_FL_KEEP_SIZE does not', () => {
  ring().prepFallocate(fd, 0, 0, 10000, 1);
  expect(runAll(ring())).toEqual(new Map([[1, 0]]));
  expect(fs.fstatSync(fd).size).toBe(10000);
  ring().prepFallocate(fd, 1, 10000n, 4096n, 2); // FALLOC_FL_KEEP_SIZE
  expect(runAll(ring())).toEqual(new Map([[2, 0]]));
  expect(fs.fstatSync(fd).size).toBe(10000);
});

test('FADVISE and SYNC_FILE_RANGE complete with 0 on a file, -EBADF on a closed fd', () => {
  fs.writeSync(fd, Buffer.alloc(8192, 1));
  ring().prepFadvise(fd, 0, 8192, 4, 1); // POSIX_FADV_DONTNEED
  ring().prepSyncFileRange(fd, 0n, 0, 2 | 4, 2); // WRITE | WAIT_AFTER, to the end
  expect(runAll(ring())).toEqual(new Map([[1, 0], [2, 0]]));
  const closed = fs.openSync(tmp('g'), 'w');
  fs.closeSync(closed);
  ring().prepSyncFileRange(closed, 0, 0, 2, 3);
  ring().prepFallocate(closed, 0, 0, 1, 4);
  expect(runAll(ring())).toEqual(new Map([[3, -EBADF], [4, -EBADF]]));
});

test('argument errors', () => {
  const range = expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' });
  const type = expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' });
  expect(() => ring().prepFallocate(fd, -1, 0, 1, 1)).toThrow(range);
  expect(() => ring().prepFallocate(fd, 0, -1, 1, 1)).toThrow(range);
  expect(() => ring().prepFallocate(fd, 0, 0, 2n ** 60n, 1)).toThrow(range);
  expect(() => ring().prepFallocate(fd, 0, '0' as never, 1, 1)).toThrow(type);
  expect(() => ring().prepFadvise(fd, 0, 2 ** 32, 0, 1)).toThrow(range);
  expect(() => ring().prepFadvise(fd, 0, 0, 6, 1)).toThrow(range);
  expect(() => ring().prepSyncFileRange(fd, 0, 0, 8, 1)).toThrow(range);
  expect(() => ring().prepSyncFileRange(-1, 0, 0, 0, 1)).toThrow(range);
  expect(() => ring().prepSyncFileRange(fd, 0, 0, 0, 1, 1 << 6)).toThrow(range); // CQE_SKIP_SUCCESS stays refused
  expect(ring().inFlight).toBe(0);
});

test('a kernel whose probe lacks the opcode: ERR_URING_UNSUPPORTED before a slot is taken', () => {
  const old = withoutOpcodes([opcodes.FALLOCATE, opcodes.FADVISE, opcodes.SYNC_FILE_RANGE], () => new Ring({ entries: 4 }));
  try {
    const unsupported = expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' });
    expect(() => old.prepFallocate(fd, 0, 0, 1, 1)).toThrow(unsupported);
    expect(() => old.prepFadvise(fd, 0, 0, 0, 1)).toThrow(unsupported);
    expect(() => old.prepSyncFileRange(fd, 0, 0, 0, 1)).toThrow(unsupported);
    expect(old.inFlight).toBe(0);
  } finally {
    old.close();
  }
});
