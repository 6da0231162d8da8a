// `npm pack` / `npm publish` refuse to ship without a prebuilt binary as new as its sources
// (the prepack script), since users' installs never compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './helpers/prebuilds';

const pkg = require(path.join(root, 'package.json')) as { scripts: Record<string, string> };

let dir: string;
const binary = (): string => path.join(dir, 'prebuilds', 'linux-x64', 'uring.glibc.node');

beforeEach(() => {
  // A scratch layout of the files the check looks at, so mtimes can be set freely.
  dir = mkdtempSync(path.join(tmpdir(), 'uring-prepack-'));
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(path.join(dir, 'src-native'));
  cpSync(path.join(root, 'scripts', 'check-prebuilds.js'), path.join(dir, 'scripts', 'check-prebuilds.js'));
  for (const f of ['binding.gyp', 'scripts/liburing.js', 'scripts/prebuild.js', 'src-native/ring.cc', 'src-native/ring.h']) {
    writeFileSync(path.join(dir, f), '');
    utimesSync(path.join(dir, f), 1000, 1000);
  }
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function check(): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'check-prebuilds.js')], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

function writeBinary(mtime: number): void {
  mkdirSync(path.dirname(binary()), { recursive: true });
  writeFileSync(binary(), '');
  utimesSync(binary(), mtime, mtime);
}

test('package.json runs the check before packing', () => {
  expect(pkg.scripts.prepack).toBe('node scripts/check-prebuilds.js');
});

test('no prebuilt binary: refused, saying to run npm run prebuild', () => {
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/prebuilds\/linux-x64\/uring\.glibc\.node is missing; run `npm run prebuild`/);
});

test('a source newer than the binary: refused, naming the source', () => {
  writeBinary(2000);
  utimesSync(path.join(dir, 'src-native', 'ring.h'), 3000, 3000);
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/is older than src-native\/ring\.h;/);
});

test('a binary newer than every source: accepted', () => {
  writeBinary(2000);
  expect(check()).toEqual({ status: 0, stderr: '' });
});
