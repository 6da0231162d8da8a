// FileHandle.read() lengths that are not an int32, which Node majors take differently (Node 24+
// truncates one to an int32 before checking it, 20 and 22 check it as given): uring reads or
// fails as the running node does. Only lengths no major aborts on (20 and 22 abort the process
// when a non-int32 reaches their binding, e.g. 2 ** 32, NaN or '5').
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

const LENGTHS: unknown[] = [-1.5, '1e1', '-3', '4294967298', -0, -2, 3];

type Api = typeof nodeFsp | typeof fsp;

async function reads(api: Api, dir: string, length: unknown): Promise<unknown[]> {
  const fh = await api.open(path.join(dir, 'f'), 'r');
  const text = (r: { bytesRead: number; buffer: Buffer }) => r.buffer.toString('latin1', 0, r.bytesRead);
  try {
    return [
      await outcome(async () => text(await fh.read(Buffer.alloc(8), 0, length as number, 0))),
      await outcome(async () => text(await fh.read(Buffer.alloc(8), { length: length as number, position: 0 }))),
      await outcome(async () => text(await fh.read({ buffer: Buffer.alloc(8), length: length as number, position: 0 }))),
    ];
  } finally {
    await fh.close();
  }
}

test.each(LENGTHS.map((l) => [JSON.stringify(l) ?? String(l), l]))('read(…, length %s) as the running node', async (_, length) => {
  expect(await reads(fsp, dirs.b, length)).toEqual(await reads(nodeFsp, dirs.a, length));
});
