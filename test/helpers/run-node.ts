// Runs Node programs in a child process against the BUILT package (dist/), so that a crash
// shows up as a signal exit instead of taking the test runner down.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `prefix` is a command that runs node (prlimit, setpriv, the seccomp helper...). */
export function runNode(nodeArgs: string[], options: SpawnSyncOptions & { prefix?: string[] } = {}): ChildResult {
  const { prefix = [], ...rest } = options;
  const argv = [...prefix, process.execPath, ...nodeArgs];
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    ...rest,
  });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Runs a CommonJS snippet; `require(ROOT)` in it loads the built package. */
export function runScript(source: string, options: SpawnSyncOptions & { prefix?: string[]; nodeFlags?: string[] } = {}): ChildResult {
  const { nodeFlags = [], ...rest } = options;
  return runNode([...nodeFlags, '-e', `const ROOT = ${JSON.stringify(ROOT)};\n${source}`], rest);
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
