// Node 22 and later start with io_uring rings of libuv's own (for epoll_ctl batching), and
// the kernel charges them to RLIMIT_MEMLOCK like ours: a memlock test that wants N bytes of
// room for its own rings and buffers sets the limit to N plus what this Node's libuv maps.
// The kernel counts locked memory per user, across processes, and gives a closed ring's back
// from a workqueue a while later: each child runs as a user of its own (no capabilities), so
// that no other process, and no earlier child, takes from its room.
import { execFileSync } from 'node:child_process';

let libuv: number | undefined;

/** Bytes of the io_uring mappings a bare `node` of this version has at startup (0 on Node 20). */
export function libuvRingBytes(): number {
  libuv ??= Number(execFileSync(process.execPath, ['-e', `
    const maps = require('node:fs').readFileSync('/proc/self/maps', 'utf8').split('\\n').filter((l) => l.includes('[io_uring]'));
    let bytes = 0;
    for (const l of maps) { const [a, b] = l.split(' ')[0].split('-').map((x) => parseInt(x, 16)); bytes += b - a; }
    process.stdout.write(String(bytes));
  `], { encoding: 'utf8' }));
  return libuv;
}

/** An RLIMIT_MEMLOCK that leaves `room` bytes beside libuv's own rings. */
export function memlockLimit(room: number): number {
  return room + libuvRingBytes();
}

/** Whether a child can be run under a lower RLIMIT_MEMLOCK and without capabilities (root, prlimit, setpriv). */
export function canLimitMemlock(): boolean {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

let nextUser = 0;

/**
 * Command prefix that runs a program under RLIMIT_MEMLOCK `limit`, as a user id no other
 * process has (fresh accounting) and without capabilities (so without CAP_IPC_LOCK).
 */
export function asFreshUser(limit: number): string[] {
  const uid = 1_000_000 + (process.pid % 100_000) * 64 + (nextUser++ % 64);
  return ['prlimit', `--memlock=${limit}:${limit}`, 'setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all'];
}
