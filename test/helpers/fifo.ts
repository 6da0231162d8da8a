// A FIFO opened read-write (opening does not wait for a writer): a read on it waits until
// someone writes, which is what tests of timeouts, polls and cancels need.
import cp from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function withFifo<T>(fn: (fd: number) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-fifo-'));
  const fifo = path.join(dir, 'fifo');
  cp.execFileSync('mkfifo', [fifo]);
  const fd = openSync(fifo, 'r+');
  try {
    return fn(fd);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
