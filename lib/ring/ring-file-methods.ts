// The Ring's file builders (ops-file, ops-fixed, ops-file-range, ops-splice): reads, writes,
// sync, close, truncate, fixed buffers, fallocate/fadvise and splice/tee, one line each.
import { opcodes } from '../constants';
import { prepClose, prepCloseDirect, prepFsync, prepFtruncate, prepRw, prepRwv } from './ops-file';
import { prepFadvise, prepFallocate, prepSyncFileRange } from './ops-file-range';
import { prepRwFixed } from './ops-fixed';
import { prepSplice, prepTee } from './ops-splice';
import { RingControlMethods } from './ring-control-methods';
import { coreOf } from './ring-state';

/** The file operations of a Ring (see Ring). */
export abstract class RingFileMethods extends RingControlMethods {
  /**
   * READ into `buffer` (io_uring_prep_read; Linux 5.6+) at byte offset `position` (-1: the file's current position,
   * which it advances). res: bytes read, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepRead(fd: number, buffer: ArrayBufferView, position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRw(coreOf(this), opcodes.READ, fd, buffer, position, userData, sqeFlags);
  }

  /**
   * WRITE of `buffer` (io_uring_prep_write; Linux 5.6+) at byte offset `position` (-1: the file's current position,
   * which it advances). res: bytes written, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWrite(fd: number, buffer: ArrayBufferView, position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRw(coreOf(this), opcodes.WRITE, fd, buffer, position, userData, sqeFlags);
  }

  /**
   * READV into `buffers` (io_uring_prep_readv; Linux 5.1+; at most IOV_MAX = 1024 of them) at byte offset
   * `position` (-1: the current position). res: bytes read, or -errno. Buffers and iovecs stay pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepReadv(fd: number, buffers: ArrayBufferView[], position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRwv(coreOf(this), opcodes.READV, fd, buffers, position, userData, sqeFlags);
  }

  /**
   * WRITEV of `buffers` (io_uring_prep_writev; Linux 5.1+; at most IOV_MAX = 1024 of them) at byte offset
   * `position` (-1: the current position). res: bytes written, or -errno. Buffers and iovecs stay pinned until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWritev(fd: number, buffers: ArrayBufferView[], position: number | bigint, userData: number, sqeFlags?: number): number {
    return prepRwv(coreOf(this), opcodes.WRITEV, fd, buffers, position, userData, sqeFlags);
  }

  /**
   * FSYNC (io_uring_prep_fsync; Linux 5.1+); `fsyncFlags` constants.fsyncFlags.DATASYNC makes it fdatasync. res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFsync(fd: number, userData: number, fsyncFlags?: number, sqeFlags?: number): number {
    return prepFsync(coreOf(this), fd, userData, fsyncFlags, sqeFlags);
  }

  /**
   * CLOSE of `fd` (io_uring_prep_close; Linux 5.6+). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepClose(fd: number, userData: number, sqeFlags?: number): number {
    return prepClose(coreOf(this), fd, userData, sqeFlags);
  }

  /**
   * CLOSE of the direct descriptor in slot `fileIndex` of the registered file table (io_uring_prep_close_direct;
   * Linux 5.15+). res: 0 or -errno. IOSQE_FIXED_FILE is refused: the slot is `fileIndex`.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepCloseDirect(fileIndex: number, userData: number, sqeFlags?: number): number {
    return prepCloseDirect(coreOf(this), fileIndex, userData, sqeFlags);
  }

  /**
   * FTRUNCATE of `fd` to `length` bytes (io_uring_prep_ftruncate; Linux 6.9+: check
   * supports(constants.opcodes.FTRUNCATE)). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFtruncate(fd: number, length: number | bigint, userData: number, sqeFlags?: number): number {
    return prepFtruncate(coreOf(this), fd, length, userData, sqeFlags);
  }

  /**
   * READ_FIXED (io_uring_prep_read_fixed; Linux 5.1+) into `buffer`, which must lie inside registered buffer
   * `bufIndex` (registerBuffers(); a subarray of it, or the whole of it), at byte offset `position` (-1: the current
   * position). res: bytes read, or -errno. The kernel uses the pages pinned at registration: no per-op mapping.
   * `buffer` and the registered buffer stay referenced until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepReadFixed(fd: number, buffer: ArrayBufferView, position: number | bigint, bufIndex: number, userData: number, sqeFlags?: number): number {
    return prepRwFixed(coreOf(this), opcodes.READ_FIXED, fd, buffer, position, bufIndex, userData, sqeFlags);
  }

  /**
   * WRITE_FIXED (io_uring_prep_write_fixed; Linux 5.1+) of `buffer`, which must lie inside registered buffer
   * `bufIndex`, at byte offset `position` (-1: the current position). res: bytes written, or -errno.
   * `buffer` and the registered buffer stay referenced until the CQE.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepWriteFixed(fd: number, buffer: ArrayBufferView, position: number | bigint, bufIndex: number, userData: number, sqeFlags?: number): number {
    return prepRwFixed(coreOf(this), opcodes.WRITE_FIXED, fd, buffer, position, bufIndex, userData, sqeFlags);
  }

  /**
   * FALLOCATE (io_uring_prep_fallocate; Linux 5.6+) of `length` bytes of `fd` at `offset` (numbers or bigints,
   * at most 2^53-1 for `length`); `mode` FALLOC_FL_* as fallocate(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFallocate(fd: number, mode: number, offset: number | bigint, length: number | bigint, userData: number, sqeFlags?: number): number {
    return prepFallocate(coreOf(this), fd, mode, offset, length, userData, sqeFlags);
  }

  /**
   * FADVISE (io_uring_prep_fadvise; Linux 5.6+): posix_fadvise(fd, offset, length, advice), `length` up to 2^32-1
   * (0: to the end of the file), `advice` POSIX_FADV_* (0..5). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepFadvise(fd: number, offset: number | bigint, length: number, advice: number, userData: number, sqeFlags?: number): number {
    return prepFadvise(coreOf(this), fd, offset, length, advice, userData, sqeFlags);
  }

  /**
   * SYNC_FILE_RANGE (io_uring_prep_sync_file_range, whose (len, offset) order this does not copy; Linux 5.2+):
   * sync_file_range(fd, offset, length, flags), `length` up to 2^32-1 (0: to the end), `flags`
   * SYNC_FILE_RANGE_WAIT_BEFORE (1) | WRITE (2) | WAIT_AFTER (4). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSyncFileRange(fd: number, offset: number | bigint, length: number, flags: number, userData: number, sqeFlags?: number): number {
    return prepSyncFileRange(coreOf(this), fd, offset, length, flags, userData, sqeFlags);
  }

  /**
   * SPLICE (io_uring_prep_splice; Linux 5.7+) of up to `nbytes` from `fdIn` at `offIn` to `fdOut` at `offOut`; one
   * of them must be a pipe, whose offset is -1 (-1 on a file: its current position). `spliceFlags`
   * constants.spliceFlags (FD_IN_FIXED: `fdIn` is a registered file slot; IOSQE_FIXED_FILE is for `fdOut`).
   * res: bytes moved (0 at end of input), or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSplice(fdIn: number, offIn: number | bigint, fdOut: number, offOut: number | bigint, nbytes: number, spliceFlags: number, userData: number, sqeFlags?: number): number {
    return prepSplice(coreOf(this), fdIn, offIn, fdOut, offOut, nbytes, spliceFlags, userData, sqeFlags);
  }

  /**
   * TEE (io_uring_prep_tee; Linux 5.8+): duplicates up to `nbytes` from pipe `fdIn` into pipe `fdOut` without consuming
   * them; `spliceFlags` as prepSplice. res: bytes duplicated, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepTee(fdIn: number, fdOut: number, nbytes: number, spliceFlags: number, userData: number, sqeFlags?: number): number {
    return prepTee(coreOf(this), fdIn, fdOut, nbytes, spliceFlags, userData, sqeFlags);
  }
}
