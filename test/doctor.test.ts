// `uring doctor`: version, addon, kernel, the verdict of a ring like uring/promises' and its reason,
// memlock, opcodes, backend; exit code non-zero when uring/promises will use node:fs; --json for machines.
// (Its low-memlock cases are in memlock.test.ts: the kernel counts locked memory per user.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diagnose, type DoctorReport } from '../lib/doctor';
import { noIoUring } from './helpers/no-io-uring';
import { packageRoot, runNode } from './helpers/child';

const BIN = path.join(packageRoot, 'bin', 'uring.js');

const VERSION = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

test('a normal run prints the version, addon path, kernel, the 256-entry setup, seccomp in words, memlock, and exits 0', () => {
  const r = runNode([BIN, 'doctor']);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`uring ${VERSION}`);
  expect(r.stdout).toMatch(/native addon:\s+loaded from \/\S+\.node\n/);
  expect(r.stdout).toContain(os.release());
  expect(r.stdout).toMatch(/io_uring_setup:\s+ok \(a ring of 256 entries, as uring\/promises creates\)/);
  expect(r.stdout).toMatch(/seccomp:\s+(none \(no filter\)|filter \(a seccomp filter)/);
  expect(r.stdout).toMatch(/RLIMIT_MEMLOCK:\s+(\d+ bytes|unlimited)/);
  expect(r.stdout).toMatch(/CAP_IPC_LOCK: (yes|no)/);
  expect(r.stdout).toMatch(/opcodes:\s+every opcode uring\/promises uses: present \(\d+ supported in all; --json lists them\)/);
  expect(r.stdout).not.toMatch(/\bREADV\b.*\bWRITEV\b/); // the full list is for --json
  expect(r.stdout).toMatch(/backend:\s+io_uring/);
  expect(r.stdout).toMatch(/^OK: uring\/promises will use io_uring/m);
});

test('--json gives the same facts as a parseable report, with every opcode', () => {
  const r = runNode([BIN, 'doctor', '--json']);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as DoctorReport;
  expect(report.usable).toBe(true);
  expect(report.reason).toBeUndefined();
  expect(report.version).toBe(VERSION);
  expect(report.addon).toEqual({ loaded: true, path: expect.stringMatching(/\.node$/) });
  expect(report.kernel.release).toBe(os.release());
  expect(report.setup).toEqual({ ok: true, entries: 256 });
  expect(report.opcodes).toEqual(expect.arrayContaining(['NOP', 'READV', 'WRITEV', 'FSYNC', 'READ', 'WRITE', 'OPENAT', 'STATX']));
  expect(report.promisesOpcodes).toEqual({ present: true, missing: [] });
  expect(report.features).toContain('NODROP');
  expect(typeof report.memlock.capIpcLock).toBe('boolean');
  expect(report.memlock.ringBytes).toBe(28672);
  expect(report.memlock.unlimited || typeof report.memlock.limitBytes === 'number').toBe(true);
  expect(report.backend.name).toBe('io_uring');
});

test('`uring --version` prints the package version', () => {
  const r = runNode([BIN, '--version']);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(`${VERSION}\n`);
});

test('under a seccomp filter refusing io_uring: exit 1, reason seccomp, backend fs', () => {
  const r = runNode([BIN, 'doctor', '--json'], { prefix: noIoUring() });
  expect(r.signal).toBeNull();
  expect(r.status).toBe(1);
  const report = JSON.parse(r.stdout) as DoctorReport;
  expect(report.usable).toBe(false);
  expect(report.reason).toBe('seccomp');
  expect(report.setup).toMatchObject({ ok: false, code: 'EPERM', errno: -1 });
  expect(report.seccomp.mode).toBe(2);
  expect(report.backend.name).toBe('fs');
  expect(report.opcodes).toEqual([]);
  const text = runNode([BIN, 'doctor'], { prefix: noIoUring() });
  expect(text.status).toBe(1);
  expect(text.stdout).toMatch(/UNUSABLE \(seccomp\): uring\/promises will use node:fs because .*seccomp filter/);
  expect(text.stdout).toMatch(/seccomp:\s+filter \(a seccomp filter decides/);
});

test('ENOSYS is reported as a kernel without io_uring', () => {
  const r = runNode([BIN, 'doctor', '--json'], { prefix: noIoUring(38) });
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout)).toMatchObject({ usable: false, reason: 'enosys', setup: { code: 'ENOSYS' } });
});

test('EPERM is told apart: io_uring_disabled=2, =1 without privilege, =1 with it (then seccomp)', () => {
  const host = { disabled: 0, group: -1, seccomp: 0, sysAdmin: false, inGroup: false };
  expect(diagnose('EPERM', { ...host, disabled: 2 })[0]).toBe('io_uring_disabled');
  expect(diagnose('EPERM', { ...host, disabled: 1 })[0]).toBe('io_uring_disabled');
  expect(diagnose('EPERM', { ...host, disabled: 1, group: 1000 })[1]).toContain('io_uring_group (1000)');
  expect(diagnose('EPERM', { ...host, disabled: 1, inGroup: true })[0]).toBe('seccomp');
  expect(diagnose('EPERM', { ...host, disabled: 1, sysAdmin: true })[0]).toBe('seccomp');
  expect(diagnose('EPERM', { ...host, disabled: null, seccomp: 2 })[1]).toContain('seccomp: filter');
  expect(diagnose('ENOMEM', host)[0]).toBe('memlock');
  expect(diagnose('EINVAL', host)[0]).toBe('other');
});

test('usage errors exit 2', () => {
  expect(runNode([BIN]).status).toBe(2);
  expect(runNode([BIN, 'doctor', '--bogus']).status).toBe(2);
  const r = runNode([BIN, 'frobnicate']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('usage: uring doctor');
});

test('`npx uring doctor` runs the package bin', () => {
  const r = spawnSync('npx', ['--no-install', 'uring', 'doctor', '--json'], { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ usable: true, kernel: { release: os.release() } });
});
