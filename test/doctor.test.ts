// `uring doctor`: kernel, setup verdict and its reason, memlock, opcodes, backend; exit code
// non-zero when io_uring is unusable; --json for machines.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { diagnose, type DoctorReport } from '../lib/doctor';
import { noIoUring } from './helpers/no-io-uring';
import { packageRoot, runNode } from './helpers/child';

const BIN = path.join(packageRoot, 'bin', 'uring.js');

test('a normal run prints the kernel, setup ok, memlock and the supported opcodes, and exits 0', () => {
  const r = runNode([BIN, 'doctor']);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(os.release());
  expect(r.stdout).toMatch(/io_uring_setup:\s+ok/);
  expect(r.stdout).toMatch(/RLIMIT_MEMLOCK:\s+(\d+ bytes|unlimited)/);
  expect(r.stdout).toMatch(/CAP_IPC_LOCK: (yes|no)/);
  expect(r.stdout).toMatch(/\bNOP\b.*\bREADV\b/);
  expect(r.stdout).toMatch(/backend:\s+io_uring/);
  expect(r.stdout).toMatch(/^OK: /m);
});

test('--json gives the same facts as a parseable report', () => {
  const r = runNode([BIN, 'doctor', '--json']);
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as DoctorReport;
  expect(report.usable).toBe(true);
  expect(report.reason).toBeUndefined();
  expect(report.kernel.release).toBe(os.release());
  expect(report.setup).toEqual({ ok: true });
  expect(report.opcodes).toEqual(expect.arrayContaining(['NOP', 'READV', 'WRITEV', 'FSYNC', 'READ', 'WRITE', 'OPENAT', 'STATX']));
  expect(report.features).toContain('NODROP');
  expect(typeof report.memlock.capIpcLock).toBe('boolean');
  expect(report.memlock.unlimited || typeof report.memlock.limitBytes === 'number').toBe(true);
  expect(['io_uring', 'fs']).toContain(report.backend.name);
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
  expect(text.stdout).toMatch(/UNUSABLE \(seccomp\): .*seccomp filter/);
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
  expect(diagnose('EPERM', { ...host, disabled: null, seccomp: 2 })[1]).toContain('Seccomp: 2');
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
