// The Ring's path builders (ops-path): open, statx, rename, link, symlink, unlink, mkdir, one line each.
import { opcodes } from '../constants';
import type { RingPath } from '../ring';
import { prepMkdirat, prepOpenat, prepOpenat2, prepOpenatDirect, prepStatx, prepSymlinkat, prepTwoPaths, prepUnlinkat } from './ops-path';
import { RingFileMethods } from './ring-file-methods';
import { coreOf } from './ring-state';

/** The path operations of a Ring (see Ring). */
export abstract class RingPathMethods extends RingFileMethods {
  /**
   * OPENAT (io_uring_prep_openat; Linux 5.6+) of `path` (a string, a file: URL or a NUL-terminated buffer, copied
   * at prep) relative to `dirfd` (AT_FDCWD = -100: the working directory); `openFlags` O_* and `mode` as open(2).
   * res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenat(dirfd: number, path: RingPath, openFlags: number, mode: number, userData: number, sqeFlags?: number): number {
    return prepOpenat(coreOf(this), dirfd, path, openFlags, mode, userData, sqeFlags);
  }

  /**
   * OPENAT into the registered file table (a direct descriptor, io_uring_prep_openat_direct; Linux 5.15+):
   * the file lands in slot `fileIndex` (replacing whatever was there) instead of the process's
   * fd table, and later SQEs use it with IOSQE_FIXED_FILE and `fileIndex` as their fd. The CQE
   * result is 0 on success. A READ linked after it (IOSQE_IO_LINK) sees the new file only on
   * kernels with IORING_FEAT_LINKED_FILE (5.17+). Needs registerFiles() first. `path` as prepOpenat.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenatDirect(dirfd: number, path: RingPath, openFlags: number, mode: number, fileIndex: number, userData: number, sqeFlags?: number): number {
    return prepOpenatDirect(coreOf(this), dirfd, path, openFlags, mode, fileIndex, userData, sqeFlags);
  }

  /**
   * OPENAT2 (io_uring_prep_openat2; Linux 5.6+) of `path` (as prepOpenat) relative to `dirfd`, with
   * `how` = { flags (O_*), mode, resolve (constants.resolveFlags: BENEATH, IN_ROOT, NO_SYMLINKS...) }, each
   * defaulting to 0, as openat2(2)'s struct open_how (built here and pinned until the CQE). res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepOpenat2(dirfd: number, path: RingPath, how: { flags?: number; mode?: number; resolve?: number }, userData: number, sqeFlags?: number): number {
    return prepOpenat2(coreOf(this), dirfd, path, how, userData, sqeFlags);
  }

  /**
   * STATX (io_uring_prep_statx; Linux 5.6+) of `path` (as prepOpenat) relative to `dirfd`, into `statxBuffer`
   * (a struct statx: at least 256 bytes, pinned until the CQE); `statxFlags` AT_* and `mask` STATX_* as statx(2).
   * res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepStatx(dirfd: number, path: RingPath, statxFlags: number, mask: number, statxBuffer: ArrayBufferView, userData: number, sqeFlags?: number): number {
    return prepStatx(coreOf(this), dirfd, path, statxFlags, mask, statxBuffer, userData, sqeFlags);
  }

  /**
   * RENAMEAT (io_uring_prep_renameat; Linux 5.11+) of `oldpath` (relative to `olddirfd`) to `newpath` (relative
   * to `newdirfd`); paths as prepOpenat; `renameFlags` RENAME_* as renameat2(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepRenameat(olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, renameFlags: number, userData: number, sqeFlags?: number): number {
    return prepTwoPaths(coreOf(this), opcodes.RENAMEAT, olddirfd, oldpath, newdirfd, newpath, renameFlags, userData, sqeFlags);
  }

  /**
   * LINKAT (io_uring_prep_linkat; Linux 5.15+): a hard link `newpath` (relative to `newdirfd`) to `oldpath`
   * (relative to `olddirfd`); paths as prepOpenat; `linkFlags` AT_SYMLINK_FOLLOW as linkat(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepLinkat(olddirfd: number, oldpath: RingPath, newdirfd: number, newpath: RingPath, linkFlags: number, userData: number, sqeFlags?: number): number {
    return prepTwoPaths(coreOf(this), opcodes.LINKAT, olddirfd, oldpath, newdirfd, newpath, linkFlags, userData, sqeFlags);
  }

  /**
   * SYMLINKAT (io_uring_prep_symlinkat; Linux 5.15+): a symbolic link `linkpath` (relative to `newdirfd`)
   * whose content is `target`; paths as prepOpenat. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSymlinkat(target: RingPath, newdirfd: number, linkpath: RingPath, userData: number, sqeFlags?: number): number {
    return prepSymlinkat(coreOf(this), target, newdirfd, linkpath, userData, sqeFlags);
  }

  /**
   * UNLINKAT (io_uring_prep_unlinkat; Linux 5.11+) of `path` (as prepOpenat) relative to `dirfd`;
   * `unlinkFlags` AT_REMOVEDIR (0x200) removes a directory. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepUnlinkat(dirfd: number, path: RingPath, unlinkFlags: number, userData: number, sqeFlags?: number): number {
    return prepUnlinkat(coreOf(this), dirfd, path, unlinkFlags, userData, sqeFlags);
  }

  /**
   * MKDIRAT (io_uring_prep_mkdirat; Linux 5.15+) of `path` (as prepOpenat) relative to `dirfd`, with `mode`
   * (0..0o7777, before the umask). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepMkdirat(dirfd: number, path: RingPath, mode: number, userData: number, sqeFlags?: number): number {
    return prepMkdirat(coreOf(this), dirfd, path, mode, userData, sqeFlags);
  }
}
