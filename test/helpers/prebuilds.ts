// The shipped binaries, prebuilds/linux-<arch>/uring.glibc.node: reused when newer than
// their sources (`npm test` refreshes them: `npm run build` runs the `prebuild` hook first),
// otherwise rebuilt in a scratch copy so that build/ under the running tests is left alone.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.join(__dirname, '..', '..');
export const prebuildDir = path.join(root, 'prebuilds', `linux-${process.arch}`);
export const prebuildFile = path.join(prebuildDir, 'uring.glibc.node');
/** Every arch the package ships a prebuild for (package.json `cpu`). */
export const shippedArches = ['x64', 'arm64'];
const fileFor = (arch: string): string => path.join(root, 'prebuilds', `linux-${arch}`, 'uring.glibc.node');

const sources = ['binding.gyp', 'scripts/liburing.js', 'scripts/prebuild.js', 'scripts/node-headers.js', 'scripts/has-command.js',
  ...readdirSync(path.join(root, 'src-native')).map((f) => `src-native/${f}`)];

function isFresh(file: string): boolean {
  if (!existsSync(file)) return false;
  const built = statSync(file).mtimeMs;
  return sources.every((f) => statSync(path.join(root, f)).mtimeMs <= built);
}

/** The prebuild for `arch` (the host's by default), built first when missing or stale. */
export function ensurePrebuilds(arch: string = process.arch): string {
  const file = fileFor(arch);
  if (isFresh(file)) return file;
  const scratch = mkdtempSync(path.join(tmpdir(), 'uring-prebuild-'));
  try {
    for (const f of ['package.json', ...sources]) {
      mkdirSync(path.dirname(path.join(scratch, f)), { recursive: true });
      cpSync(path.join(root, f), path.join(scratch, f));
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'));
    try {
      execFileSync(process.execPath, ['scripts/prebuild.js', arch], { cwd: scratch, stdio: 'pipe' });
    } catch (err) {
      throw new Error(`node scripts/prebuild.js ${arch} failed:\n${(err as { stderr?: Buffer }).stderr ?? err}`);
    }
    // Copy next to the target, then rename: a concurrent reader sees the old or the new file.
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    copyFileSync(path.join(scratch, 'prebuilds', `linux-${arch}`, 'uring.glibc.node'), tmp);
    renameSync(tmp, file);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return file;
}

const arm64Setup = require('../../scripts/setup-arm64') as {
  missingArm64Packages(forTests: boolean): string[];
  cannotInstall(): string | undefined;
};

/**
 * Why the tests of the prebuild for `arch` cannot run on this machine (then they skip), or
 * undefined. Only when the packages they need are missing and cannot be installed (not root,
 * no apt-get): `npm test` installs them where it can, so on CI they run.
 */
export function cannotTestPrebuild(arch: string, runIt = false): string | undefined {
  if (arch === process.arch || (!runIt && isFresh(fileFor(arch)))) return undefined;
  const missing = arm64Setup.missingArm64Packages(runIt);
  const why = missing.length > 0 ? arm64Setup.cannotInstall() : undefined;
  return why && `linux-${arch} needs ${missing.join(' ')}, which cannot be installed here (${why})`;
}
