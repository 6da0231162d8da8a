// Linux constants the package needs in more than one place, with the kernel's names: one
// definition each. Errno numbers are positive, as in errno.h; a CQE's res is their negation.

/** The *at syscalls' "relative to the working directory" dirfd (fcntl.h). */
export const AT_FDCWD = -100;
/** The most iovecs one readv/writev (and READV/WRITEV SQE) takes: public as constants.IOV_MAX. */
export { IOV_MAX } from './constants';
/** st_mode's file type bits, and the type of a regular file (sys/stat.h). */
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;

/** Bad file descriptor (errno.h). */
export const EBADF = 9;
/** Operation canceled (errno.h). */
export const ECANCELED = 125;
/** Linux-only, so not in os.constants.errno: io_uring_enter's answer once the kernel dropped a CQE. */
export const EBADR = 53;

/** SOCK_CLOEXEC (socket.h): what node sets on every socket it creates or accepts. */
export const SOCK_CLOEXEC = 0o2000000;
/** sockaddr_storage's size: no socket address is longer (socket.h). */
export const SOCKADDR_MAX = 128;
/** SQE ioprio bits of ACCEPT and RECV (io_uring.h). */
export const IORING_ACCEPT_MULTISHOT = 1 << 0;
export const IORING_RECV_MULTISHOT = 1 << 1;
