// Reused buffers for path calls: the NUL-terminated path and the struct statx the kernel
// fills, in one buffer whose address is looked up once. A fresh Buffer per call cost an
// allocation, a native address lookup and a WeakMap entry each (8% of a stat storm, with GC).
import { PATH_ROOM, writePath } from './paths';
import { STATX_SIZE } from './stats';

/** Bytes [0, PATH_ROOM) hold the path, then the struct statx, then `extra` bytes for the caller. */
export class PathScratch {
  readonly raw: Buffer;
  readonly statx: Uint32Array;
  /** Set by the caller for its completion step. */
  bigint = false;
  syscall = '';
  direct = false;

  constructor(extra = 0) {
    this.raw = Buffer.allocUnsafeSlow(PATH_ROOM + STATX_SIZE + extra);
    this.statx = new Uint32Array(this.raw.buffer, this.raw.byteOffset + PATH_ROOM, STATX_SIZE / 4);
  }

  /** Writes `path` (NUL-terminated) and returns a view of it, or null when it does not fit. */
  path(path: string | Uint8Array): Uint8Array | null {
    const n = writePath(this.raw, path);
    return n < 0 ? null : this.raw.subarray(0, n + 1);
  }
}

/** Buffers kept for reuse, at most `kept` of them; give one back only once its operation has completed. */
export class Pool<T> {
  readonly #items: T[] = [];
  readonly #make: () => T;
  readonly #kept: number;

  constructor(make: () => T, kept: number) {
    this.#make = make;
    this.#kept = kept;
  }

  take(): T {
    return this.#items.pop() ?? this.#make();
  }

  give(item: T): void {
    if (this.#items.length < this.#kept) this.#items.push(item);
  }
}

const scratches = new Pool(() => new PathScratch(), 64);

export function takeScratch(): PathScratch {
  return scratches.take();
}

/** Only once the kernel (or node:fs) is done with it: its operation has completed. */
export function giveScratch(s: PathScratch): void {
  scratches.give(s);
}
