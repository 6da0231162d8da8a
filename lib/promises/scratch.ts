// Reused buffers for path calls: the NUL-terminated path and the struct statx the kernel
// fills, in one buffer whose address is looked up once. A fresh Buffer per call cost an
// allocation, a native address lookup and a WeakMap entry each (8% of a stat storm, with GC).
import { PATH_ROOM, writePath } from './paths';
import { STATX_SIZE } from './stats';

export class PathScratch {
  readonly raw = Buffer.allocUnsafeSlow(PATH_ROOM + STATX_SIZE);
  readonly statx = new Uint32Array(this.raw.buffer, this.raw.byteOffset + PATH_ROOM, STATX_SIZE / 4);
  /** Set by the caller for its completion step. */
  bigint = false;
  syscall = '';

  /** Writes `path` (absolute, NUL-terminated) and returns a view of it, or null when it does not fit. */
  path(path: string | Uint8Array): Uint8Array | null {
    const n = writePath(this.raw, path);
    return n < 0 ? null : this.raw.subarray(0, n + 1);
  }
}

const pool: PathScratch[] = [];
const KEPT = 64;

export function takeScratch(): PathScratch {
  return pool.pop() ?? new PathScratch();
}

/** Only once the kernel (or node:fs) is done with it: its operation has completed. */
export function giveScratch(s: PathScratch): void {
  if (pool.length < KEPT) pool.push(s);
}
