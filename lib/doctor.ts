// `npx uring doctor`: whether uring/promises will use io_uring on this host, and why not when it will not.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { features as featureBits, opcodes } from './constants';
import { MemlockError } from './errors';
import { ioUringDisabledText, readSysctl } from './io-uring-disabled';
import { hasCapability, memlockInfo, ringMappedBytes } from './memlock';
import { addonPath, loadFailure, tryBinding } from './native';
import { ENTRIES } from './promises/backend';
import { Ring } from './ring';
import { registerMark } from './register-mark';
import { ringBytes } from './setup-failure';

const CAP_SYS_ADMIN = 21;

/** Fewer rings of ENTRIES than this fit in RLIMIT_MEMLOCK: warn (one per thread using uring/promises, per user). */
export const FEW_RINGS = 16;

/** Every opcode uring/promises submits; without one, the calls that need it go to node:fs. */
export const PROMISES_OPCODES = ['READ', 'WRITE', 'READV', 'WRITEV', 'FSYNC', 'OPENAT', 'CLOSE', 'STATX',
  'RENAMEAT', 'LINKAT', 'SYMLINKAT', 'UNLINKAT', 'MKDIRAT', 'FTRUNCATE', 'ASYNC_CANCEL'] as const;

export type UnusableReason = 'addon' | 'enosys' | 'seccomp' | 'io_uring_disabled' | 'memlock' | 'other';

export interface DoctorReport {
  /** uring/promises will use io_uring (exit code 0). */
  usable: boolean;
  /** Why uring/promises will use node:fs (absent when usable). */
  reason?: UnusableReason;
  explanation: string;
  /** What the user should know even when usable (few rings fit in RLIMIT_MEMLOCK). */
  warnings: string[];
  version: string;
  kernel: { release: string; version: string };
  node: string;
  addon: { loaded: boolean; path?: string; error?: string };
  /** A ring of the size uring/promises creates, set up and closed. */
  setup: { ok: boolean; entries: number; code?: string; errno?: number; message?: string };
  sysctl: { ioUringDisabled: number | null; ioUringGroup: number | null };
  seccomp: { mode: number | null; text: string };
  memlock: {
    limitBytes: number | null; unlimited: boolean; capIpcLock: boolean;
    /** Bytes one ring of uring/promises is charged; rings already mapped here (libuv's on Node 22+). */
    ringBytes: number; mappedBytes: number;
    /** How many more such rings the limit leaves room for (null: the limit does not apply). */
    ringsThatFit: number | null;
  };
  opcodes: string[];
  promisesOpcodes: { present: boolean; missing: string[] };
  features: string[];
  backend: { name: string; source: 'uring/promises' | 'ring-setup'; reason?: string };
  /** uring/register in this process: loaded through node's flags or NODE_OPTIONS, or not. */
  register: { state: 'active' | 'inactive' | 'disabled' | 'not-loaded'; text: string };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function seccompMode(): number | null {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(/^Seccomp:\s*(\d+)$/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** /proc/self/status's Seccomp mode in words. */
export function seccompText(mode: number | null): string {
  if (mode === 0) return 'none (no filter)';
  if (mode === 1) return 'strict (only read, write, exit and sigreturn are allowed)';
  if (mode === 2) return 'filter (a seccomp filter decides which system calls are allowed)';
  return 'unknown';
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
      `a seccomp filter blocks it (seccomp: ${seccompText(seccomp)}; Docker's default profile does: run with ` +
      '--security-opt seccomp=<profile allowing io_uring_setup/enter/register>) or a security module denies it.'];
  }
  if (code === 'ENOMEM') {
    return ['memlock', 'io_uring_setup ran out of locked memory: the rings count against RLIMIT_MEMLOCK, per user ' +
      'across all their processes. Raise it (`ulimit -l`, systemd `LimitMEMLOCK=`, `docker run --ulimit memlock=-1:-1`).'];
  }
  return ['other', `io_uring_setup failed with ${code ?? 'an unknown error'}.`];
}

/** The drop-in API's own verdict (its check creates no ring), else none. */
function promisesBackend(): { name: string; reason?: string } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(__dirname, 'promises')) as { backend?: unknown; backendReason?: unknown };
    const name = mod.backend;
    if (typeof name !== 'string') return undefined;
    const reason = mod.backendReason;
    return typeof reason === 'string' && reason !== '' ? { name, reason } : { name };
  } catch {
    return undefined;
  }
}

function memlockFacts(): DoctorReport['memlock'] {
  const { limitBytes, ipcLock } = memlockInfo();
  const unlimited = !Number.isFinite(limitBytes);
  const one = ringBytes(ENTRIES, 0);
  const mappedBytes = ringMappedBytes();
  const ringsThatFit = ipcLock || unlimited ? null : Math.max(0, Math.floor((limitBytes - mappedBytes) / one));
  return { limitBytes: unlimited ? null : limitBytes, unlimited, capIpcLock: ipcLock, ringBytes: one, mappedBytes, ringsThatFit };
}

