// `npm pack` / `npm publish` refuse to ship without a prebuilt binary as new as its sources
// (the prepack script), since users' installs never compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers/prebuilds';

const pkg = require(path.join(root, 'package.json')) as { scripts: Record<string, string> };

let dir: string;
const binary = (arch = 'x64'): string => path.join(dir, 'prebuilds', `linux-${arch}`, 'uring.glibc.node');

beforeEach(() => {
  // A scratch layout of the files the check looks at, so mtimes can be set freely.
  dir = mkdtempSync(path.join(tmpdir(), 'uring-prepack-'));
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(path.join(dir, 'src-native'));
  cpSync(path.join(root, 'scripts', 'check-prebuilds.js'), path.join(dir, 'scripts', 'check-prebuilds.js'));
  for (const f of ['binding.gyp', 'scripts/liburing.js', 'scripts/prebuild.js', 'scripts/node-headers.js', 'scripts/has-command.js', 'src-native/ring.cc', 'src-native/ring.h']) {
    writeFileSync(path.join(dir, f), '');
    utimesSync(path.join(dir, f), 1000, 1000);
  }
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function check(): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'check-prebuilds.js')], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

function writeBinary(mtime: number, arches = ['x64', 'arm64']): void {
  for (const arch of arches) {
    mkdirSync(path.dirname(binary(arch)), { recursive: true });
    writeFileSync(binary(arch), '');
    utimesSync(binary(arch), mtime, mtime);
  }
}

test('package.json runs the check before packing', () => {
  expect(pkg.scripts.prepack).toBe('node scripts/check-prebuilds.js');
});

test('no prebuilt binary: refused, saying to run npm run prebuild', () => {
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/prebuilds\/linux-x64\/uring\.glibc\.node is missing; run `npm run prebuild`/);
});

test('only the x64 binary: refused, since the package also installs on arm64', () => {
  writeBinary(2000, ['x64']);
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/prebuilds\/linux-arm64\/uring\.glibc\.node is missing; run `npm run prebuild`/);
});

test('an arm64 binary older than a source: refused, naming it and the source', () => {
  writeBinary(4000, ['x64']);
  writeBinary(2000, ['arm64']);
  utimesSync(path.join(dir, 'src-native', 'ring.h'), 3000, 3000);
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/prebuilds\/linux-arm64\/uring\.glibc\.node is older than src-native\/ring\.h;/);
});

test('a source newer than the binary: refused, naming the source', () => {
  writeBinary(2000);
  utimesSync(path.join(dir, 'src-native', 'ring.h'), 3000, 3000);
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/is older than src-native\/ring\.h;/);
});

test('both binaries newer than every source: accepted', () => {
  writeBinary(2000);
  expect(check()).toEqual({ status: 0, stderr: '' });
});
