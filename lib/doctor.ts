// `npx uring doctor`: what this host allows io_uring to do, and why not when it does not.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { features as featureBits, opcodes } from './constants';
import { ioUringDisabledText, readSysctl } from './io-uring-disabled';
import { hasCapability, memlockInfo } from './memlock';
import { loadFailure, tryBinding } from './native';
import { Ring } from './ring';

const CAP_SYS_ADMIN = 21;

export type UnusableReason = 'addon' | 'enosys' | 'seccomp' | 'io_uring_disabled' | 'memlock' | 'other';

export interface DoctorReport {
  usable: boolean;
  /** Why io_uring cannot be used here (absent when usable). */
  reason?: UnusableReason;
  explanation: string;
  kernel: { release: string; version: string };
  node: string;
  addon: { loaded: boolean; error?: string };
  setup: { ok: boolean; code?: string; errno?: number; message?: string };
  sysctl: { ioUringDisabled: number | null; ioUringGroup: number | null };
  seccomp: { mode: number | null };
  memlock: { limitBytes: number | null; unlimited: boolean; capIpcLock: boolean };
  opcodes: string[];
  features: string[];
  backend: { name: string; source: 'uring/promises' | 'ring-setup'; reason?: string };
}

function seccompMode(): number | null {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(/^Seccomp:\s*(\d+)$/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// Opcodes newer than constants.opcodes lists (Linux 6.11 to 6.16), named for the report only.
const NEWER_OPCODES: Record<number, string> = {
  56: 'BIND', 57: 'LISTEN', 58: 'RECV_ZC', 59: 'EPOLL_WAIT', 60: 'READV_FIXED', 61: 'WRITEV_FIXED', 62: 'PIPE',
};
const opcodeNames = new Map<number, string>([
  ...Object.entries(NEWER_OPCODES).map(([value, name]) => [Number(value), name] as [number, string]),
  ...Object.entries(opcodes).map(([name, value]) => [value, name] as [number, string]),
]);

export interface HostFacts {
  /** kernel.io_uring_disabled, or null where the sysctl does not exist (before 6.6). */
  disabled: number | null;
  /** kernel.io_uring_group (-1: none). */
  group: number | null;
  /** Seccomp mode from /proc/self/status (2: a filter is active). */
  seccomp: number | null;
  /** CAP_SYS_ADMIN in the effective set. */
  sysAdmin: boolean;
  /** Our gid or a supplementary group equals io_uring_group. */
  inGroup: boolean;
}

/** Why setup failed, from its errno and what the host says about io_uring. */
export function diagnose(code: string | undefined, host: HostFacts): [UnusableReason, string] {
  const { disabled, group, seccomp } = host;
  if (code === 'ENOSYS') {
    return ['enosys', 'io_uring_setup returned ENOSYS: the kernel has no io_uring (older than 5.1 or built without ' +
      'CONFIG_IO_URING), or a seccomp filter answers ENOSYS for it.'];
  }
  if (code === 'EPERM' || code === 'EACCES') {
    // With =1, a privileged process refused all the same was refused by something else.
    const text = disabled === 1 && (host.sysAdmin || host.inGroup) ? undefined : ioUringDisabledText(disabled, group);
    if (text !== undefined) return ['io_uring_disabled', text];
    return ['seccomp', `io_uring_setup was refused (${code}) although kernel.io_uring_disabled=${disabled ?? 'n/a'}: ` +
      `a seccomp filter blocks it (Seccomp: ${seccomp ?? '?'}; Docker's default profile does: run with ` +
      '--security-opt seccomp=<profile allowing io_uring_setup/enter/register>) or a security module denies it.'];
  }
  if (code === 'ENOMEM') {
    return ['memlock', 'io_uring_setup ran out of locked memory: the rings count against RLIMIT_MEMLOCK. ' +
      'Raise it (`ulimit -l`, systemd `LimitMEMLOCK=`, `docker run --ulimit memlock=-1:-1`).'];
  }
  return ['other', `io_uring_setup failed with ${code ?? 'an unknown error'}.`];
}

/** The drop-in API's own verdict when it is built (dist/promises), else none. */
function promisesBackend(): { name: string; reason?: string } | undefined {
  let mod: { backend?: unknown; backendReason?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(__dirname, 'promises')) as typeof mod;
  } catch {
    return undefined;
  }
  try {
    const name = mod.backend;
    if (typeof name !== 'string') return undefined;
    const reason = mod.backendReason;
    return typeof reason === 'string' && reason !== '' ? { name, reason } : { name };
  } catch {
    return undefined;
  }
}

export function doctor(): DoctorReport {
  const disabled = readSysctl('/proc/sys/kernel/io_uring_disabled');
  const group = readSysctl('/proc/sys/kernel/io_uring_group');
  const seccomp = seccompMode();
  const { limitBytes, ipcLock } = memlockInfo();
  const binding = tryBinding();
  const report: DoctorReport = {
    usable: false,
    explanation: '',
    kernel: { release: os.release(), version: os.version() },
    node: process.version,
    addon: binding ? { loaded: true } : { loaded: false, error: loadFailure()?.message },
    setup: { ok: false },
    sysctl: { ioUringDisabled: disabled, ioUringGroup: group },
    seccomp: { mode: seccomp },
    memlock: { limitBytes: Number.isFinite(limitBytes) ? limitBytes : null, unlimited: !Number.isFinite(limitBytes), capIpcLock: ipcLock },
    opcodes: [],
    features: [],
    backend: { name: 'fs', source: 'ring-setup' },
  };

  if (!binding) {
    report.reason = 'addon';
    report.explanation = `the native addon could not be loaded: ${report.addon.error ?? 'unknown error'}`;
  } else {
    let ring: Ring | undefined;
    try {
      ring = new Ring({ entries: 1 });
      report.setup = { ok: true };
      for (let op = 0; op < 256; op++) {
        if (ring.supports(op)) report.opcodes.push(opcodeNames.get(op) ?? `OP_${op}`);
      }
      for (const [name, bit] of Object.entries(featureBits)) if ((ring.features & bit) !== 0) report.features.push(name);
      report.usable = true;
      report.explanation = 'io_uring works for this process.';
    } catch (err) {
      const e = err as { code?: string; errno?: number; message?: string };
      report.setup = { ok: false, code: e.code, errno: e.errno, message: e.message };
      const ids = [...(process.getgroups?.() ?? []), process.getgid?.() ?? -1];
      const inGroup = group !== null && group !== -1 && ids.includes(group);
      [report.reason, report.explanation] = diagnose(e.code, { disabled, group, seccomp, sysAdmin: hasCapability(CAP_SYS_ADMIN), inGroup });
    } finally {
      ring?.close();
    }
  }

  const fromPromises = promisesBackend();
  report.backend = fromPromises
    ? { ...fromPromises, source: 'uring/promises' }
    : { name: report.usable ? 'io_uring' : 'fs', source: 'ring-setup' };
  return report;
}

function formatBytes(n: number | null): string {
  if (n === null) return 'unlimited';
  return n >= 1024 * 1024 ? `${n} bytes (${(n / 1024 / 1024).toFixed(1)} MiB)` : `${n} bytes (${(n / 1024).toFixed(0)} KiB)`;
}

export function formatReport(r: DoctorReport): string {
  const lines = [
    `uring doctor`,
    `  kernel:             ${r.kernel.release} (${r.kernel.version})`,
    `  node:               ${r.node}`,
    `  native addon:       ${r.addon.loaded ? 'loaded' : `NOT loaded: ${r.addon.error}`}`,
    `  io_uring_setup:     ${r.setup.ok ? 'ok' : `FAILED${r.setup.code ? ` (${r.setup.code})` : ''}`}`,
    `  io_uring_disabled:  ${r.sysctl.ioUringDisabled ?? 'n/a (sysctl absent)'}` +
      (r.sysctl.ioUringGroup !== null ? `, io_uring_group: ${r.sysctl.ioUringGroup}` : ''),
    `  seccomp mode:       ${r.seccomp.mode ?? 'unknown'}${r.seccomp.mode === 2 ? ' (filter active)' : ''}`,
    `  RLIMIT_MEMLOCK:     ${formatBytes(r.memlock.limitBytes)}; CAP_IPC_LOCK: ${r.memlock.capIpcLock ? 'yes (limit does not apply)' : 'no'}`,
    `  backend:            ${r.backend.name} (from ${r.backend.source}${r.backend.reason ? `: ${r.backend.reason}` : ''})`,
  ];
  if (r.usable) {
    lines.push(`  features:           ${r.features.join(' ')}`);
    lines.push(`  opcodes (${r.opcodes.length}):`);
    for (let i = 0; i < r.opcodes.length; i += 8) lines.push(`    ${r.opcodes.slice(i, i + 8).join(' ')}`);
  }
  lines.push('', r.usable ? `OK: ${r.explanation}` : `UNUSABLE (${r.reason}): ${r.explanation}`);
  return `${lines.join('\n')}\n`;
}

/** CLI entry: prints the report (JSON with --json); exit code 1 when io_uring is unusable. */
export function main(argv: string[]): number {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    process.stderr.write(`uring doctor: unknown argument ${unknown[0]}\nusage: uring doctor [--json]\n`);
    return 2;
  }
  const report = doctor();
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.usable ? 0 : 1;
}
