// tar-fs's own test suite (it ships in tar-fs's npm package, a dependency of prebuildify): 54
// assertions packing and extracting trees (modes, mtimes, symlinks, hard links, map/ignore,
// strip, streams) pass under --import uring/register as on node:fs. Its test runner and rimraf
// are stand-ins (test/fixtures/tar-fs-suite); the fixtures npm leaves out are made again.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastJson, packageRoot } from '../helpers/child';

const installed = path.join(packageRoot, 'node_modules', 'tar-fs', 'test', 'index.js');
const missing = existsSync(installed) ? undefined : `${installed} is not installed (tar-fs comes with prebuildify)`;
if (missing) console.warn(`tar-fs own tests skipped: ${missing}`);

let dir = '';
beforeAll(() => {
  if (missing) return;
  dir = mkdtempSync(path.join(tmpdir(), 'uring-tar-fs-suite-'));
  const modules = path.join(dir, 'node_modules');
  const tarFs = path.join(modules, 'tar-fs');
  // A copy: the suite writes into its own fixtures folder.
  cpSync(realpathSync(path.join(packageRoot, 'node_modules', 'tar-fs')), tarFs, { recursive: true, dereference: true });
  for (const dep of ['tar-stream', 'pump', 'mkdirp-classic']) symlinkSync(realpathSync(path.join(packageRoot, 'node_modules', dep)), path.join(modules, dep));
  symlinkSync(packageRoot, path.join(modules, 'uring'));
  for (const [name, file] of [['tape', 'tape.cjs'], ['rimraf', 'rimraf.cjs']]) {
    mkdirSync(path.join(modules, name));
    cpSync(path.join(packageRoot, 'test', 'fixtures', 'tar-fs-suite', file), path.join(modules, name, 'index.js'));
  }
  mkdirSync(path.join(tarFs, 'test', 'fixtures', 'c'), { recursive: true });
  writeFileSync(path.join(tarFs, 'test', 'fixtures', 'c', '.gitignore'), 'node_modules\n');
  rmSync(path.join(tarFs, 'test', 'fixtures', 'e', 'symlink'), { force: true });
  symlinkSync('file', path.join(tarFs, 'test', 'fixtures', 'e', 'symlink'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function suite(preload: string[]): { passes: number; failed: string[]; backend?: string; fsRead: string } {
  const r = spawnSync(process.execPath, [...preload, path.join('node_modules', 'tar-fs', 'test', 'index.js')], {
    cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_OPTIONS: '', URING_DISABLE: '' },
  });
  return lastJson({ status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr });
}

(missing ? test.skip : test)('tar-fs\'s own tests pass under --import uring/register as on node:fs', () => {
  const node = suite([]);
  expect(node).toEqual({ passes: 54, failed: [], fsRead: 'node' });
  expect(suite(['--import', 'uring/register'])).toEqual({ passes: 54, failed: [], backend: 'io_uring', fsRead: 'uring' });
}, 120000);
