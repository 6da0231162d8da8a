// Where io_uring is blocked (seccomp, as in Docker's default profile), uring/fs's calls are
// node:fs's: the same callbacks and files as node:fs itself.
import { noIoUring } from './helpers/no-io-uring';
import { lastJson, runScript } from './helpers/child';

const script = `
const nodeFs = require('node:fs');
const ufs = require('uring/fs');
const path = require('node:path');
const os = require('node:os');
const call = (f, name, ...args) => new Promise((resolve) => {
  let returned = false;
  f[name](...args, (...res) => resolve([name, returned, res.map((v) => v instanceof Error ? [v.code, v.syscall, v.message.split(args[0]).join('P')] : v instanceof nodeFs.Stats ? v.size : Buffer.isBuffer(v) ? v.toString() : typeof v === 'number' && name === 'open' ? 'fd' : v)]));
  returned = true;
});
async function workload(f, dir) {
  const out = [];
  const p = path.join(dir, 'a');
  out.push(await call(f, 'open', p, 'w+'));
  const fd = nodeFs.openSync(p, 'r+');
  out.push(await call(f, 'write', fd, Buffer.from('hello'), 0, 5, 0));
  out.push(await call(f, 'write', fd, 'abc', 10));
  out.push(await call(f, 'read', fd, Buffer.alloc(4), 0, 4, 1));
  out.push(await call(f, 'fstat', fd));
  out.push(await call(f, 'fsync', fd));
  out.push(await call(f, 'close', fd));
  out.push(await call(f, 'close', fd));
  out.push(await call(f, 'stat', p));
  out.push(await call(f, 'writeFile', p + 'w', 'whole'));
  out.push(await call(f, 'appendFile', p + 'w', ' more'));
  out.push(await call(f, 'truncate', p + 'w', 8));
  out.push(await call(f, 'readFile', p + 'w', 'utf8'));
  out.push(await call(f, 'unlink', p + 'w'));
  out.push(await call(f, 'lstat', p + 'x'));
  out.push(await call(f, 'mkdir', p + 'd'));
  out.push(await call(f, 'rename', p, p + 'd/b'));
  out.push(await call(f, 'unlink', p + 'd/b'));
  out.push(await call(f, 'rmdir', p + 'd'));
  out.push(await new Promise((resolve) => f.exists(p + 'd', (e) => resolve(['exists', e]))));
  return out;
}
(async () => {
  const n = await workload(nodeFs, nodeFs.mkdtempSync(path.join(os.tmpdir(), 'uring-fs-n-')));
  const u = await workload(ufs, nodeFs.mkdtempSync(path.join(os.tmpdir(), 'uring-fs-u-')));
  console.log(JSON.stringify({ n, u, backend: ufs.promises.backend }));
})();
`;

test('uring/fs under seccomp gives node:fs results', () => {
  const r = lastJson(runScript(script, { prefix: noIoUring() }));
  expect(r.backend).toBe('fs');
  expect(r.u).toEqual(r.n);
});

test('the same workload through io_uring when allowed', () => {
  const r = lastJson(runScript(script));
  expect(r.backend).toBe('io_uring');
  expect(r.u).toEqual(r.n);
});
