// uring/fs's createReadStream / createWriteStream are node's own stream classes whose every
// chunk goes through the ring: under strace, the file's data moves in io_uring_enter, with no
// read/pread64/write/pwrite64 on it (node:fs's streams, traced the same way, show them).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from './helpers/child';
import { isOutside, parseStrace } from './helpers/strace-log';

const STRACE = '/usr/bin/strace';
const traced = spawnSync(STRACE, ['-f', '-o', '/dev/null', 'true']).status === 0 ? test : test.skip;

const workload = `
const [moduleId, dir] = process.argv.slice(-2);
const fs = require(moduleId);
const nodeFs = require('node:fs');
const path = require('node:path');
const rs = fs.createReadStream(path.join(dir, 'src'), { highWaterMark: 65536 });
const ws = fs.createWriteStream(path.join(dir, 'dst'));
rs.pipe(ws).on('close', () => console.log(JSON.stringify({ classes: rs instanceof nodeFs.ReadStream && ws instanceof nodeFs.WriteStream })));
`;

function trace(moduleId: string): { out: { same: boolean; classes: boolean }; dataSyscalls: number; enters: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-streams-'));
  const log = `${dir}.strace`;
  const data = Buffer.alloc(1 << 20, 'uring-stream-');
  writeFileSync(path.join(dir, 'src'), data);
  try {
    const stdout = execFileSync(STRACE, ['-f', '-e', 'trace=read,pread64,write,pwrite64,openat,close,io_uring_enter', '-o', log,
      process.execPath, '-e', workload, moduleId, dir], { encoding: 'utf8', timeout: 60000, cwd: packageRoot });
    const events = parseStrace(readFileSync(log, 'utf8'));
    const onFiles = (e: { syscall: string; fdPath?: string }) => /^(p?read|p?write)(64)?$/.test(e.syscall) && e.fdPath !== undefined && !isOutside(e as never, dir);
    return {
      out: { ...JSON.parse(stdout.trim().split('\n').pop()!), same: readFileSync(path.join(dir, 'dst')).equals(data) },
      dataSyscalls: events.filter(onFiles).length,
      enters: events.filter((e) => e.syscall === 'io_uring_enter').length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(log, { force: true });
  }
}

traced('node:fs streams: the data moves in read/write syscalls (the probe sees them)', () => {
  const t = trace('node:fs');
  expect(t.out).toEqual({ same: true, classes: true });
  expect(t.dataSyscalls).toBeGreaterThan(16);
});

traced('uring/fs streams: node\'s classes, the same bytes, and every chunk through io_uring', () => {
  const t = trace(path.join(packageRoot, 'dist', 'fs'));
  expect(t.out).toEqual({ same: true, classes: true });
  expect(t.dataSyscalls).toBe(0);
  expect(t.enters).toBeGreaterThan(0);
});
