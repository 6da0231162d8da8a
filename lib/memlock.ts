// RLIMIT_MEMLOCK and CAP_IPC_LOCK as this process sees them (asked through the addon, or read
// from /proc/self), and the locked memory io_uring charges.
import { readFileSync } from 'node:fs';
import { tryBinding } from './native';

const CAP_IPC_LOCK = 14;
export const PAGE_SIZE = 4096;

export interface MemlockInfo {
  /** Soft limit in bytes; Infinity when unlimited. */
  limitBytes: number;
  /** CAP_IPC_LOCK in the effective set: the limit does not apply. */
  ipcLock: boolean;
}

export function memlockInfo(): MemlockInfo {
  // The addon asks the kernel directly (getrlimit, capget); an older binary lacks it.
  const native = tryBinding()?.memlock?.();
  if (native !== undefined) return { limitBytes: native[0] < 0 ? Infinity : native[0], ipcLock: native[1] };
  let limitBytes = Infinity;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max locked memory'));
    const soft = line?.slice('Max locked memory'.length).trim().split(/\s+/)[0];
    if (soft && soft !== 'unlimited') limitBytes = Number(soft);
  } catch {
    // no /proc: leave the kernel to decide
  }
  return { limitBytes, ipcLock: hasCapability(CAP_IPC_LOCK) };
}

/** Whether capability number `bit` is in this process's effective set (false without /proc). */
export function hasCapability(bit: number): boolean {
  try {
    const cap = readFileSync('/proc/self/status', 'utf8').match(/^CapEff:\s*([0-9a-f]+)$/m);
    return cap !== null && ((BigInt(`0x${cap[1]}`) >> BigInt(bit)) & 1n) === 1n;
  } catch {
    return false;
  }
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

/**
 * Bytes of the io_uring rings this process has mapped (ours, and on Node 22+ libuv's own),
 * charged to RLIMIT_MEMLOCK on recent kernels; 0 without /proc.
 */
export function ringMappedBytes(): number {
  let bytes = 0;
  try {
    for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
      if (!line.endsWith('[io_uring]')) continue;
      const dash = line.indexOf('-');
      bytes += parseInt(line.slice(dash + 1, line.indexOf(' ')), 16) - parseInt(line.slice(0, dash), 16);
    }
  } catch {
    // no /proc: nothing known
  }
  return bytes;
}
