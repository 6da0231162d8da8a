// RLIMIT_MEMLOCK and CAP_IPC_LOCK as this process sees them (read from /proc/self).
import { readFileSync } from 'node:fs';

const CAP_IPC_LOCK = 14n;
export const PAGE_SIZE = 4096;

export interface MemlockInfo {
  /** Soft limit in bytes; Infinity when unlimited. */
  limitBytes: number;
  /** CAP_IPC_LOCK in the effective set: the limit does not apply. */
  ipcLock: boolean;
}

export function memlockInfo(): MemlockInfo {
  let limitBytes = Infinity;
  let ipcLock = false;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max locked memory'));
    const soft = line?.slice('Max locked memory'.length).trim().split(/\s+/)[0];
    if (soft && soft !== 'unlimited') limitBytes = Number(soft);
  } catch {
    // no /proc: leave the kernel to decide
  }
  try {
    const cap = readFileSync('/proc/self/status', 'utf8').match(/^CapEff:\s*([0-9a-f]+)$/m);
    if (cap) ipcLock = ((BigInt(`0x${cap[1]}`) >> CAP_IPC_LOCK) & 1n) === 1n;
  } catch {
    // as above
  }
  return { limitBytes, ipcLock };
}

/**
 * Bytes the kernel charges for these buffers: the whole pages each buffer spans, counted per
 * buffer (io_buffer_account_pin charges a small page again for every buffer that uses it;
 * only huge pages are counted once).
 */
export function pinnedBytes(spans: Array<[address: number, length: number]>): number {
  let pages = 0;
  for (const [address, length] of spans) {
    if (length === 0) continue;
    pages += Math.floor((address + length - 1) / PAGE_SIZE) - Math.floor(address / PAGE_SIZE) + 1;
  }
  return pages * PAGE_SIZE;
}
