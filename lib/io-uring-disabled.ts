// What kernel.io_uring_disabled (Linux 6.6+) means for creating a ring: one wording for Ring's setup error and the doctor.
import { readFileSync } from 'node:fs';

/** The explanation when the sysctl forbids rings (2) or restricts them (1); undefined otherwise. */
export function ioUringDisabledText(disabled: number | null, group: number | null): string | undefined {
  if (disabled === 2) {
    return 'kernel.io_uring_disabled=2: io_uring is switched off for every process on this host ' +
      '(sysctl -w kernel.io_uring_disabled=0 to allow it).';
  }
  if (disabled === 1) {
    return 'kernel.io_uring_disabled=1: only CAP_SYS_ADMIN and members of kernel.io_uring_group ' +
      `(${group ?? 'unset'}) may create rings.`;
  }
  return undefined;
}

/** A numeric sysctl from /proc/sys, or null where it does not exist. */
export function readSysctl(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}
