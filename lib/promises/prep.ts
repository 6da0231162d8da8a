// Writes the SQE of one engine operation (ops.ts) into the ring, with `ud` as its userData;
// returns the Ring's id for the operation (what a CANCEL targets).
import { prepRwChecked, type Ring } from '../ring';
import { fsyncFlags, opcodes, sqeFlags } from '../constants';
import { liveByteLength } from '../views';
import { K, type Op } from './ops';
import { slots } from './slots';
import { AT_FDCWD } from '../linux';

const STATX_ALL = 0xfff;

/**
 * READs, WRITEs, READVs and WRITEVs of more bytes than this carry IOSQE_ASYNC: io-wq copies
 * them off the JS thread, where the kernel would copy page-cached data inside io_uring_enter
 * and stall the event loop (node's 512 KiB readFile/writeFile chunks too: chained through
 * inline completions, up to 256 per loop turn).
 */
export const INLINE_READ_MAX = 128 * 1024;

/** IOSQE_ASYNC when the views hold more than INLINE_READ_MAX bytes together. */
function vectoredFlags(views: ArrayBufferView[]): number {
  let total = 0;
  for (let i = 0; i < views.length; i++) {
    total += views[i].byteLength;
    if (total > INLINE_READ_MAX) return sqeFlags.ASYNC;
  }
  return 0;
}

/** A JobOp is the engine's to prep, step by step. */
export function prep(r: Ring, op: Exclude<Op, { kind: typeof K.JOB }>, ud: number): number {
  switch (op.kind) {
    // READ and WRITE come from io.ts with their arguments checked: the Ring's checked entry.
    case K.READ:
      if (liveByteLength(op.view) > INLINE_READ_MAX) return r.prepRead(op.fd, op.view, op.position, ud, sqeFlags.ASYNC);
      return prepRwChecked(r, opcodes.READ, op.fd, op.view, op.position, ud);
    case K.WRITE:
      if (liveByteLength(op.view) > INLINE_READ_MAX) return r.prepWrite(op.fd, op.view, op.position, ud, sqeFlags.ASYNC);
      return prepRwChecked(r, opcodes.WRITE, op.fd, op.view, op.position, ud);
    case K.READV: return r.prepReadv(op.fd, op.views, op.position, ud, vectoredFlags(op.views));
    case K.WRITEV: return r.prepWritev(op.fd, op.views, op.position, ud, vectoredFlags(op.views));
    case K.FSYNC: return r.prepFsync(op.fd, ud, 0);
    case K.FDATASYNC: return r.prepFsync(op.fd, ud, fsyncFlags.DATASYNC);
    case K.CLOSE: return r.prepClose(op.fd, ud);
    case K.FTRUNCATE: return r.prepFtruncate(op.fd, op.length, ud);
    case K.OPENAT: return r.prepOpenat(AT_FDCWD, op.path, op.flags, op.mode, ud);
    case K.STATX: return r.prepStatx(op.dirfd, op.path, op.flags, STATX_ALL, op.out, ud);
    case K.RENAMEAT: return r.prepRenameat(AT_FDCWD, op.from, AT_FDCWD, op.to, 0, ud);
    case K.LINKAT: return r.prepLinkat(AT_FDCWD, op.from, AT_FDCWD, op.to, 0, ud);
    case K.SYMLINKAT: return r.prepSymlinkat(op.from, AT_FDCWD, op.to, ud);
    case K.UNLINKAT: return r.prepUnlinkat(AT_FDCWD, op.path, op.flags, ud);
    case K.MKDIRAT: return r.prepMkdirat(AT_FDCWD, op.path, op.mode, ud);
    case K.CANCEL: return r.prepCancel(slots[op.target].ringId, ud);
  }
}
