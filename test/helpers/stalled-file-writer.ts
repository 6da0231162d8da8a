// Builds test/helpers/stalled-file-writer.c once per run: a process whose write holds a file's
// inode lock until told to let go (needs userfaultfd for kernel faults: root or CAP_SYS_PTRACE).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function stalledFileWriter(): string {
  const dir = path.join(tmpdir(), `uring-test-helpers-${process.getuid?.() ?? 0}`);
  const bin = path.join(dir, 'stalled-file-writer');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${bin}.${process.pid}`;
    execFileSync('cc', ['-O2', '-pthread', '-o', tmp, path.join(__dirname, 'stalled-file-writer.c')]);
    execFileSync('mv', ['-f', tmp, bin]);
  }
  return bin;
}
