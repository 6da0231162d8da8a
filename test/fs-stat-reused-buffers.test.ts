// uring/fs's stat, lstat and fstat reuse their struct statx buffers: many stats in flight at once,
// failing ones among them, each still gets its own file's figures.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ufs from '../lib/fs';

type StatFn = (p: string, cb: (err: NodeJS.ErrnoException | null, s?: { size: number; ino: number }) => void) => void;

test('200 concurrent stats of files of different sizes, with ENOENTs between them, each get their own file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-stat-reuse-'));
  try {
    const files = Array.from({ length: 100 }, (_, i) => {
      const file = path.join(dir, `f${i}`);
      writeFileSync(file, Buffer.alloc(i * 37));
      return file;
    });
    const fd = openSync(files[99], 'r');
    const calls: Array<Promise<[string, number | string, number | undefined]>> = [];
    for (let round = 0; round < 2; round++) {
      files.forEach((file, i) => {
        const fn = (i % 2 === 0 ? ufs.stat : ufs.lstat) as unknown as StatFn;
        const missing = i % 10 === 5 ? `${file}.missing` : file;
        calls.push(new Promise((resolve) => fn(missing, (err, s) => resolve([missing, err ? err.code! : s!.size, s?.ino]))));
      });
      calls.push(new Promise((resolve) => ufs.fstat(fd, (err, s) => resolve(['fd', err ? err.code! : s.size, s?.ino]))));
    }
    const got = await Promise.all(calls);
    closeSync(fd);
    const want = got.map(([p]) => {
      const file = p === 'fd' ? files[99] : p;
      if (file.endsWith('.missing')) return [p, 'ENOENT', undefined];
      const s = statSync(file);
      return [p, s.size, s.ino];
    });
    expect(got).toEqual(want);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
