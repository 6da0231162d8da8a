// Runs one queued ring operation through node:fs instead: used when a ring can no longer be
// had (credentials changed to a user io_uring refuses) with operations already queued, and for
// current-position IO on O_DIRECT descriptors.
import { fs } from '../node-fs';
import type * as NodeFs from 'node:fs';
import { K, type Op } from './ops';
import { writeStatx } from './stats';

const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_EMPTY_PATH = 0x1000;
const AT_REMOVEDIR = 0x200;

type Done = (res: number) => void;
// node's typings want a concrete TypedArray or DataView; every ArrayBufferView is one.
type View = NodeJS.ArrayBufferView;

function pathOf(nulTerminated: Uint8Array): Buffer {
  return Buffer.from(nulTerminated.buffer, nulTerminated.byteOffset, nulTerminated.byteLength - 1);
}

function pos(p: number): number | null {
  return p === -1 ? null : p;
}

function cb(done: Done): (err: NodeJS.ErrnoException | null, value?: unknown) => void {
  return (err, value) => done(err ? (err.errno ?? -5) : typeof value === 'number' ? value : 0);
}

/** The operation's node:fs equivalent; `done` gets res >= 0 or -errno, as from its CQE. */
export function execute(op: Exclude<Op, { kind: typeof K.JOB | typeof K.CANCEL }>, done: Done): void {
  switch (op.kind) {
    case K.READ: fs.read(op.fd, op.view as View, 0, op.view.byteLength, pos(op.position), cb(done)); return;
    case K.WRITE: fs.write(op.fd, op.view as View, 0, op.view.byteLength, pos(op.position), cb(done)); return;
    case K.READV: fs.readv(op.fd, op.views as View[], pos(op.position), cb(done)); return;
    case K.WRITEV: fs.writev(op.fd, op.views as View[], pos(op.position), cb(done)); return;
    case K.FSYNC: fs.fsync(op.fd, cb(done)); return;
    case K.FDATASYNC: fs.fdatasync(op.fd, cb(done)); return;
    case K.CLOSE: fs.close(op.fd, cb(done)); return;
    case K.FTRUNCATE: fs.ftruncate(op.fd, op.length, cb(done)); return;
    case K.OPENAT: fs.open(pathOf(op.path), op.flags, op.mode, cb(done)); return;
    case K.STATX: {
      const got = (err: NodeJS.ErrnoException | null, st?: NodeFs.BigIntStats) => {
        if (err) return done(err.errno ?? -5);
        writeStatx(op.out, st!);
        done(0);
      };
      if ((op.flags & AT_EMPTY_PATH) !== 0 && op.path.byteLength === 1) fs.fstat(op.dirfd, { bigint: true }, got);
      else if ((op.flags & AT_SYMLINK_NOFOLLOW) !== 0) fs.lstat(pathOf(op.path), { bigint: true }, got);
      else fs.stat(pathOf(op.path), { bigint: true }, got);
      return;
    }
    case K.RENAMEAT: fs.rename(pathOf(op.from), pathOf(op.to), cb(done)); return;
    case K.LINKAT: fs.link(pathOf(op.from), pathOf(op.to), cb(done)); return;
    case K.SYMLINKAT: fs.symlink(pathOf(op.from), pathOf(op.to), cb(done)); return;
    case K.UNLINKAT: if ((op.flags & AT_REMOVEDIR) !== 0) fs.rmdir(pathOf(op.path), cb(done)); else fs.unlink(pathOf(op.path), cb(done)); return;
    case K.MKDIRAT: fs.mkdir(pathOf(op.path), { mode: op.mode }, cb(done)); return;
  }
}
