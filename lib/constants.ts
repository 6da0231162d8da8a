// Values from <linux/io_uring.h>. Names follow the kernel's, minus the common prefix.

/** Opcodes (IORING_OP_*). */
export const opcodes = Object.freeze({
  NOP: 0, READV: 1, WRITEV: 2, FSYNC: 3, READ_FIXED: 4, WRITE_FIXED: 5, POLL_ADD: 6, POLL_REMOVE: 7,
  SYNC_FILE_RANGE: 8, SENDMSG: 9, RECVMSG: 10, TIMEOUT: 11, TIMEOUT_REMOVE: 12, ACCEPT: 13,
  ASYNC_CANCEL: 14, LINK_TIMEOUT: 15, CONNECT: 16, FALLOCATE: 17, OPENAT: 18, CLOSE: 19,
  FILES_UPDATE: 20, STATX: 21, READ: 22, WRITE: 23, FADVISE: 24, MADVISE: 25, SEND: 26, RECV: 27,
  OPENAT2: 28, EPOLL_CTL: 29, SPLICE: 30, PROVIDE_BUFFERS: 31, REMOVE_BUFFERS: 32, TEE: 33,
  SHUTDOWN: 34, RENAMEAT: 35, UNLINKAT: 36, MKDIRAT: 37, SYMLINKAT: 38, LINKAT: 39, MSG_RING: 40,
  FSETXATTR: 41, SETXATTR: 42, FGETXATTR: 43, GETXATTR: 44, SOCKET: 45, URING_CMD: 46, SEND_ZC: 47,
  SENDMSG_ZC: 48, READ_MULTISHOT: 49, WAITID: 50, FUTEX_WAIT: 51, FUTEX_WAKE: 52, FUTEX_WAITV: 53,
  FIXED_FD_INSTALL: 54, FTRUNCATE: 55, BIND: 56, LISTEN: 57,
} as const);

/** SQE flags (IOSQE_*), the `sqeFlags` argument of the Ring's builders; each says whether they accept it. */
export const sqeFlags = Object.freeze({
  /** IOSQE_FIXED_FILE (Linux 5.1+): the fd argument is an index into registerFiles()' table. The builders accept it. */
  FIXED_FILE: 1 << 0,
  /** IOSQE_IO_DRAIN (Linux 5.2+): starts only after every earlier SQE has completed. The builders accept it. */
  IO_DRAIN: 1 << 1,
  /** IOSQE_IO_LINK (Linux 5.3+): the next SQE starts only after this one succeeded. The builders accept it. */
  IO_LINK: 1 << 2,
  /** IOSQE_IO_HARDLINK (Linux 5.5+): the next SQE starts after this one, even if it failed. The builders accept it. */
  IO_HARDLINK: 1 << 3,
  /** IOSQE_ASYNC (Linux 5.6+): goes straight to an io-wq worker instead of trying inline first. The builders accept it. */
  ASYNC: 1 << 4,
  /** IOSQE_BUFFER_SELECT (Linux 5.7+): the kernel picks a provided buffer. The builders refuse it, except prepRecv with a buffer group (which sets it). */
  BUFFER_SELECT: 1 << 5,
  /**
   * IOSQE_CQE_SKIP_SUCCESS (Linux 5.17+): no CQE on success. The builders refuse it: the CQE is what
   * releases an operation's buffers.
   */
  CQE_SKIP_SUCCESS: 1 << 6,
} as const);

/**
 * The SQE flags the builders accept. BUFFER_SELECT needs a buffer group (prepRecv takes it
 * with one) and CQE_SKIP_SUCCESS suppresses the CQE that releases an operation's buffers, so both are
 * refused along with every bit this version does not know.
 */
export const SUPPORTED_SQE_FLAGS =
  sqeFlags.FIXED_FILE | sqeFlags.IO_DRAIN | sqeFlags.IO_LINK | sqeFlags.IO_HARDLINK | sqeFlags.ASYNC;

/** io_uring_setup flags (IORING_SETUP_*). */
export const setupFlags = Object.freeze({
  IOPOLL: 1 << 0, SQPOLL: 1 << 1, SQ_AFF: 1 << 2, CQSIZE: 1 << 3, CLAMP: 1 << 4, ATTACH_WQ: 1 << 5,
  R_DISABLED: 1 << 6, SUBMIT_ALL: 1 << 7, COOP_TASKRUN: 1 << 8, TASKRUN_FLAG: 1 << 9, SQE128: 1 << 10,
  CQE32: 1 << 11, SINGLE_ISSUER: 1 << 12, DEFER_TASKRUN: 1 << 13,
} as const);

/** The setup flags a Ring may be created with (others change the ring layout or need more plumbing). */
export const SUPPORTED_SETUP_FLAGS =
  setupFlags.SQPOLL | setupFlags.CLAMP | setupFlags.SUBMIT_ALL | setupFlags.COOP_TASKRUN |
  setupFlags.TASKRUN_FLAG | setupFlags.SINGLE_ISSUER | setupFlags.DEFER_TASKRUN;

