// Importing uring (or uring/promises, from CommonJS or ESM) creates no io_uring instance and
// no eventfd: rings are charged to RLIMIT_MEMLOCK, so the shared ring waits for the first call
// (memlock.test.ts has what that leaves under a low limit). `backend` is right before that
// first call all the same.
import { lastJson, packageRoot, runNode, runScript } from './helpers/child';
import { noIoUring } from './helpers/no-io-uring';


// The io_uring instances and eventfds this process holds, by their /proc/self/fd links.
const COUNT_RINGS = `
const ringFds = () => require('node:fs').readdirSync('/proc/self/fd').map((f) => { try { return require('node:fs').readlinkSync('/proc/self/fd/' + f); } catch { return ''; } })
  .filter((l) => l === 'anon_inode:[io_uring]' || l === 'anon_inode:[eventfd]').length;
`;

test('require of uring and uring/promises, and reading backend, create no ring; the first call does', () => {
  const r = runScript(`${COUNT_RINGS}
    const before = ringFds();
    const uring = require(ROOT);
    const fsp = require(ROOT + '/dist/promises');
    const backend = fsp.backend;
    const atImport = ringFds() - before;
    fsp.stat('/').then(() => console.log(JSON.stringify({ atImport, backend, afterCall: ringFds() - before, after: fsp.backend, same: uring.promises === fsp })));
  `);
  expect(r.status).toBe(0);
  expect(lastJson(r)).toEqual({ atImport: 0, backend: 'io_uring', afterCall: 2, after: 'io_uring', same: true });
});

test('ESM: import of every named export of uring/promises creates no ring', () => {
  const r = runNode(['--input-type=module', '-e', `
    import { readdirSync, readlinkSync } from 'node:fs';
    const ringFds = () => readdirSync('/proc/self/fd').map((f) => { try { return readlinkSync('/proc/self/fd/' + f); } catch { return ''; } })
      .filter((l) => l === 'anon_inode:[io_uring]' || l === 'anon_inode:[eventfd]').length;
    const before = ringFds();
    const ns = await import(${JSON.stringify(`${packageRoot}/dist/promises/index.js`)});
    console.log(JSON.stringify({ atImport: ringFds() - before, backend: ns.backend, reason: typeof ns.backendReason }));
  `]);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual({ atImport: 0, backend: 'io_uring', reason: 'string' });
});

test('with io_uring refused by seccomp, backend is fs with the reason before any call', () => {
  const r = runScript(`
    const fsp = require(ROOT + '/dist/promises');
    console.log(JSON.stringify({ backend: fsp.backend, reason: fsp.backendReason }));
  `, { prefix: noIoUring() });
  const o = lastJson<{ backend: string; reason: string }>(r);
  expect(o.backend).toBe('fs');
  expect(o.reason).toMatch(/EPERM.*seccomp/);
});
