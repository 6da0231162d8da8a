// The shipped binary, prebuilds/linux-x64/uring.glibc.node: reused when newer than its
// sources (`npm test` refreshes it: `npm run build` runs the `prebuild` hook first),
// otherwise rebuilt in a scratch copy so that build/ under the running tests is left alone.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.join(__dirname, '..', '..');
export const prebuildDir = path.join(root, 'prebuilds', `linux-${process.arch}`);
export const prebuildFile = path.join(prebuildDir, 'uring.glibc.node');

const sources = ['binding.gyp', 'scripts/liburing.js', 'scripts/prebuild.js',
  ...readdirSync(path.join(root, 'src-native')).map((f) => `src-native/${f}`)];

function isFresh(): boolean {
  if (!existsSync(prebuildFile)) return false;
  const built = statSync(prebuildFile).mtimeMs;
  return sources.every((f) => statSync(path.join(root, f)).mtimeMs <= built);
}

export function ensurePrebuilds(): string {
  if (isFresh()) return prebuildFile;
  const scratch = mkdtempSync(path.join(tmpdir(), 'uring-prebuild-'));
  try {
    for (const f of ['package.json', ...sources]) {
      mkdirSync(path.dirname(path.join(scratch, f)), { recursive: true });
      cpSync(path.join(root, f), path.join(scratch, f));
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'));
    execFileSync(process.execPath, ['scripts/prebuild.js'], { cwd: scratch, stdio: 'pipe' });
    // Copy next to the target, then rename: a concurrent reader sees the old or the new file.
    mkdirSync(prebuildDir, { recursive: true });
    const tmp = `${prebuildFile}.${process.pid}.tmp`;
    copyFileSync(path.join(scratch, 'prebuilds', `linux-${process.arch}`, 'uring.glibc.node'), tmp);
    renameSync(tmp, prebuildFile);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return prebuildFile;
}
