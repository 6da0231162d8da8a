// NODE_DEBUG=uring reports, through node's util.debuglog, the backend uring/promises chose and
// why, and each call that goes to node:fs because the kernel lacks its opcode; without it,
// nothing is printed.
import { runNode, packageRoot } from './helpers/child';
import { noIoUring } from './helpers/no-io-uring';

// The child hides STATX from the probe when asked, as a kernel without it would.
const CHILD = `
const [root, hideStatx] = process.argv.slice(1);
if (hideStatx === 'yes') {
  const binding = require(root + '/dist/native.js').tryBinding();
  binding.NativeRing = class extends binding.NativeRing {
    probe() { const p = super.probe(); if (typeof p !== 'number') p[21] = 0; return p; }
  };
}
const fsp = require(root + '/dist/promises');
fsp.stat('/').then((s) => console.log(JSON.stringify({ dir: s.isDirectory(), backend: fsp.backend })));
`;

function run(env: Record<string, string>, hideStatx = false, prefix: string[] = []) {
  return runNode(['-e', CHILD, packageRoot, hideStatx ? 'yes' : 'no'], { env: { ...process.env, ...env }, prefix });
}

test('with io_uring: the backend before the first call and the ring it made', () => {
  const r = run({ NODE_DEBUG: 'uring' });
  expect(r.stdout).toContain('"backend":"io_uring"');
  expect(r.stderr).toMatch(/^URING \d+: backend before the first call: io_uring \(/m);
  expect(r.stderr).toMatch(/^URING \d+: backend: io_uring \(io_uring ring of 256 entries/m);
});

test('under a seccomp filter refusing io_uring_setup: fs, and why', () => {
  const r = run({ NODE_DEBUG: 'uring' }, false, noIoUring());
  expect(r.stdout).toContain('"backend":"fs"');
  expect(r.stderr).toMatch(/^URING \d+: backend before the first call: fs \(EPERM.*seccomp/m);
});

test('a call whose opcode the kernel lacks says it goes to node:fs', () => {
  const r = run({ NODE_DEBUG: 'uring' }, true);
  expect(r.stdout).toContain('"dir":true');
  expect(r.stderr).toMatch(/^URING \d+: the running kernel has no IORING_OP_STATX: this call goes to node:fs$/m);
});

test('without NODE_DEBUG nothing is printed', () => {
  const quiet = { ...process.env };
  delete quiet.NODE_DEBUG;
  const r = runNode(['-e', CHILD, packageRoot, 'yes'], { env: quiet });
  expect(r.stdout).toContain('"dir":true');
  expect(r.stderr).toBe('');
});
