// strace -f of a drop-in workload: file opens, reads, writes and stats go through
// io_uring_enter, not openat/pread64/pwrite64/statx on libuv's thread pool. close is
// traced too, so that an fd number reused after node closed one of its own files is not
// mistaken for that file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isOutside, parseStrace, type SyscallEvent } from './helpers/strace-log';
import { builtPromises, targetAvailable, targetIsNode } from './helpers/promises-target';

const STRACE = '/usr/bin/strace';
const PAYLOAD = 'URING-STRACE-PAYLOAD-';
// file0 after the workload: the payload with the string write at position 10.
const READ_BACK = PAYLOAD.slice(0, 10) + PAYLOAD;

const workload = `
const [moduleId, dir] = process.argv.slice(-2);
const fsp = require(moduleId);
const path = require('node:path');
const payload = Buffer.from(${JSON.stringify(PAYLOAD)}.repeat(200));
(async () => {
  const names = [0, 1, 2, 3].map((i) => path.join(dir, 'file' + i));
  await Promise.all(names.map((n) => fsp.writeFile(n, payload)));
  for (const n of names) {
    const fh = await fsp.open(n, 'r+');
    const b = Buffer.alloc(4096);
    await fh.read(b, 0, 4096, 0);
    await fh.read(b, 0, 100, null);
    await fh.read({ buffer: b, position: 10 });
    await fh.write(payload, 0, 200, 4096);
    await fh.write(${JSON.stringify(PAYLOAD)} + 'string', 10);
    await fh.readv([Buffer.alloc(64), Buffer.alloc(64)], 0);
    await fh.writev([payload.subarray(0, 50)], 100);
    await fh.stat();
    await fsp.stat(n);
    await fh.close();
  }
  const text = await fsp.readFile(names[0], 'utf8');
  await fsp.appendFile(names[1], payload);
  process.stdout.write(JSON.stringify({ backend: fsp.backend, readBack: text.slice(0, 31) }) + '\\n');
})().catch((e) => { process.stdout.write(JSON.stringify({ failed: String(e && e.stack || e) }) + '\\n'); });
`;

function canPtrace(): string | undefined {
  const r = spawnSync(STRACE, ['-f', '-o', '/dev/null', 'true'], { encoding: 'utf8' });
  if (r.error) return `${STRACE} is not available (${(r.error as NodeJS.ErrnoException).code})`;
  if (r.status !== 0) return `strace cannot ptrace here: ${r.stderr.trim()}`;
  return undefined;
}

interface Traced {
  out: { backend?: string; readBack?: string; failed?: string };
  events: SyscallEvent[];
  dir: string;
}

// The same workload on a worker thread, which has a ring of its own.
const inWorker = `new (require('node:worker_threads').Worker)(${JSON.stringify(workload)}, { eval: true, argv: process.argv.slice(-2) });`;

function traceWorkload(moduleId: string, onWorker = false): Traced {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-strace-'));
  const log = path.join(dir, '..', `${path.basename(dir)}.strace`);
  try {
    const stdout = execFileSync(STRACE, ['-f', '-s', '64', '-e', 'trace=pread64,pwrite64,read,write,openat,statx,io_uring_enter,close',
      '-o', log, process.execPath, '-e', onWorker ? inWorker : workload, moduleId, dir], { encoding: 'utf8', timeout: 60000 });
    return { out: JSON.parse(stdout.trim().split('\n').pop()!), events: parseStrace(readFileSync(log, 'utf8')), dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(log, { force: true });
  }
}

function summary(t: Traced): Record<string, number> {
  const count = (f: (e: SyscallEvent) => boolean): number => t.events.filter(f).length;
  return {
    io_uring_enter: count((e) => e.syscall === 'io_uring_enter'),
    // Positional IO on workload files, or on fds not opened by openat (io_uring-opened, or unknown).
    'pread64/pwrite64 on workload files': count((e) => (e.syscall === 'pread64' || e.syscall === 'pwrite64') && !isOutside(e, t.dir)),
    'openat of workload files': count((e) => e.syscall === 'openat' && e.args.includes(t.dir)),
    'statx of workload files': count((e) => e.syscall === 'statx' && e.args.includes(t.dir)),
    'read/write syscalls carrying file data': count((e) => /^(p?read|p?write)(64)?$/.test(e.syscall) && e.args.includes(PAYLOAD)),
  };
}

const unavailable = canPtrace();
if (unavailable) console.warn(`promises-strace skipped: ${unavailable}`);
const traceTest = unavailable ? test.skip : test;

describe('strace of a drop-in workload', () => {
  // The probe itself: on node:fs/promises the same workload shows thread-pool syscalls.
  traceTest('node:fs/promises: opens, pread64/pwrite64 and data-carrying syscalls are visible', () => {
    const t = traceWorkload('node:fs/promises');
    expect(t.out.readBack).toBe(READ_BACK);
    const s = summary(t);
    expect(s['pread64/pwrite64 on workload files']).toBeGreaterThan(0);
    expect(s['openat of workload files']).toBeGreaterThan(0);
    expect(s['read/write syscalls carrying file data']).toBeGreaterThan(0);
  });

  (targetAvailable() && !targetIsNode ? traceTest : test.skip)('uring/promises: all of it goes through io_uring_enter', () => {
    const t = traceWorkload(builtPromises);
    expect(t.out.failed).toBeUndefined();
    expect(t.out.backend).toBe('io_uring');
    expect(t.out.readBack).toBe(READ_BACK);
    expect(summary(t)).toEqual({
      io_uring_enter: expect.any(Number),
      'pread64/pwrite64 on workload files': 0,
      'openat of workload files': 0,
      'statx of workload files': 0,
      'read/write syscalls carrying file data': 0,
    });
    expect(summary(t).io_uring_enter).toBeGreaterThan(0);
  });

  (targetAvailable() && !targetIsNode ? traceTest : test.skip)('uring/promises on a worker thread: the same, through its own ring', () => {
    const t = traceWorkload(builtPromises, true);
    expect(t.out.failed).toBeUndefined();
    expect(t.out.backend).toBe('io_uring');
    expect(t.out.readBack).toBe(READ_BACK);
    const s = summary(t);
    expect(s.io_uring_enter).toBeGreaterThan(0);
    expect({ ...s, io_uring_enter: 0 }).toEqual({
      io_uring_enter: 0,
      'pread64/pwrite64 on workload files': 0,
      'openat of workload files': 0,
      'statx of workload files': 0,
      'read/write syscalls carrying file data': 0,
    });
  });
});
