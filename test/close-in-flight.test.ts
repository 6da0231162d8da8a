// close() with operations in flight settles every one of them exactly once (-ECANCELED or
// its real result) and returns only when the kernel no longer touches their buffers.
import { execFileSync } from 'node:child_process';
import { closeSync, constants as fsConstants, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { Ring } from '../lib';

const ECANCELED = osConstants.errno.ECANCELED;
let dir: string;
let fifo: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-close-'));
  fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  writeFileSync(path.join(dir, 'file'), Buffer.alloc(8192, 0x33));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('submitted FIFO reads are cancelled, finished work keeps its result, unsubmitted work is cancelled without the kernel', () => {
  const ring = new Ring({ entries: 32 });
  const pipeFd = openSync(fifo, 'r+'); // O_RDWR: opening does not wait for a writer
  const fileFd = openSync(path.join(dir, 'file'), 'r');
  const fifoBufs = Array.from({ length: 8 }, () => Buffer.alloc(64, 0xee));
  fifoBufs.forEach((b, i) => ring.prepRead(pipeFd, b, -1, 100 + i));
  for (let i = 0; i < 4; i++) ring.prepNop(200 + i);
  const fileBuf = Buffer.alloc(8192);
  ring.prepRead(fileFd, fileBuf, 0, 300);
  ring.submit();
  // Prepared but never submitted: never reaches the kernel.
  for (let i = 0; i < 3; i++) ring.prepNop(400 + i);
  expect(ring.inFlight).toBe(16);

  const seen = new Map<number, number>();
  ring.close((ud, res) => {
    expect(seen.has(ud)).toBe(false);
    seen.set(ud, res);
  });
  expect(ring.closed).toBe(true);
  expect(ring.inFlight).toBe(0);
  expect(seen.size).toBe(16);
  for (let i = 0; i < 8; i++) expect(seen.get(100 + i)).toBe(-ECANCELED);
  for (let i = 0; i < 4; i++) expect(seen.get(200 + i)).toBe(0);
  expect(seen.get(300)).toBe(8192);
  expect(fileBuf.every((b) => b === 0x33)).toBe(true);
  for (let i = 0; i < 3; i++) expect(seen.get(400 + i)).toBe(-ECANCELED);

  // The kernel is done with the FIFO buffers: new data neither lands in them nor disappears.
  writeSync(pipeFd, Buffer.from('after close'));
  const probe = openSync(fifo, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  const got = Buffer.alloc(64);
  expect(got.toString('utf8', 0, readSync(probe, got))).toBe('after close');
  for (const b of fifoBufs) expect(b.every((x) => x === 0xee)).toBe(true);
  closeSync(probe);
  closeSync(pipeFd);
  closeSync(fileFd);
});

test('close() is idempotent and every later call throws ERR_URING_CLOSED', () => {
  const ring = new Ring({ entries: 4 });
  ring.prepNop(1);
  ring.close();
  ring.close();
  expect(ring.fd).toBe(-1);
  expect(() => ring.prepNop(2)).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
  expect(() => ring.submit()).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
  expect(() => ring.reap(() => {})).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
});

test('close(cb) from inside a completion callback: reap stops, the rest of its batch and the work in flight go to cb', () => {
  const ring = new Ring({ entries: 16 });
  const pipeFd = openSync(fifo, 'r+');
  for (let i = 0; i < 4; i++) ring.prepNop(i);
  ring.prepRead(pipeFd, Buffer.alloc(8), -1, 50);
  ring.submit(4);
  const fromClose: Array<[number, number]> = [];
  const fromReap: number[] = [];
  ring.reap((ud) => {
    fromReap.push(ud);
    if (fromReap.length === 1) ring.close((cud, res) => fromClose.push([cud, res]));
  });
  expect(fromReap.length).toBe(1);
  expect(ring.closed).toBe(true);
  const all = [...fromReap, ...fromClose.map(([ud]) => ud)].sort((a, b) => a - b);
  expect(all).toEqual([0, 1, 2, 3, 50]);
  expect(fromClose.find(([ud]) => ud === 50)).toEqual([50, -ECANCELED]);
  closeSync(pipeFd);
});
