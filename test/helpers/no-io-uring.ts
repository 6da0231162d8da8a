// Builds test/helpers/no-io-uring.c once per run and gives the command prefix that runs a
// program with io_uring blocked by seccomp (as Docker's default profile does).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const source = path.join(__dirname, 'no-io-uring.c');

export function noIoUring(errno?: number): string[] {
  const dir = path.join(tmpdir(), `uring-test-helpers-${process.getuid?.() ?? 0}`);
  const bin = path.join(dir, 'no-io-uring');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${bin}.${process.pid}`;
    execFileSync('cc', ['-O2', '-o', tmp, source]);
    execFileSync('mv', ['-f', tmp, bin]);
  }
  return errno === undefined ? [bin] : [bin, `--errno=${errno}`];
}
