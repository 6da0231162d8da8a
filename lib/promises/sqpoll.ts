// URING_SQPOLL=<idle ms>: the shared ring runs with IORING_SETUP_SQPOLL, a kernel thread that
// consumes its SQ (and does the inline work: page-cache copies, stats) on another core, and
// spins for <idle ms> after the last submission before it sleeps. Opt-in: that thread burns
// CPU while it spins. Read once, when the first shared ring is created.
import { setupFlags } from '../constants';
import type { RingOptions } from '../ring';
import { debug } from './debug';

let idle: number | null | undefined; // undefined: not read yet; null: not set

/** The SQ thread's idle time in ms, or null: URING_SQPOLL unset, empty or not a whole number. */
export function sqpollIdle(): number | null {
  if (idle === undefined) idle = parse(process.env.URING_SQPOLL);
  return idle;
}

function parse(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const ms = Number(value);
  if (Number.isInteger(ms) && ms >= 0 && ms <= 0xffffffff) return ms;
  debug('URING_SQPOLL=%s is not a whole number of milliseconds: the shared ring runs without SQPOLL', value);
  return null;
}

// Without SQPOLL the ring asks the kernel not to interrupt the JS thread for task work
// (COOP_TASKRUN, Linux 5.19): the work runs at the thread's next entry into the kernel, and
// TASKRUN_FLAG tells the flush to enter for it. Operations that io-wq runs (STATX always,
// large reads and writes, fsync) otherwise interrupt the thread for each completion: a stat
// storm did twice the stats per CPU-second with it.
const COOPERATIVE = setupFlags.COOP_TASKRUN | setupFlags.TASKRUN_FLAG;

/** The shared ring's options: SQPOLL when URING_SQPOLL asks for it, else cooperative task work. */
export function sharedRingOptions(entries: number): RingOptions {
  const ms = sqpollIdle();
  if (ms === null) return { entries, flags: COOPERATIVE };
  return { entries, flags: setupFlags.SQPOLL, sqThreadIdle: ms };
}
