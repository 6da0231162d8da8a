'use strict';
// `npm run prebuild [x64|arm64 ...]`: prebuildify, offline, one glibc binary per Linux arch
// (both by default). Left alone, prebuildify --napi targets the newest Node it knows and
// node-gyp downloads that version's headers; a Node-API addon builds the same against the
// local headers (they are arch-independent), so point node-gyp at them. The arch that is not
// the host's is cross-compiled with Debian's <triplet>-g++ and liburing.a from the multiarch
// liburing-dev:<arch>; the host's is built last so that build/ is left with the host's objects.
const { spawnSync } = require('node:child_process');
const { has } = require('./has-command');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { nodeHeadersEnv } = require('./node-headers');

const root = path.join(__dirname, '..');
const TRIPLETS = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };
const DEBIAN_ARCH = { x64: 'amd64', arm64: 'arm64' };

const env = { ...process.env, ...nodeHeadersEnv() };

/** Extra env and prebuildify flags for `arch`, or a string saying what is missing to cross-build it. */
function toolchain(arch) {
  if (arch === os.arch()) return { env: {}, args: [] };
  const t = TRIPLETS[arch];
  const libdir = `/usr/lib/${t}`;
  if (!has(`${t}-g++`) || !has(`${t}-strip`) || !fs.existsSync(path.join(libdir, 'liburing.a'))) {
    return `g++-${t.replace(/_/g, '-')} and liburing-dev:${DEBIAN_ARCH[arch]} ` +
      `(dpkg --add-architecture ${DEBIAN_ARCH[arch]} && apt-get update && apt-get install -y g++-${t.replace(/_/g, '-')} liburing-dev:${DEBIAN_ARCH[arch]})`;
  }
  return {
    // pkg-config (scripts/liburing.js) must see only the target's liburing.pc, never the host's.
    env: { CC: `${t}-gcc`, CXX: `${t}-g++`, PKG_CONFIG_LIBDIR: `${libdir}/pkgconfig:/usr/share/pkgconfig` },
    args: ['--strip-bin', `${t}-strip`],
  };
}

const asked = process.argv.slice(2);
for (const a of asked) if (!TRIPLETS[a]) throw new Error(`usage: node scripts/prebuild.js [x64|arm64 ...] (got ${a})`);
const arches = (asked.length > 0 ? asked : Object.keys(TRIPLETS))
  .sort((a, b) => (a === os.arch()) - (b === os.arch()));

const bin = require.resolve('prebuildify/bin.js', { paths: [root] });
for (const arch of arches) {
  const tc = toolchain(arch);
  if (typeof tc === 'string') {
    // Not fatal, so that `npm run build` works without a cross toolchain; `npm pack` refuses without it.
    process.stderr.write(`uring prebuild: skipped linux-${arch}: cross-compiling it needs ${tc}\n`);
    if (asked.includes(arch)) process.exitCode = 1;
    continue;
  }
  const args = [bin, '--napi', '--strip', '--tag-libc', '--arch', arch, '--target', `node@${process.versions.node}`, ...tc.args];
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...env, ...tc.env }, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
