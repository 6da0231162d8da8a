'use strict';
// node scripts/setup.js [--test]
// Makes a checkout ready to build and run: the system packages the build needs (liburing-dev,
// pkg-config, g++, make, python3; with --test also what the tests call: strace, prlimit,
// readelf, cc), installed with apt-get when missing and running as root, otherwise the exact
// command to run is printed and setup stops; with --test also, optionally, the arm64 cross
// toolchain and qemu (scripts/setup-arm64.js); then `npm ci` when node_modules is missing or
// older than package-lock.json. node-gyp builds against the running Node's own headers, so
// nothing else is downloaded. `npm test` and `npm run bench` run it first.
const { execFileSync } = require('node:child_process');
const { has } = require('./has-command');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { nodeHeadersEnv } = require('./node-headers');
const { setupArm64 } = require('./setup-arm64');

const ROOT = path.join(__dirname, '..');

function hasLiburing() {
  try {
    const libdir = execFileSync('pkg-config', ['--variable=libdir', 'liburing'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return fs.existsSync(path.join(libdir, 'liburing.a'));
  } catch {
    return false;
  }
}

/** Debian packages missing for the build (and, with `forTests`, for the tests). */
function missingPackages(forTests) {
  const need = [];
  if (!has('pkg-config')) need.push('pkg-config');
  if (!hasLiburing()) need.push('liburing-dev');
  if (!has('g++')) need.push('g++');
  if (!has('make')) need.push('make');
  if (!has('python3')) need.push('python3');
  if (forTests) {
    if (!has('strace')) need.push('strace');
    if (!has('prlimit') || !has('setpriv')) need.push('util-linux');
    if (!has('readelf')) need.push('binutils');
    if (!has('cc')) need.push('gcc');
  }
  return [...new Set(need)];
}

function installPackages(pkgs) {
  const command = `apt-get update && apt-get install -y ${pkgs.join(' ')}`;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    console.error(`uring setup: missing ${pkgs.join(', ')}. Install them, then run this again:\n  sudo ${command}\n` +
      '(other distributions: a C++ toolchain, make, python3, pkg-config and liburing with its static library liburing.a)');
    process.exit(1);
  }
  console.log(`uring setup: installing ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
}

// The package-lock.json that node_modules was installed from, recorded after each npm ci:
// modification times say nothing in a fresh clone or a git worktree.
const INSTALLED_LOCK = path.join(ROOT, 'node_modules', '.uring-installed-lock');

function lockHash() {
  return createHash('sha256').update(fs.readFileSync(path.join(ROOT, 'package-lock.json'))).digest('hex');
}

function needsNpmCi() {
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'))) return true;
  return !fs.existsSync(INSTALLED_LOCK) || fs.readFileSync(INSTALLED_LOCK, 'utf8') !== lockHash();
}

function main() {
  const forTests = process.argv.includes('--test');
  const missing = missingPackages(forTests);
  if (missing.length > 0) installPackages(missing);
  const arm64 = forTests ? setupArm64(true) : undefined;
  if (arm64) console.warn(arm64);
  if (needsNpmCi()) {
    console.log('uring setup: npm ci');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...nodeHeadersEnv() } });
    fs.writeFileSync(INSTALLED_LOCK, lockHash());
  }
}

main();
