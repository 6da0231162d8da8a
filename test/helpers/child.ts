// Runs a script in a child node process that loads the built package (dist/), for tests
// about process and thread lifetime, crashes and GC; runNode/runScript for scripts and
// snippets that report a JSON line (lastJson).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';

export const packageRoot = path.join(__dirname, '..', '..');

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `script` runs with `uring` bound to the package (require(packageRoot)). */
export function runChild(script: string, nodeArgs: string[] = [], timeoutMs = 20000, prefix: string[] = []): ChildResult {
  const body = `const uring = require(${JSON.stringify(packageRoot)});\n${script}`;
  const argv = [...nodeArgs, '-e', body];
  const [cmd, ...pre] = prefix.length > 0 ? [...prefix, process.execPath] : [process.execPath];
  const r = spawnSync(cmd, [...pre, ...argv], { encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** `prefix` is a command that runs node (prlimit, setpriv, the seccomp helper...). */
export function runNode(nodeArgs: string[], options: SpawnSyncOptions & { prefix?: string[] } = {}): ChildResult {
  const { prefix = [], ...rest } = options;
  const argv = [...prefix, process.execPath, ...nodeArgs];
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: packageRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    ...rest,
  });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Runs a CommonJS snippet in which `ROOT` is the package root (`require(ROOT)` loads dist/). */
export function runScript(source: string, options: SpawnSyncOptions & { prefix?: string[]; nodeFlags?: string[] } = {}): ChildResult {
  const { nodeFlags = [], ...rest } = options;
  return runNode([...nodeFlags, '-e', `const ROOT = ${JSON.stringify(packageRoot)};\n${source}`], rest);
}

/** The last line of stdout as JSON (the child's report). */
export function lastJson<T = Record<string, unknown>>(r: ChildResult): T {
  const lines = r.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]) as T;
  } catch {
    throw new Error(`child printed no JSON report (status ${r.status}, signal ${r.signal})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/**
 * Child-script prelude: fs, os, path, cp, a temp `dir` removed at exit, a FIFO `fifo` in it
 * and `rfd`, the FIFO opened O_RDWR (a reader that never sees EOF, so reads wait for data).
 */
export function fifoPrelude(prefix: string): string {
  return `
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), ${JSON.stringify(prefix)}));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const fifo = path.join(dir, 'f');
cp.execFileSync('mkfifo', [fifo]);
const rfd = fs.openSync(fifo, fs.constants.O_RDWR);
`;
}
