// Runs one queued ring operation through node:fs instead: used when a ring can no longer be
// had (credentials changed to a user io_uring refuses) with operations already queued.
import { fs } from '../node-fs';
import type * as NodeFs from 'node:fs';
import { K } from './kinds';
import { writeStatx } from './stats';

const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_EMPTY_PATH = 0x1000;
const AT_REMOVEDIR = 0x200;

type Done = (res: number) => void;

function pathOf(nulTerminated: unknown): Buffer {
  const b = nulTerminated as Uint8Array;
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength - 1);
}

function pos(p: unknown): number | bigint | null {
  return p === -1 || p === -1n ? null : (p as number | bigint);
}

function cb(done: Done): (err: NodeJS.ErrnoException | null, value?: unknown) => void {
  return (err, value) => done(err ? (err.errno ?? -5) : typeof value === 'number' ? value : 0);
}

/** Same kinds and arguments as engine.start(); `done` gets res >= 0 or -errno. */
export function execute(kind: number, a: unknown, b: unknown, c: unknown, d: unknown, done: Done): void {
  const fd = a as number;
  switch (kind) {
    case K.READ: { const v = b as NodeJS.ArrayBufferView; fs.read(fd, v, 0, v.byteLength, pos(c), cb(done)); return; }
    case K.WRITE: { const v = b as NodeJS.ArrayBufferView; fs.write(fd, v, 0, v.byteLength, pos(c) as number, cb(done)); return; }
    case K.READV: fs.readv(fd, b as NodeJS.ArrayBufferView[], pos(c) as number, cb(done)); return;
    case K.WRITEV: fs.writev(fd, b as NodeJS.ArrayBufferView[], pos(c) as number, cb(done)); return;
    case K.FSYNC: fs.fsync(fd, cb(done)); return;
    case K.FDATASYNC: fs.fdatasync(fd, cb(done)); return;
    case K.OPENAT: fs.open(pathOf(a), b as number, c as number, cb(done)); return;
    case K.CLOSE: fs.close(fd, cb(done)); return;
    case K.STATX: {
      const flags = c as number;
      const got = (err: NodeJS.ErrnoException | null, st?: NodeFs.BigIntStats) => {
        if (err) return done(err.errno ?? -5);
        writeStatx(d as Uint8Array, st!);
        done(0);
      };
      if ((flags & AT_EMPTY_PATH) !== 0 && (b as Uint8Array).byteLength === 1) fs.fstat(fd, { bigint: true }, got);
      else if ((flags & AT_SYMLINK_NOFOLLOW) !== 0) fs.lstat(pathOf(b), { bigint: true }, got);
      else fs.stat(pathOf(b), { bigint: true }, got);
      return;
    }
    case K.RENAMEAT: fs.rename(pathOf(a), pathOf(b), cb(done)); return;
    case K.LINKAT: fs.link(pathOf(a), pathOf(b), cb(done)); return;
    case K.SYMLINKAT: fs.symlink(pathOf(a), pathOf(b), cb(done)); return;
    case K.UNLINKAT: if (((b as number) & AT_REMOVEDIR) !== 0) fs.rmdir(pathOf(a), cb(done)); else fs.unlink(pathOf(a), cb(done)); return;
    case K.MKDIRAT: fs.mkdir(pathOf(a), { mode: b as number }, cb(done)); return;
    case K.FTRUNCATE: fs.ftruncate(fd, Number(b), cb(done)); return;
    default: done(0);
  }
}