/** io_uring_enter flags (IORING_ENTER_*). */
export const enterFlags = Object.freeze({
  GETEVENTS: 1 << 0, SQ_WAKEUP: 1 << 1, SQ_WAIT: 1 << 2, EXT_ARG: 1 << 3, REGISTERED_RING: 1 << 4,
} as const);

/** Bits of the SQ ring flags word (IORING_SQ_*). */
export const sqRingFlags = Object.freeze({ NEED_WAKEUP: 1 << 0, CQ_OVERFLOW: 1 << 1, TASKRUN: 1 << 2 } as const);

/** Bits of the CQ ring flags word (IORING_CQ_*), written by the application. */
export const cqRingFlags = Object.freeze({ EVENTFD_DISABLED: 1 << 0 } as const);

/** Feature bits reported by io_uring_setup (IORING_FEAT_*). */
export const features = Object.freeze({
  SINGLE_MMAP: 1 << 0, NODROP: 1 << 1, SUBMIT_STABLE: 1 << 2, RW_CUR_POS: 1 << 3,
  CUR_PERSONALITY: 1 << 4, FAST_POLL: 1 << 5, POLL_32BITS: 1 << 6, SQPOLL_NONFIXED: 1 << 7,
  EXT_ARG: 1 << 8, NATIVE_WORKERS: 1 << 9, RSRC_TAGS: 1 << 10, CQE_SKIP: 1 << 11,
  LINKED_FILE: 1 << 12, REG_REG_RING: 1 << 13,
} as const);

/** CQE flags (IORING_CQE_F_*). */
export const cqeFlags = Object.freeze({ BUFFER: 1 << 0, MORE: 1 << 1, SOCK_NONEMPTY: 1 << 2, NOTIF: 1 << 3 } as const);

/** fsync flags (IORING_FSYNC_*). */
export const fsyncFlags = Object.freeze({ DATASYNC: 1 << 0 } as const);

/**
 * TIMEOUT / LINK_TIMEOUT flags (IORING_TIMEOUT_*), prepTimeout's and prepLinkTimeout's `timeoutFlags`.
 * ABS: `ns` is an absolute time (CLOCK_MONOTONIC, as process.hrtime.bigint(), unless BOOTTIME or REALTIME);
 * ETIME_SUCCESS (5.16+): a timeout that fires completes with -ETIME but does not break a link;
 * MULTISHOT (6.4+, prepTimeout only): fires every `ns`, `count` times (0: until removed).
 */
export const timeoutFlags = Object.freeze({
  ABS: 1 << 0, UPDATE: 1 << 1, BOOTTIME: 1 << 2, REALTIME: 1 << 3, LINK_TIMEOUT_UPDATE: 1 << 4,
  ETIME_SUCCESS: 1 << 5, MULTISHOT: 1 << 6,
} as const);

/** POLL_ADD flags (IORING_POLL_*): ADD_MULTI is prepPollAdd's `{ multishot: true }`. */
export const pollFlags = Object.freeze({ ADD_MULTI: 1 << 0, UPDATE_EVENTS: 1 << 1, UPDATE_USER_DATA: 1 << 2, ADD_LEVEL: 1 << 3 } as const);

/** poll(2) event bits (POLL*), prepPollAdd's `events` and its CQE's res. */
export const pollEvents = Object.freeze({ IN: 0x1, PRI: 0x2, OUT: 0x4, ERR: 0x8, HUP: 0x10, NVAL: 0x20, RDHUP: 0x2000 } as const);

/** splice(2)/tee(2) flags (SPLICE_F_*), prepSplice's and prepTee's `spliceFlags`; FD_IN_FIXED: `fdIn` is a registered file slot. */
export const spliceFlags = Object.freeze({ MOVE: 1, NONBLOCK: 2, MORE: 4, GIFT: 8, FD_IN_FIXED: 0x80000000 } as const);

/** openat2(2) `resolve` bits (RESOLVE_*), prepOpenat2's `{ resolve }`. */
export const resolveFlags = Object.freeze({
  NO_XDEV: 0x01, NO_MAGICLINKS: 0x02, NO_SYMLINKS: 0x04, BENEATH: 0x08, IN_ROOT: 0x10, CACHED: 0x20,
} as const);

/** ASYNC_CANCEL flags (IORING_ASYNC_CANCEL_*). */
export const cancelFlags = Object.freeze({ ALL: 1 << 0, FD: 1 << 1, ANY: 1 << 2, FD_FIXED: 1 << 3 } as const);

/** Largest iovec count the kernel takes in one READV/WRITEV (UIO_MAXIOV). */
export const IOV_MAX = 1024;
