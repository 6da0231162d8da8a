// The doctor's report as text, and its command line (`uring doctor [--json]`).
import { doctor, type DoctorReport } from './doctor';

function formatBytes(n: number | null): string {
  if (n === null) return 'unlimited';
  return n >= 1024 * 1024 ? `${n} bytes (${(n / 1024 / 1024).toFixed(1)} MiB)` : `${n} bytes (${(n / 1024).toFixed(0)} KiB)`;
}

function memlockLine(m: DoctorReport['memlock'], entries: number): string {
  const cap = `CAP_IPC_LOCK: ${m.capIpcLock ? 'yes (the limit does not apply)' : 'no'}`;
  if (m.ringsThatFit === null) return `${formatBytes(m.limitBytes)}; ${cap}`;
  return `${formatBytes(m.limitBytes)}; ${cap}; a ${entries}-entry ring is charged ${formatBytes(m.ringBytes)}` +
    `${m.mappedBytes > 0 ? ` (${m.mappedBytes} bytes already mapped by libuv)` : ''}: room for ${m.ringsThatFit} such ring(s)`;
}

function opcodesLine(r: DoctorReport): string {
  const all = `(${r.opcodes.length} supported in all; --json lists them)`;
  if (r.promisesOpcodes.present) return `every opcode uring/promises uses: present ${all}`;
  return `missing: ${r.promisesOpcodes.missing.join(' ')} (uring/promises sends those calls to node:fs) ${all}`;
}

export function formatReport(r: DoctorReport): string {
  const lines = [
    `uring doctor (uring ${r.version})`,
    `  kernel:             ${r.kernel.release} (${r.kernel.version})`,
    `  node:               ${r.node}`,
    `  native addon:       ${r.addon.loaded ? `loaded from ${r.addon.path ?? '(path unknown)'}` : `NOT loaded: ${r.addon.error}`}`,
    `  io_uring_setup:     ${r.setup.ok ? 'ok' : `FAILED${r.setup.code ? ` (${r.setup.code})` : ''}`} ` +
      `(a ring of ${r.setup.entries} entries, as uring/promises creates)`,
    `  io_uring_disabled:  ${r.sysctl.ioUringDisabled ?? 'n/a (sysctl absent)'}` +
      (r.sysctl.ioUringGroup !== null ? `, io_uring_group: ${r.sysctl.ioUringGroup}` : ''),
    `  seccomp:            ${r.seccomp.text}`,
    `  RLIMIT_MEMLOCK:     ${memlockLine(r.memlock, r.setup.entries)}`,
  ];
  if (r.setup.ok) {
    lines.push(`  features:           ${r.features.join(' ')}`);
    lines.push(`  opcodes:            ${opcodesLine(r)}`);
  }
  // When it is node:fs, the verdict below gives the reason.
  lines.push(`  backend:            ${r.backend.name} (from ${r.backend.source}${r.usable && r.backend.reason ? `: ${r.backend.reason}` : ''})`);
  lines.push(`  uring/register:     ${r.register.text}`);
  lines.push('', r.usable ? `OK: ${r.explanation}` : `UNUSABLE (${r.reason}): ${r.explanation}`);
  for (const w of r.warnings) lines.push(`WARNING: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** CLI entry: prints the report (JSON with --json); exit code 1 when uring/promises will use node:fs. */
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
