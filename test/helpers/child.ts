// Runs a script in a child node process that loads the built package (dist/), for tests
// about process and thread lifetime, crashes and GC.
import { spawnSync } from 'node:child_process';
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
