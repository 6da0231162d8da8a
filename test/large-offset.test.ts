// Offsets above 4 GiB reach the kernel intact, given as number or bigint.
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ring } from '../lib';

test('write and read a sparse file at 5 GiB + 123', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-big-'));
  const ring = new Ring({ entries: 4 });
  const fd = openSync(path.join(dir, 'sparse'), 'w+');
  try {
    const at = 5 * 2 ** 30 + 123;
    ring.prepWrite(fd, Buffer.from('far away'), at, 1);
    ring.submit(1);
    ring.reap((_, res) => expect(res).toBe(8));
    expect(fstatSync(fd).size).toBe(at + 8);
    const check = Buffer.alloc(8);
    expect(readSync(fd, check, 0, 8, at)).toBe(8);
    expect(check.toString()).toBe('far away');

    const back = Buffer.alloc(8);
    ring.prepRead(fd, back, BigInt(at) + 4n, 2);
    ring.submit(1);
    ring.reap((_, res) => expect(res).toBe(4));
    expect(back.subarray(0, 4).toString()).toBe('away');
  } finally {
    closeSync(fd);
    ring.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
