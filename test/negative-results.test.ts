// Kernel errors of an operation come back as a negative res, never as a throw.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { constants as os } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ring } from '../lib';

const { EBADF, EISDIR, ENOENT } = os.errno;

test('EBADF, EISDIR and ENOENT arrive as -errno', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-neg-'));
  const ring = new Ring({ entries: 8 });
  const file = path.join(dir, 'ro');
  writeFileSync(file, 'data');
  const ro = openSync(file, 'r');
  const dfd = openSync(dir, 'r');
  try {
    const buf = Buffer.alloc(16);
    ring.prepRead(987654, buf, 0, 1); // not an open fd
    ring.prepWrite(ro, buf, 0, 2); // opened read-only
    ring.prepRead(dfd, buf, 0, 3); // a directory
    ring.prepOpenat(-100, Buffer.from(path.join(dir, 'missing') + '\0'), 0, 0, 4);
    ring.prepFsync(ro, 5, 0);
    ring.prepCancel(2 ** 40, 6); // no such operation
    ring.submit(6);
    const res = new Map<number, number>();
    ring.reap((ud, r) => res.set(ud, r));
    expect(res.get(1)).toBe(-EBADF);
    expect(res.get(2)).toBe(-EBADF);
    expect(res.get(3)).toBe(-EISDIR);
    expect(res.get(4)).toBe(-ENOENT);
    expect(res.get(5)).toBe(0);
    expect(res.get(6)).toBe(-ENOENT);
  } finally {
    closeSync(ro);
    closeSync(dfd);
    ring.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
