// The cross-compiled linux-arm64 prebuild, installed as the tarball lays it out, loads in the
// registry's official arm64 Node run under qemu-user. qemu does not emulate io_uring_setup
// (ENOSYS): then `Ring` says so and `uring/promises` falls back to node:fs; should a qemu
// emulate it, the ring must round-trip a NOP and uring/promises must use it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cannotTestPrebuild, ensurePrebuilds, root } from './helpers/prebuilds';

const { nodeBinary } = require('../scripts/node-versions') as { nodeBinary(major: number, arch: string): string };

// The oldest maintained LTS line; the binary is Node-API, one build for every major.
const NODE_MAJOR = 22;
const skip = cannotTestPrebuild('arm64', true);

let work: string;
let pkgDir: string;
let armNode: string;

beforeAll(() => {
  if (skip) {
    console.warn(`SKIPPED loading the linux-arm64 prebuild under qemu: ${skip}`);
    return;
  }
  work = mkdtempSync(path.join(tmpdir(), 'uring-arm64-'));
  pkgDir = path.join(work, 'node_modules', 'uring');
  mkdirSync(pkgDir, { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(pkgDir, 'package.json'));
  cpSync(path.join(root, 'dist'), path.join(pkgDir, 'dist'), { recursive: true });
  for (const arch of ['x64', 'arm64']) {
    mkdirSync(path.join(pkgDir, 'prebuilds', `linux-${arch}`), { recursive: true });
    cpSync(ensurePrebuilds(arch), path.join(pkgDir, 'prebuilds', `linux-${arch}`, 'uring.glibc.node'));
  }
  symlinkSync(path.join(root, 'node_modules', 'node-gyp-build'), path.join(work, 'node_modules', 'node-gyp-build'));
  writeFileSync(path.join(work, 'data.txt'), 'read on arm64');
  armNode = nodeBinary(NODE_MAJOR, 'arm64');
}, 180000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Outcome {
  arch: string; loaded: string; nativeExports: string[];
  ring: { works?: number[][]; code?: string; syscall?: string; isUringError?: boolean; message?: string };
  backend: string; reason: string; text: string; written: string;
}

const script = `
  const uring = require('uring');
  const loaded = require('node-gyp-build').resolve(require('path').dirname(require.resolve('uring/package.json')));
  const out = { arch: process.arch, loaded, nativeExports: Object.keys(require(loaded)).sort(), ring: {} };
  try {
    const ring = new uring.Ring({ entries: 4 });
    ring.prepNop(5);
    ring.submit(1);
    const seen = [];
    while (seen.length < 1) { ring.submit(0); ring.reap((ud, res) => seen.push([ud, res])); }
    ring.close();
    out.ring.works = seen;
  } catch (e) {
    Object.assign(out.ring, { code: e.code, syscall: e.syscall, isUringError: e instanceof uring.UringError, message: e.message });
  }
  const p = require('uring/promises');
  (async () => {
    out.text = await p.readFile('data.txt', 'utf8');
    await p.writeFile('out.txt', 'written on arm64');
    out.written = require('fs').readFileSync('out.txt', 'utf8');
    Object.assign(out, { backend: p.backend, reason: p.backendReason });
    console.log(JSON.stringify(out));
  })();
`;

(skip ? test.skip : test)(`Node ${NODE_MAJOR} linux-arm64 under qemu loads prebuilds/linux-arm64 and works or falls back`, () => {
  const stdout = execFileSync('qemu-aarch64-static', [armNode, '-e', script], {
    cwd: work, encoding: 'utf8', env: { ...process.env, PREBUILDS_ONLY: '1' },
  });
  const r = JSON.parse(stdout.trim().split('\n').pop()!) as Outcome;
  expect(r.arch).toBe('arm64');
  expect(r.loaded).toBe(path.join(pkgDir, 'prebuilds', 'linux-arm64', 'uring.glibc.node'));
  // dlopen succeeded and the addon initialised: its exports are there.
  expect(r.nativeExports).toEqual(expect.arrayContaining(['NativeRing', 'setupCheck']));
  expect(r.text).toBe('read on arm64');
  expect(r.written).toBe('written on arm64');
  if (r.ring.works) {
    expect(r.ring.works).toEqual([[5, 0]]);
    expect(r.backend).toBe('io_uring');
  } else {
    // The native io_uring_setup ran and the kernel call failed: not ERR_URING_UNAVAILABLE.
    expect(r.ring).toEqual(expect.objectContaining({ code: 'ENOSYS', syscall: 'io_uring_setup', isUringError: true }));
    expect(r.backend).toBe('fs');
    expect(r.reason).toMatch(/ENOSYS/);
  }
}, 120000);
