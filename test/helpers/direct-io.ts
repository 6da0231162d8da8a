// O_DIRECT in tests: whether the temp folder's filesystem takes it, and memory aligned for it
// found through node:fs alone (a direct write fails with EINVAL while the memory is unaligned).
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const O_DIRECT_RW = fs.constants.O_RDWR | fs.constants.O_DIRECT;
const PAGE = 4096;

/** Whether the temp folder's filesystem takes O_DIRECT (tmpfs refuses it). */
export function directSupported(): boolean {
  const probe = fs.mkdtempSync(path.join(tmpdir(), 'uring-direct-'));
  try {
    fs.closeSync(fs.openSync(path.join(probe, 'f'), fs.constants.O_CREAT | O_DIRECT_RW));
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

/** `size` bytes (a multiple of 4096) aligned for O_DIRECT on `file`, which the probe extends by a page past `size`. */
export function directMemory(file: string, size: number): Buffer {
  const big = Buffer.alloc(size + PAGE);
  const fd = fs.openSync(file, O_DIRECT_RW);
  try {
    for (let off = 0; off < PAGE; off += 8) {
      try {
        fs.writeSync(fd, big, off, PAGE, size);
        return big.subarray(off, off + size);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  throw new Error('no aligned offset found');
}
