// What a refused io_uring_setup means, worded for the user: one place for the Ring's
// constructor and for uring/promises' backend check, which asks before any ring exists.
// The wording's modules load when a failure is worded: the backend check at uring/register's
// start-up only asks memlockShortfall, and a process start is a few milliseconds of such loads.
import type * as Errors from './errors';
import type * as IoUringDisabled from './io-uring-disabled';
import { memlockInfo, PAGE_SIZE, ringMappedBytes } from './memlock';

/* eslint-disable @typescript-eslint/no-require-imports */
const errors = (): typeof Errors => require('./errors') as typeof Errors;
const errno = (): typeof import('node:os').constants.errno => (require('node:os') as typeof import('node:os')).constants.errno;
/* eslint-enable @typescript-eslint/no-require-imports */

function pow2(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(n, 1)));
}

function pages(bytes: number): number {
  return Math.ceil(bytes / PAGE_SIZE) * PAGE_SIZE;
}

/** What the kernel maps (and may charge) for a ring: the SQE array, plus the SQ and CQ rings in one mapping. */
export function ringBytes(entries: number, cqEntries: number): number {
  const sq = pow2(entries);
  const cq = cqEntries === 0 ? sq * 2 : pow2(cqEntries);
  return pages(sq * 64) + pages(64 * 4 + cq * 16 + sq * 4);
}

function setupHint(ret: number): string | undefined {
  const { ENOSYS, EPERM } = errno();
  if (ret === -ENOSYS) {
    return 'io_uring_setup is not implemented here: a kernel older than 5.1 or built without CONFIG_IO_URING, ' +
      'or an emulator that does not provide it (qemu-user)';
  }
  if (ret === -EPERM) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ioUringDisabledText, readSysctl } = require('./io-uring-disabled') as typeof IoUringDisabled;
    const disabled = readSysctl('/proc/sys/kernel/io_uring_disabled'); // null before Linux 6.6
    const text = ioUringDisabledText(disabled, disabled === 1 ? readSysctl('/proc/sys/kernel/io_uring_group') : null);
    if (text !== undefined) return text;
    return 'io_uring_setup was refused: a seccomp filter blocks it (Docker\'s default profile does) ' +
      'or a security module denies it; run `npx uring doctor` for details';
  }
  return undefined;
}

/** The error for io_uring_setup's -errno `ret` when asked for a ring of this size. */
export function setupError(ret: number, entries: number, cqEntries: number): Error {
  const { MemlockError, ringSystemError } = errors();
  if (ret === -errno().ENOMEM) {
    // The rings themselves are charged to RLIMIT_MEMLOCK without CAP_IPC_LOCK (seen on 6.18 too).
    const { limitBytes, ipcLock } = memlockInfo();
    if (!ipcLock && Number.isFinite(limitBytes)) return new MemlockError(limitBytes, ringBytes(entries, cqEntries), 'io_uring_setup');
  }
  return ringSystemError(ret, 'io_uring_setup', setupHint(ret));
}

/**
 * The MemlockError a ring of this size would meet, judged from RLIMIT_MEMLOCK and the rings
 * this process already maps: the kernel counts locked memory per user, across processes, so
 * a ring can still be refused when this says nothing.
 */
export function memlockShortfall(entries: number, cqEntries: number): Errors.MemlockError | undefined {
  const { limitBytes, ipcLock } = memlockInfo();
  if (ipcLock || !Number.isFinite(limitBytes)) return undefined;
  const need = ringBytes(entries, cqEntries);
  return need > limitBytes - ringMappedBytes() ? new (errors().MemlockError)(limitBytes, need, 'io_uring_setup') : undefined;
}
