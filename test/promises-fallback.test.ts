// With io_uring refused (seccomp: EPERM as Docker does, ENOSYS as old kernels do), every call
// goes to node:fs/promises: backend is 'fs', the reason says why, results are node:fs's.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { noIoUring } from './helpers/no-io-uring';

const root = path.join(__dirname, '..');

// Runs the same workload on node:fs/promises and on uring/promises (the built package).
const script = `
const nodeFsp = require('node:fs/promises');
const fsp = require('uring/promises');
const os = require('node:os');
const path = require('node:path');
async function workload(api, dir) {
  const out = [];
  const at = (n) => path.join(dir, n);
  const step = async (fn) => { try { out.push(['ok', await fn()]); } catch (e) { out.push(['err', e.code, e.syscall, String(e.message).split(dir).join('<dir>')]); } };
  await step(() => api.writeFile(at('a'), 'hello'));
  await step(() => api.appendFile(at('a'), ' world'));
  await step(() => api.readFile(at('a'), 'utf8'));
  await step(async () => { const h = await api.open(at('a'), 'r+'); const r = await h.read(Buffer.alloc(5), 0, 5, 6); await h.write('J', 0); const s = await h.stat(); await h.close(); return [r.bytesRead, r.buffer.toString(), s.size, h.fd]; });
  await step(() => api.mkdir(at('d')));
  await step(() => api.rename(at('a'), at('d/b')));
  await step(() => api.symlink('d/b', at('s')));
  await step(async () => (await api.lstat(at('s'))).isSymbolicLink());
  await step(() => api.readdir(dir));
  await step(() => api.unlink(at('missing')));
  await step(() => api.open(at('missing')));
  return out;
}
(async () => {
  const base = await nodeFsp.mkdtemp(path.join(os.tmpdir(), 'uring-fallback-'));
  await nodeFsp.mkdir(path.join(base, 'n'));
  await nodeFsp.mkdir(path.join(base, 'u'));
  const n = await workload(nodeFsp, path.join(base, 'n'));
  const u = await workload(fsp, path.join(base, 'u'));
  const h = await fsp.open('/');
  const nh = await nodeFsp.open('/');
  const nodeHandle = h.constructor === nh.constructor;
  await h.close();
  await nh.close(); // Node 26 fails the process when an unclosed FileHandle is collected
  await nodeFsp.rm(base, { recursive: true });
  console.log(JSON.stringify({ backend: fsp.backend, reason: fsp.backendReason, same: JSON.stringify(n) === JSON.stringify(u), n, u, nodeHandle }));
})().catch((e) => { console.log(JSON.stringify({ crash: String(e && e.stack) })); });
`;

function run(prefix: string[]): Record<string, unknown> {
  const [cmd, ...args] = [...prefix, process.execPath, '-e', script];
  const out = execFileSync(cmd, args, { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('fallback to node:fs/promises', () => {
  test('io_uring_setup refused with EPERM (seccomp)', () => {
    const r = run(noIoUring());
    expect(r.crash).toBeUndefined();
    expect(r.backend).toBe('fs');
    expect(r.reason).toMatch(/EPERM.*seccomp/);
    expect(r.u).toEqual(r.n);
    expect(r.same).toBe(true);
    expect(r.nodeHandle).toBe(true);
  });

  test('io_uring_setup missing (ENOSYS, old kernel)', () => {
    const r = run(noIoUring(38));
    expect(r.backend).toBe('fs');
    expect(r.reason).toMatch(/ENOSYS/);
    expect(r.u).toEqual(r.n);
  });

  test('the same workload through io_uring when allowed', () => {
    const r = run([]);
    expect(r.backend).toBe('io_uring');
    expect(r.u).toEqual(r.n);
    expect(r.nodeHandle).toBe(false);
  });
});
