// A READ longer than INLINE_READ_MAX is never done inside io_uring_enter on the JS thread: it
// carries IOSQE_ASYNC, so io-wq copies it while the event loop runs (a 1 GiB readFile was one
// READ the kernel copied inline). Checked on the SQEs the Ring writes; results stay
// byte-identical to node:fs around the boundaries, and FileHandle.read still returns all the
// bytes of a cached file in one call, as node's one read(2) does.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { opcodes, sqeFlags } from '../lib/constants';
import * as fsp from '../lib/promises';
import { INLINE_READ_MAX } from '../lib/promises/engine';
import { FIRST_READ } from '../lib/promises/read-file-fast';
import { recordedSqes } from './helpers/recorded-sqes';
import { useTempDir } from './helpers/temp-dir';

jest.mock('../lib/sqe', () => jest.requireActual('./helpers/recorded-sqes').recordingSqeModule());
const mockSqes = recordedSqes;

const tmp = useTempDir();

/** The READs written since the last call, and whether each was left to run inline. */
function readsSince(): Array<{ len: number; inline: boolean }> {
  const reads = mockSqes.filter((s) => s.op === opcodes.READ).map((s) => ({ len: s.len, inline: (s.flags & sqeFlags.ASYNC) === 0 }));
  mockSqes.length = 0;
  return reads;
}

function inlineOverCap(reads: Array<{ len: number; inline: boolean }>): number[] {
  return reads.filter((r) => r.inline && r.len > INLINE_READ_MAX).map((r) => r.len);
}

function file(name: string, size: number): { path: string; data: Buffer } {
  const data = randomBytes(size);
  const path = tmp(name);
  fs.writeFileSync(path, data);
  return { path, data };
}

beforeAll(() => {
  expect(fsp.backend).toBe('io_uring');
});

const SIZES = [0, 1, FIRST_READ - 1, FIRST_READ, FIRST_READ + 1, INLINE_READ_MAX - 1, INLINE_READ_MAX, INLINE_READ_MAX + 1,
  FIRST_READ + INLINE_READ_MAX, FIRST_READ + INLINE_READ_MAX + 1, 512 * 1024, 512 * 1024 + 1, 3 * 1024 * 1024 + 7,
  // around and across the 4 MiB chunks readFile(path) reads the rest in
  FIRST_READ + 4 * 1024 * 1024 - 1, FIRST_READ + 4 * 1024 * 1024, FIRST_READ + 4 * 1024 * 1024 + 1, 9 * 1024 * 1024 + 3];

test('readFile(path) around the boundaries: the bytes of node:fs, and no READ over the cap inline', async () => {
  readsSince();
  for (const size of SIZES) {
    const { path, data } = file(`p${size}`, size);
    const got = await fsp.readFile(path);
    expect({ size, same: Buffer.compare(got, data) === 0 }).toEqual({ size, same: true });
    expect(await fsp.readFile(path, 'latin1')).toBe(data.toString('latin1'));
  }
  const reads = readsSince();
  expect(inlineOverCap(reads)).toEqual([]);
  expect(reads.some((r) => !r.inline)).toBe(true); // the large ones did go to the ring
});

test('FileHandle.readFile (node\'s 512 KiB loop) of 3 MiB: the bytes of node:fs, and no READ over the cap inline', async () => {
  const { path, data } = file('h', 3 * 1024 * 1024 + 7);
  readsSince();
  const fh = await fsp.open(path);
  try {
    expect(Buffer.compare(await fh.readFile(), data)).toBe(0);
  } finally {
    await fh.close();
  }
  expect(inlineOverCap(readsSince())).toEqual([]);
});

test('FileHandle.read of a 3 MiB buffer: one READ, off the loop, that returns every byte as node\'s read(2) does', async () => {
  const { path, data } = file('r', 3 * 1024 * 1024 + 7);
  for (const len of [INLINE_READ_MAX, INLINE_READ_MAX + 1, data.byteLength]) {
    const fh = await fsp.open(path);
    try {
      readsSince();
      const buf = Buffer.alloc(len);
      const { bytesRead } = await fh.read(buf, 0, len, null);
      expect({ len, bytesRead, same: buf.equals(data.subarray(0, len)) }).toEqual({ len, bytesRead: len, same: true });
      const reads = readsSince();
      expect(reads.map((r) => r.len)).toEqual([len]);
      expect(inlineOverCap(reads)).toEqual([]);
    } finally {
      await fh.close();
    }
  }
});
