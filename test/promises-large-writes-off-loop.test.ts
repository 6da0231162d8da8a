// A WRITE, WRITEV or READV of more than INLINE_READ_MAX bytes is never done inside
// io_uring_enter on the JS thread (as READs already were not): it carries IOSQE_ASYNC, so
// io-wq copies it while the event loop runs. Checked on the SQEs the Ring writes; the bytes
// stay those node:fs writes and reads, and small ones still run inline.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { opcodes, sqeFlags } from '../lib/constants';
import * as fsp from '../lib/promises';
import { INLINE_READ_MAX } from '../lib/promises/engine';
import { recordedSqes } from './helpers/recorded-sqes';
import { useTempDir } from './helpers/temp-dir';

jest.mock('../lib/sqe', () => jest.requireActual('./helpers/recorded-sqes').recordingSqeModule());
const mockSqes = recordedSqes;

const tmp = useTempDir();

/** Whether each SQE of `opcode` written since the last call was left to run inline. */
function inlineSince(opcode: number): boolean[] {
  const got = mockSqes.filter((s) => s.op === opcode).map((s) => (s.flags & sqeFlags.ASYNC) === 0);
  mockSqes.length = 0;
  return got;
}

beforeAll(() => {
  expect(fsp.backend).toBe('io_uring');
});

const SIZES = [INLINE_READ_MAX - 1, INLINE_READ_MAX, INLINE_READ_MAX + 1, 3 * 1024 * 1024 + 7];

test('FileHandle.write: over the cap off the loop, up to it inline; the bytes written', async () => {
  for (const size of SIZES) {
    const data = randomBytes(size);
    const path = tmp(`w${size}`);
    const fh = await fsp.open(path, 'w');
    try {
      inlineSince(opcodes.WRITE);
      const { bytesWritten } = await fh.write(data, 0, size, 0);
      expect({ size, bytesWritten, inline: inlineSince(opcodes.WRITE) }).toEqual({ size, bytesWritten: size, inline: [size <= INLINE_READ_MAX] });
    } finally {
      await fh.close();
    }
    expect(fs.readFileSync(path).equals(data)).toBe(true);
  }
});

test('writeFile of 3 MiB (512 KiB chunks at the current position): every WRITE off the loop, the bytes of node:fs', async () => {
  const data = randomBytes(3 * 1024 * 1024 + 7);
  const path = tmp('wf');
  mockSqes.length = 0;
  await fsp.writeFile(path, data);
  const writes = mockSqes.filter((s) => s.op === opcodes.WRITE);
  expect(writes.length).toBeGreaterThan(0);
  // The last chunk (7 bytes) stays inline; none over the cap does.
  expect(writes.filter((w) => (w.flags & sqeFlags.ASYNC) === 0 && w.len > INLINE_READ_MAX).map((w) => w.len)).toEqual([]);
  expect(writes.some((w) => (w.flags & sqeFlags.ASYNC) !== 0)).toBe(true);
  expect(fs.readFileSync(path).equals(data)).toBe(true);
});

test('writev and readv: by their total length, off the loop over the cap, inline up to it; the bytes round-trip', async () => {
  for (const size of SIZES) {
    const data = randomBytes(size);
    const half = size >> 1;
    const path = tmp(`v${size}`);
    const fh = await fsp.open(path, 'w+');
    try {
      inlineSince(opcodes.WRITEV);
      const { bytesWritten } = await fh.writev([data.subarray(0, half), data.subarray(half)], 0);
      const writevInline = inlineSince(opcodes.WRITEV);
      const back = [Buffer.alloc(half), Buffer.alloc(size - half)];
      const { bytesRead } = await fh.readv(back, 0);
      const readvInline = inlineSince(opcodes.READV);
      const inline = size <= INLINE_READ_MAX;
      expect({ size, bytesWritten, bytesRead, same: Buffer.concat(back).equals(data), writevInline, readvInline })
        .toEqual({ size, bytesWritten: size, bytesRead: size, same: true, writevInline: [inline], readvInline: [inline] });
    } finally {
      await fh.close();
    }
  }
});

test('writev of many small buffers that add up to over the cap: off the loop', async () => {
  const bufs = Array.from({ length: 64 }, () => randomBytes(4096)); // 256 KiB
  const fh = await fsp.open(tmp('many'), 'w');
  try {
    inlineSince(opcodes.WRITEV);
    await fh.writev(bufs, 0);
    expect(inlineSince(opcodes.WRITEV)).toEqual([false]);
  } finally {
    await fh.close();
  }
  expect(fs.readFileSync(tmp('many')).equals(Buffer.concat(bufs))).toBe(true);
});
