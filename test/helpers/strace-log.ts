// Parses an `strace -f -o` log into syscall events (joining <unfinished>/<resumed> halves)
// and tracks which path each fd was opened from by openat (forgotten again on close).
export interface SyscallEvent {
  pid: number;
  syscall: string;
  args: string;
  result: number;
  /** For fd-taking calls: the path the fd was last opened from, when it was opened by openat. */
  fdPath?: string;
}

const COMPLETE = /^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+)/;
const UNFINISHED = /^(\d+)\s+(\w+)\((.*)\s+<unfinished \.\.\.>$/;
const RESUMED = /^(\d+)\s+<\.\.\. (\w+) resumed>(.*)\)\s+=\s+(-?\d+)/;
const FD_CALLS = new Set(['read', 'write', 'pread64', 'pwrite64', 'statx']);

export function parseStrace(text: string): SyscallEvent[] {
  const pending = new Map<number, string>();
  const fdPaths = new Map<number, string>();
  const events: SyscallEvent[] = [];
  for (const line of text.split('\n')) {
    let pid: number, syscall: string, args: string, result: number;
    let m = COMPLETE.exec(line);
    if (m) {
      [pid, syscall, args, result] = [Number(m[1]), m[2], m[3], Number(m[4])];
    } else if ((m = UNFINISHED.exec(line))) {
      pending.set(Number(m[1]), m[3]);
      continue;
    } else if ((m = RESUMED.exec(line))) {
      [pid, syscall, result] = [Number(m[1]), m[2], Number(m[4])];
      args = (pending.get(pid) ?? '') + m[3];
      pending.delete(pid);
    } else {
      continue;
    }
    const event: SyscallEvent = { pid, syscall, args, result };
    if (FD_CALLS.has(syscall)) {
      const fd = Number(/^(-?\d+)/.exec(args)?.[1]);
      event.fdPath = fdPaths.get(fd);
    }
    if (syscall === 'close' && result === 0) fdPaths.delete(Number(/^(\d+)/.exec(args)?.[1]));
    if (syscall === 'openat' && result >= 0) {
      const p = /^[^,]+,\s*"((?:[^"\\]|\\.)*)"/.exec(args)?.[1];
      if (p !== undefined) fdPaths.set(result, p);
    }
    events.push(event);
  }
  return events;
}

/**
 * Whether an fd-taking call was on a file node itself opened with openat outside `dir`
 * (ld.so mapping libraries, the module loader reading package.json): not the workload's.
 */
export function isOutside(e: SyscallEvent, dir: string): boolean {
  return e.fdPath !== undefined && !e.fdPath.startsWith(dir);
}
