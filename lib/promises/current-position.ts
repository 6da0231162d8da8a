// Operations at the current file position (offset -1) on a regular file, one at a time per
// descriptor. read(2) and write(2) hold the file's f_pos lock across the call; io_uring samples
// and stores f_pos without it, so two such operations in flight together (punted to io-wq, or
// O_DIRECT) could both use the same offset. The kernel takes that lock for regular files only
// (FMODE_ATOMIC_POS): pipes, sockets and ttys are not queued, so a read blocked on one never
// holds up the write that would unblock it. Positional operations never come here.
import { start } from './engine';
import { execute } from './fs-executor';
import { fstatRaw } from './fstat-raw';
import type { RwOp, RwvOp } from './ops';
import { S_IFMT, S_IFREG } from '../linux';

interface Lane {
  /** Settles when the last operation started or queued on the descriptor has settled. */
  tail: Promise<void>;
  /** Whether the descriptor is a regular file: asked only when operations overlap. */
  regular: Promise<boolean> | undefined;
}

// Descriptors with current-position operations in flight; an entry goes with its last operation,
// so a descriptor number reused after close starts afresh.
const lanes = new Map<number, Lane>();

// Descriptors opened with O_DIRECT. io_uring stores f_pos only for an operation that completes
// at once, not for one that completes later (as direct IO does), so current-position operations
// on them go to node:fs (read(2)/write(2) in libuv's pool), which keeps f_pos as node does.
const direct = new Set<number>();

export function openedDirect(fd: number): void {
  direct.add(fd);
}

export function closing(fd: number): void {
  direct.delete(fd);
}

/** Whether current-position operations on `fd` go to node:fs (then there is no ring operation to cancel). */
export function usesFs(fd: number): boolean {
  return direct.size > 0 && direct.has(fd);
}

/** Starts one READ, WRITE, READV or WRITEV at the current position (position -1); raw result. */
export function startCurrent(op: RwOp | RwvOp): Promise<number> {
  if (!usesFs(op.fd)) return start(op);
  return new Promise<number>((resolve) => execute(op, resolve));
}

function noop(): void {}

function isRegular(fd: number): Promise<boolean> {
  // Unknown (the statx failed): queue, which is always safe.
  return fstatRaw(fd).then((st) => ((st[7] & 0xffff) & S_IFMT) === S_IFREG, () => true);
}

/** Runs `op` (which starts one current-position operation) now, or after those before it on `fd`. */
export function atCurrentPosition<T>(fd: number, op: () => Promise<T>): Promise<T> {
  let lane = lanes.get(fd);
  let result: Promise<T>;
  if (lane === undefined) {
    result = op(); // nothing in flight: no wait and no statx
    lane = { tail: undefined as never, regular: undefined };
    lanes.set(fd, lane);
  } else {
    const before = lane.tail;
    lane.regular ??= isRegular(fd);
    result = lane.regular.then((regular) => (regular ? before.then(op) : op()));
  }
  const tail = result.then(noop, noop);
  const owner = lane;
  owner.tail = tail;
  tail.then(() => {
    if (owner.tail === tail && lanes.get(fd) === owner) lanes.delete(fd);
  });
  return result;
}
