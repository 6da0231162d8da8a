// The kinds of operation the promises engine queues, shared by the engine and the node:fs executor.

/** Operation kinds; the arguments a..e of each are listed next to it. */
export const K = Object.freeze({
  READ: 0, // fd, view, position
  WRITE: 1, // fd, view, position
  READV: 2, // fd, views, position
  WRITEV: 3, // fd, views, position
  FSYNC: 4, // fd
  FDATASYNC: 5, // fd
  OPENAT: 6, // path, flags, mode
  CLOSE: 7, // fd
  STATX: 8, // dirfd, path, flags, out (256 bytes)
  RENAMEAT: 9, // oldpath, newpath
  LINKAT: 10, // oldpath, newpath
  SYMLINKAT: 11, // target, linkpath
  UNLINKAT: 12, // path, flags
  MKDIRAT: 13, // path, mode
  FTRUNCATE: 14, // fd, length
  CANCEL: 15, // target id, its generation
  JOB: 16, // a Job (engine.ts): several SQEs and steps behind one promise
} as const);
