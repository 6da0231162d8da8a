// An application folder as users have one: a fixture app copied into a temp folder whose
// node_modules/uring links to this checkout (resolved by package name, as after npm install)
// and node_modules/<dep> to the devDependencies it uses. runApp runs it in a child node,
// with uring/register preloaded or not, and reads its one-line JSON report.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastJson, packageRoot, type ChildResult } from './child';

/** Registers beforeAll/afterAll hooks; the result gives the app folder once they ran. */
export function useAppDir(fixture: string, packages: string[] = []): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), `uring-app-${fixture.replace(/\W/g, '-')}-`));
    cpSync(path.join(packageRoot, 'test', 'fixtures', fixture), dir, { recursive: true });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(packageRoot, path.join(dir, 'node_modules', 'uring'));
    for (const p of packages) symlinkSync(realpathSync(path.join(packageRoot, 'node_modules', p)), path.join(dir, 'node_modules', p));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

export interface AppRun {
  /** node options before the script: ['--import', 'uring/register'], ['-r', 'uring/register'] or []. */
  preload?: string[];
  env?: Record<string, string>;
  /** A command that runs node (the seccomp helper, strace...). */
  prefix?: string[];
}

let runs = 0;

/** Runs `script` of the app folder with a fresh work folder as its last argument; returns the child's result. */
export function runApp(dir: string, script: string, args: string[] = [], { preload = [], env = {}, prefix = [] }: AppRun = {}): ChildResult & { work: string } {
  const work = path.join(dir, `run-${++runs}`);
  mkdirSync(work);
  const argv = [...prefix, process.execPath, ...preload, script, ...args, work];
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', URING_DISABLE: '', ...env },
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), work };
}

/** runApp's JSON report; a child that printed none fails the test with its output. */
export function appReport<T = Record<string, unknown>>(dir: string, script: string, args: string[] = [], options: AppRun = {}): T {
  return lastJson<T>(runApp(dir, script, args, options));
}

export interface Compared<T> {
  /** The report without uring/register. */
  node: T;
  /** The report under `node --import uring/register`. */
  uring: T;
}

/** The app's report without register and under --import uring/register, `register` set apart. */
export function withAndWithoutRegister<T extends { register?: unknown }>(dir: string, script: string, options: AppRun = {}): Compared<T> {
  return {
    node: appReport<T>(dir, script, [], options),
    uring: appReport<T>(dir, script, [], { ...options, preload: ['--import', 'uring/register'] }),
  };
}
