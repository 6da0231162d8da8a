'use strict';
// `prepack`: refuse to pack or publish without a prebuilt binary as new as its sources, since
// users' installs never compile (npm blocks dependency install scripts).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
// The package's `cpu` list: each needs its own binary (scripts/prebuild.js builds both).
const binaries = ['x64', 'arm64'].map((arch) => path.join(root, 'prebuilds', `linux-${arch}`, 'uring.glibc.node'));
const sources = ['binding.gyp', 'scripts/liburing.js', 'scripts/prebuild.js', 'scripts/node-headers.js', 'scripts/has-command.js',
  ...fs.readdirSync(path.join(root, 'src-native')).map((f) => `src-native/${f}`)];

function fail(why) {
  process.stderr.write(`uring: ${why}; run \`npm run prebuild\` before \`npm pack\` / \`npm publish\`.\n`);
  process.exit(1);
}

for (const binary of binaries) {
  if (!fs.existsSync(binary)) fail(`${path.relative(root, binary)} is missing`);
  const built = fs.statSync(binary).mtimeMs;
  const newer = sources.filter((f) => fs.statSync(path.join(root, f)).mtimeMs > built);
  if (newer.length > 0) fail(`${path.relative(root, binary)} is older than ${newer.join(', ')}`);
}
