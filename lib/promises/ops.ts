// The operations the promises engine queues, shared by the engine (prep.ts writes their SQEs)
// and the node:fs executor: one record per call, discriminated by `kind`.
import type { Ring } from '../ring';

/** Operation kinds. */
export const K = Object.freeze({
  READ: 0,
  WRITE: 1,
  READV: 2,
  WRITEV: 3,
  FSYNC: 4,
  FDATASYNC: 5,
  OPENAT: 6,
  CLOSE: 7,
  STATX: 8,
  RENAMEAT: 9,
  LINKAT: 10,
  SYMLINKAT: 11,
  UNLINKAT: 12,
  MKDIRAT: 13,
  FTRUNCATE: 14,
  CANCEL: 15,
  JOB: 16,
} as const);

type Kinds = typeof K;

/** READ or WRITE of `view` at `position` (-1: the current position). */
export interface RwOp {
  kind: Kinds['READ'] | Kinds['WRITE'];
  fd: number;
  view: ArrayBufferView;
  position: number;
}

/** READV or WRITEV of `views` at `position` (-1: the current position). */
export interface RwvOp {
  kind: Kinds['READV'] | Kinds['WRITEV'];
  fd: number;
  views: ArrayBufferView[];
  position: number;
}

/** FSYNC, FDATASYNC or CLOSE of `fd`. */
export interface FdOp {
  kind: Kinds['FSYNC'] | Kinds['FDATASYNC'] | Kinds['CLOSE'];
  fd: number;
}

export interface FtruncateOp {
  kind: Kinds['FTRUNCATE'];
  fd: number;
  length: number;
}

/** OPENAT relative to the working directory; paths here and below are NUL-terminated bytes. */
export interface OpenOp {
  kind: Kinds['OPENAT'];
  path: Uint8Array;
  flags: number;
  mode: number;
}

/** STATX of `path` relative to `dirfd` (or of `dirfd` itself: AT_EMPTY_PATH and an empty path) into `out`. */
export interface StatxOp {
  kind: Kinds['STATX'];
  dirfd: number;
  path: Uint8Array;
  flags: number;
  out: Uint32Array;
}

/** RENAMEAT, LINKAT or SYMLINKAT (`from` is then the target, stored verbatim). */
export interface TwoPathOp {
  kind: Kinds['RENAMEAT'] | Kinds['LINKAT'] | Kinds['SYMLINKAT'];
  from: Uint8Array;
  to: Uint8Array;
}

/** UNLINKAT (flags: AT_REMOVEDIR for rmdir). */
export interface UnlinkOp {
  kind: Kinds['UNLINKAT'];
  path: Uint8Array;
  flags: number;
}

export interface MkdirOp {
  kind: Kinds['MKDIRAT'];
  path: Uint8Array;
  mode: number;
}

/** ASYNC_CANCEL of the engine's operation `target`, if it still has generation `gen`. */
export interface CancelOp {
  kind: Kinds['CANCEL'];
  target: number;
  gen: number;
}

/**
 * An operation of several SQEs and steps (readFile's open + read + close), settled through one
 * promise. Each step is queued like an operation: when the SQ has room for `sqes` entries,
 * `prep` writes them, each with userData `ud + sub * 2^32` (sub >= 1 names the SQE within the
 * job); each CQE goes to `cqe`. The job then calls jobAgain (queue its next step), or
 * jobResolve / jobReject. `fallback` runs it on node:fs when no ring is left.
 */
export interface Job {
  /** SQEs the next step needs (at most 4). */
  sqes: number;
  /** Prepares the step's SQEs and returns how many (0 when the job settled itself instead). */
  prep(r: Ring, ud: number): number;
  cqe(r: Ring, sub: number, res: number): void;
  fallback(): Promise<unknown>;
}

/** userData of a job's SQE: its id + sub * JOB_SUB. */
export const JOB_SUB = 4294967296;

export interface JobOp {
  kind: Kinds['JOB'];
  job: Job;
}

/** One SQE's worth of work (a JobOp: several, step by step). Once started, the engine owns it. */
export type Op = RwOp | RwvOp | FdOp | FtruncateOp | OpenOp | StatxOp | TwoPathOp | UnlinkOp | MkdirOp | CancelOp | JobOp;

// Released READ/WRITE records, reused: the callback face's reads and writes then allocate nothing.
const rwFree: RwOp[] = [];
let rwFreeTop = 0;
const RW_KEPT = 256;
const NO_VIEW = new Uint8Array(0);

/** A READ or WRITE record, reused when one is free. */
export function rwOp(kind: RwOp['kind'], fd: number, view: ArrayBufferView, position: number): RwOp {
  if (rwFreeTop === 0) return { kind, fd, view, position };
  const op = rwFree[--rwFreeTop];
  op.kind = kind;
  op.fd = fd;
  op.view = view;
  op.position = position;
  return op;
}

/** The engine is done with `op` (its operation settled): a READ/WRITE record may serve another. */
export function recycle(op: Op): void {
  if ((op.kind === K.READ || op.kind === K.WRITE) && rwFreeTop < RW_KEPT) {
    op.view = NO_VIEW; // keeps no caller's buffer alive
    rwFree[rwFreeTop++] = op;
  }
}
