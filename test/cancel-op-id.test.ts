// Operation ids: small integers (no heap number per prep call) that prepCancel maps back to
// exactly one operation; the id of a finished operation does not cancel the one reusing its slot.
import cp from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { constants as os, tmpdir } from 'node:os';
import path from 'node:path';
import { Ring } from '../lib';

const { ECANCELED, ENOENT } = os.errno;

function withFifo(fn: (fd: number) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-opid-'));
  const fifo = path.join(dir, 'fifo');
  cp.execFileSync('mkfifo', [fifo]);
  const fd = openSync(fifo, 'r+'); // read-write: opening does not wait for a writer
  try {
    fn(fd);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function reapAll(ring: Ring): Map<number, number> {
  const res = new Map<number, number>();
  ring.reap((ud, r) => res.set(ud, r));
  return res;
}

test('op ids are integers below 2^30, distinct while in flight', () => {
  const ring = new Ring({ entries: 64 });
  try {
    const ids = new Set<number>();
    for (let i = 0; i < 64; i++) {
      const id = ring.prepNop(i);
      expect(Number.isInteger(id) && id >= 0 && id < 2 ** 30).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(64);
    ring.submit(64);
    expect(reapAll(ring).size).toBe(64);
  } finally {
    ring.close();
  }
});

test('prepCancel with an op id cancels that pending read', () => {
  withFifo((fd) => {
    const ring = new Ring({ entries: 8 });
    try {
      const buf = Buffer.alloc(8);
      const id = ring.prepRead(fd, buf, -1, 1); // an empty fifo: the read waits
      ring.submit();
      expect(ring.cqReady).toBe(0);
      ring.prepCancel(id, 2);
      ring.submit(2);
      const res = reapAll(ring);
      expect(res.get(1)).toBe(-ECANCELED);
      expect(res.get(2)).toBe(0);
    } finally {
      ring.close();
    }
  });
});

test('the id of a finished operation does not cancel the operation reusing its slot', () => {
  withFifo((fd) => {
    const ring = new Ring({ entries: 8 });
    try {
      const stale = ring.prepNop(1);
      ring.submit(1);
      expect(reapAll(ring).get(1)).toBe(0);
      const buf = Buffer.alloc(8);
      const live = ring.prepRead(fd, buf, -1, 2);
      expect(live % 2 ** 20).toBe(stale % 2 ** 20); // the freed slot is reused, one generation on
      expect(live).not.toBe(stale);
      ring.submit();
      ring.prepCancel(stale, 3);
      ring.submit(1);
      const res = reapAll(ring);
      expect(res.get(3)).toBe(-ENOENT);
      expect(res.has(2)).toBe(false);
      writeSync(fd, 'ok');
      ring.submit(1);
      expect(reapAll(ring).get(2)).toBe(2);
      expect(buf.subarray(0, 2).toString()).toBe('ok');
    } finally {
      ring.close();
    }
  });
});