function fewRingsWarning(m: DoctorReport['memlock']): string | undefined {
  if (m.ringsThatFit === null || m.ringsThatFit === 0 || m.ringsThatFit >= FEW_RINGS) return undefined;
  return `RLIMIT_MEMLOCK (${m.limitBytes} bytes) leaves room for only ${m.ringsThatFit} ring(s) of ${ENTRIES} entries ` +
    `(${m.ringBytes} bytes each; uring/promises makes one per thread that uses it). The kernel counts locked memory ` +
    'per user, across all their processes: other processes of this user using io_uring take from the same room, and ' +
    'uring/promises then falls back to node:fs. Raise it (`ulimit -l`, systemd `LimitMEMLOCK=`, `docker run --ulimit memlock=-1:-1`).';
}

/** Whether uring/register runs in this process (the doctor is started with the same NODE_OPTIONS as the app). */
export function registerFacts(): DoctorReport['register'] {
  const mark = registerMark();
  if (mark === 'active') return { state: 'active', text: 'active: node:fs and node:fs/promises go through uring in this process' };
  if (mark !== undefined) return { state: /^URING_DISABLE/.test(mark) ? 'disabled' : 'inactive', text: `loaded, inactive: ${mark}` };
  if (process.env.URING_DISABLE === '1') return { state: 'disabled', text: 'not loaded; URING_DISABLE=1 would make it leave node:fs as it is' };
  return { state: 'not-loaded', text: 'not loaded: run node with --import uring/register (or -r, or in NODE_OPTIONS) to put every library\'s node:fs on io_uring' };
}

export function doctor(): DoctorReport {
  const disabled = readSysctl('/proc/sys/kernel/io_uring_disabled');
  const group = readSysctl('/proc/sys/kernel/io_uring_group');
  const seccomp = seccompMode();
  const binding = tryBinding();
  const report: DoctorReport = {
    usable: false,
    explanation: '',
    warnings: [],
    version: packageVersion(),
    kernel: { release: os.release(), version: os.version() },
    node: process.version,
    addon: binding ? { loaded: true, path: addonPath() } : { loaded: false, error: loadFailure()?.message },
    setup: { ok: false, entries: ENTRIES },
    sysctl: { ioUringDisabled: disabled, ioUringGroup: group },
    seccomp: { mode: seccomp, text: seccompText(seccomp) },
    memlock: memlockFacts(),
    opcodes: [],
    promisesOpcodes: { present: false, missing: [] },
    features: [],
    backend: { name: 'fs', source: 'ring-setup' },
    register: registerFacts(),
  };
  // Asked before the probe below maps a ring, as uring/promises asks before its first call.
  const fromPromises = promisesBackend();

  if (!binding) {
    report.reason = 'addon';
    report.explanation = `the native addon could not be loaded: ${report.addon.error ?? 'unknown error'}`;
  } else {
    // The ring uring/promises creates at its first call; a doctor is a short process, so the
    // kernel's asynchronous uncharge after close() costs nobody anything.
    let ring: Ring | undefined;
    try {
      ring = new Ring({ entries: ENTRIES });
      report.setup = { ok: true, entries: ENTRIES };
      for (let op = 0; op < 256; op++) {
        if (ring.supports(op)) report.opcodes.push(opcodeNames.get(op) ?? `OP_${op}`);
      }
      for (const [name, bit] of Object.entries(featureBits)) if ((ring.features & bit) !== 0) report.features.push(name);
      const missing = PROMISES_OPCODES.filter((name) => !report.opcodes.includes(name));
      report.promisesOpcodes = { present: missing.length === 0, missing };
    } catch (err) {
      const e = err as { code?: string; errno?: number; message?: string };
      report.setup = { ok: false, entries: ENTRIES, code: e.code, errno: e.errno, message: e.message?.split('\n')[0] };
      const ids = [...(process.getgroups?.() ?? []), process.getgid?.() ?? -1];
      const inGroup = group !== null && group !== -1 && ids.includes(group);
      [report.reason, report.explanation] = diagnose(e.code, { disabled, group, seccomp, sysAdmin: hasCapability(CAP_SYS_ADMIN), inGroup });
      // A MemlockError's own message has the limit, the bytes asked for and how to raise it.
      if (err instanceof MemlockError) report.explanation = report.setup.message ?? report.explanation;
    } finally {
      ring?.close();
    }
  }

  if (fromPromises?.name === 'fs') {
    // uring/promises decided without a ring (it will not try one): its reason is the one.
    report.backend = { ...fromPromises, source: 'uring/promises' };
    if (report.reason === undefined) {
      report.reason = /^ENOMEM/.test(fromPromises.reason ?? '') ? 'memlock' : 'other';
      report.explanation = fromPromises.reason ?? 'its check refused io_uring';
    }
  } else if (report.reason !== undefined) {
    // Its check passed, but the ring it creates at the first call fails as the probe did.
    report.backend = { name: 'fs', source: 'ring-setup', reason: report.setup.message ?? report.explanation };
  } else {
    report.backend = fromPromises ? { ...fromPromises, source: 'uring/promises' } : { name: 'io_uring', source: 'ring-setup' };
  }
  report.usable = report.backend.name === 'io_uring';
  if (report.usable) {
    report.explanation = `uring/promises will use io_uring (a ring of ${ENTRIES} entries, created at its first call).`;
  } else {
    report.explanation = `uring/promises will use node:fs because ${report.explanation}`;
  }
  const few = fewRingsWarning(report.memlock);
  if (few !== undefined) report.warnings.push(few);
  return report;
}
