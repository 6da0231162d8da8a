// FileHandle.read() positions other than null or an offset, which Node majors take differently
// (Node 20 reads at the current position, 22+ reads at a bigint and refuses the rest): uring
// reads and fails as the running node does, with the file position left where node leaves it.
import { writeFileSync } from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeAll(() => {
  dirs = twinDirs();
  for (const d of [dirs.a, dirs.b]) writeFileSync(path.join(d, 'f'), 'abcdefghijklmnopqrstuvwxyz');
});
afterAll(() => dirs.cleanup());

const POSITIONS: unknown[] = [5n, 20n, -1n, -2n, 2n ** 53n + 1n, 2n ** 60n, 2n ** 63n - 5n, 2n ** 63n,
  2 ** 53, 2 ** 63, NaN, 1.5, -2, 'x', true, -1, null, undefined];

type Api = typeof nodeFsp | typeof fsp;

/** A read at `position` after 3 bytes were read, in each of read()'s forms, then a read at the current position. */
async function reads(api: Api, dir: string, position: unknown): Promise<unknown[]> {
  const fh = await api.open(path.join(dir, 'f'), 'r');
  const text = (r: { bytesRead: number; buffer: Buffer }) => r.buffer.toString('latin1', 0, r.bytesRead);
  try {
    await fh.read(Buffer.alloc(3), 0, 3, null);
    return [
      await outcome(async () => text(await fh.read(Buffer.alloc(4), 0, 4, position as number))),
      await outcome(async () => text(await fh.read(Buffer.alloc(4), { position: position as number }))),
      await outcome(async () => text(await fh.read({ buffer: Buffer.alloc(4), position: position as number }))),
      await outcome(async () => text(await fh.read(Buffer.alloc(4), 0, 4, null))),
    ];
  } finally {
    await fh.close();
  }
}

test.each(POSITIONS.map((p) => [typeof p === 'bigint' ? `${p}n` : String(p), p]))('read(…, position %s) as the running node', async (_, position) => {
  expect(await reads(fsp, dirs.b, position)).toEqual(await reads(nodeFsp, dirs.a, position));
});
