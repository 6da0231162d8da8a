// io_uring blocked by seccomp: the Ring refuses to start with an error that says why.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { noIoUring } from './helpers/no-io-uring';

const script = `
const { Ring } = require(${JSON.stringify(path.join(__dirname, '..'))});
try { new Ring(); console.log(JSON.stringify({ ok: true })); }
catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, errno: e.errno, syscall: e.syscall, message: e.message })); }
`;

function runBlocked(errno?: number): { code?: string; errno?: number; syscall?: string; message?: string; ok?: boolean } {
  const [cmd, ...args] = noIoUring(errno);
  // Child processes load the built package (dist/, made by `npm run build`).
  const out = execFileSync(cmd, [...args, process.execPath, '-e', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('io_uring_setup refused', () => {
  test('EPERM from seccomp names the cause', () => {
    const r = runBlocked();
    expect(r.ok).toBeUndefined();
    expect(r.code).toBe('EPERM');
    expect(r.errno).toBe(-1);
    expect(r.syscall).toBe('io_uring_setup');
    expect(r.message).toMatch(/seccomp/);
  });

  test('ENOSYS says the kernel is too old', () => {
    const r = runBlocked(38);
    expect(r.code).toBe('ENOSYS');
    expect(r.message).toMatch(/kernel/);
  });
});
