'use strict';
// Used by binding.gyp: prints where liburing's headers or static library are, or stops the
// build with a message that names the package to install.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const HINT = 'uring needs liburing (headers and liburing.a) to build from source. ' +
  'On Debian/Ubuntu: apt-get update && apt-get install -y liburing-dev';

function pkgConfig(args) {
  try {
    return execFileSync('pkg-config', args.concat('liburing'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function fail(detail) {
  process.stderr.write(`\n${HINT}\n(${detail})\n\n`);
  process.exit(1);
}

const what = process.argv[2];
const libdir = pkgConfig(['--variable=libdir']);
if (libdir === null) fail('pkg-config does not know liburing');
if (what === 'lib') {
  const archive = path.join(libdir, 'liburing.a');
  if (!fs.existsSync(archive)) fail(`${archive} is missing`);
  process.stdout.write(archive);
} else if (what === 'include') {
  const includedir = pkgConfig(['--variable=includedir']);
  if (!includedir || !fs.existsSync(path.join(includedir, 'liburing.h'))) fail('liburing.h is missing');
  process.stdout.write(includedir);
} else {
  fail(`unknown request ${what}`);
}
