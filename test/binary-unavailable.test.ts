// Where the native binary cannot load (no prebuild for this OS/arch/libc, nothing built, or a
// binary the dynamic loader rejects), `require('uring')` still works, `new Ring()` throws
// ERR_URING_UNAVAILABLE saying what to do, and `uring/promises` falls back to node:fs/promises.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrebuilds, root } from './helpers/prebuilds';

let work: string;
let pkgDir: string;

// The package as installed, minus whatever binary a scenario leaves out.
beforeAll(() => {
  ensurePrebuilds();
  work = mkdtempSync(path.join(tmpdir(), 'uring-unavailable-'));
  pkgDir = path.join(work, 'node_modules', 'uring');
  mkdirSync(pkgDir, { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(pkgDir, 'package.json'));
  cpSync(path.join(root, 'dist'), path.join(pkgDir, 'dist'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules', 'node-gyp-build'), path.join(work, 'node_modules', 'node-gyp-build'));
  writeFileSync(path.join(work, 'data.txt'), 'read without io_uring');
}, 120000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function setPrebuild(kind: 'none' | 'real' | 'corrupt'): void {
  const dir = path.join(pkgDir, 'prebuilds');
  rmSync(dir, { recursive: true, force: true });
  if (kind === 'none') return;
  mkdirSync(path.join(dir, `linux-${process.arch}`), { recursive: true });
  const file = path.join(dir, `linux-${process.arch}`, 'uring.glibc.node');
  if (kind === 'real') cpSync(ensurePrebuilds(), file);
  else writeFileSync(file, 'not an ELF object: what a binary for another platform looks like to dlopen');
}

interface Outcome { keys: string[]; ring: string; code?: string; name?: string; isUringError?: boolean; message?: string; probeCode?: string }

function tryRing(env: Record<string, string> = {}): Outcome {
  const script = `
    const uring = require('uring');
    const out = { keys: Object.keys(uring).sort() };
    try { new uring.Ring({ entries: 2 }).close(); out.ring = 'works'; }
    catch (e) { Object.assign(out, { ring: 'throws', code: e.code, name: e.name, isUringError: e instanceof uring.UringError, message: e.message }); }
    try { uring.probe(); } catch (e) { out.probeCode = e.code; }
    console.log(JSON.stringify(out));
  `;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: work, encoding: 'utf8', env: { ...process.env, ...env } });
  return JSON.parse(out.trim().split('\n').pop()!) as Outcome;
}

function expectUnavailable(r: Outcome, because: RegExp): void {
  expect(r.keys).toEqual(['BufferRing', 'MemlockError', 'Ring', 'UringError', 'constants', 'cqeError', 'probe', 'promises', 'socketAddress']);
  expect(r.ring).toBe('throws');
  expect(r.code).toBe('ERR_URING_UNAVAILABLE');
  expect(r.name).toBe('UringError');
  expect(r.isUringError).toBe(true);
  expect(r.message).toMatch(because);
  expect(r.message).toMatch(/npm rebuild uring/);
  expect(r.probeCode).toBe('ERR_URING_UNAVAILABLE');
}

test('control: with the prebuild in place the same copy of the package runs a ring', () => {
  setPrebuild('real');
  expect(tryRing().ring).toBe('works');
});

test('no prebuild and nothing built: require works, new Ring() throws ERR_URING_UNAVAILABLE', () => {
  setPrebuild('none');
  expectUnavailable(tryRing(), /No native build was found for platform=linux/);
});

test('another architecture (linux-arm64): the x64 prebuild is not used', () => {
  setPrebuild('real');
  expectUnavailable(tryRing({ npm_config_arch: 'arm64' }), /arch=arm64/);
});

test('musl libc: the glibc-tagged prebuild is not used', () => {
  setPrebuild('real');
  expectUnavailable(tryRing({ LIBC: 'musl' }), /libc=musl/);
});

test('a binary the dynamic loader rejects: the loader error is reported, not thrown from require', () => {
  setPrebuild('corrupt');
  expectUnavailable(tryRing(), /invalid ELF header|file too short/);
});

test('uring/promises falls back to node:fs/promises', () => {
  setPrebuild('none');
  const script = `
    const p = require('uring/promises');
    p.readFile(${JSON.stringify(path.join(work, 'data.txt'))}, 'utf8').then(
      (text) => console.log(JSON.stringify({ text, backend: p.backend, reason: p.backendReason })),
      (e) => console.log(JSON.stringify({ error: e.code + ' ' + e.message })));
  `;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: work, encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  expect(r.text).toBe('read without io_uring');
  expect(r.backend).toBe('fs');
  expect(r.reason).toMatch(/native addon could not be loaded/);
});
