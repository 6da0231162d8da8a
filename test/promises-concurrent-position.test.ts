// Many concurrent writes and reads at the current position (position null) on one handle:
// the order is up to the scheduler, as with node:fs, but no chunk is lost, torn or duplicated.
import { readFileSync } from 'node:fs';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();
const N = 64;
const SIZE = 3000;

const chunk = (i: number): Buffer => Buffer.from(String(i).padStart(3, '0').repeat(SIZE / 3));

suite('concurrent IO at the current position', () => {
  test(`${N} concurrent write(chunk) calls: the file holds each chunk exactly once, untorn`, async () => {
    const file = tmp('writes.bin');
    const fh = await loadTarget().open(file, 'w+');
    try {
      const results = await Promise.all(Array.from({ length: N }, (_, i) => fh.write(chunk(i))));
      expect(results.every((r) => r.bytesWritten === SIZE)).toBe(true);
    } finally {
      await fh.close();
    }
    const data = readFileSync(file);
    expect(data.length).toBe(N * SIZE);
    const pieces = Array.from({ length: N }, (_, k) => data.subarray(k * SIZE, (k + 1) * SIZE).toString()).sort();
    expect(pieces).toEqual(Array.from({ length: N }, (_, i) => chunk(i).toString()).sort());
  });

  test(`${N} concurrent read(buffer, 0, ${SIZE}, null) calls: together they read the file exactly once`, async () => {
    const file = tmp('writes.bin');
    const fh = await loadTarget().open(file, 'r');
    try {
      const results = await Promise.all(Array.from({ length: N }, () => fh.read(Buffer.alloc(SIZE), 0, SIZE, null)));
      expect(results.every((r) => r.bytesRead === SIZE)).toBe(true);
      const pieces = results.map((r) => r.buffer.toString()).sort();
      expect(pieces).toEqual(Array.from({ length: N }, (_, i) => chunk(i).toString()).sort());
      expect((await fh.read(Buffer.alloc(1), 0, 1, null)).bytesRead).toBe(0);
    } finally {
      await fh.close();
    }
  });
});
