// Helpers for tests that run the same call on node:fs/promises and uring/promises.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Outcome {
  ok?: unknown;
  err?: Record<string, unknown>;
}

/** The fields of an error users compare; `dir` replaced by '<dir>' so twin folders compare equal. */
export function errorShape(e: unknown, dir?: string): Record<string, unknown> {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const norm = (v: unknown) => (typeof v === 'string' && dir ? v.split(dir).join('<dir>') : v);
  return {
    name: err.name,
    ctor: err.constructor?.name,
    code: err.code,
    errno: err.errno,
    syscall: err.syscall,
    path: norm(err.path),
    dest: norm(err.dest),
    message: norm(err.message),
  };
}

export async function outcome(run: () => Promise<unknown>, dir?: string): Promise<Outcome> {
  try {
    const ok = await run();
    return { ok: typeof ok === 'string' && dir ? ok.split(dir).join('<dir>') : ok };
  } catch (e) {
    return { err: errorShape(e, dir) };
  }
}

/** Two fresh temp folders (for node:fs and uring) and a cleanup. */
export function twinDirs(): { a: string; b: string; cleanup: () => void } {
  const base = mkdtempSync(path.join(tmpdir(), 'uring-twin-'));
  const a = path.join(base, 'node');
  const b = path.join(base, 'uring');
  require('node:fs').mkdirSync(a);
  require('node:fs').mkdirSync(b);
  return { a, b, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
