// Node's test-fs-promises-exists and the drop-in promise: the same names, kinds and
// declared parameter counts as node:fs/promises, the same constants, and one module
// behind both `uring/promises` and `require('uring').promises`.
import { constants } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, repoRoot, targetAvailable, targetIsNode } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

suite('exports of uring/promises', () => {
  test('every name node:fs/promises exports, with the same kind', () => {
    const target = loadTarget() as unknown as Record<string, unknown>;
    const kinds = (m: Record<string, unknown>): Record<string, string> =>
      Object.fromEntries(Object.keys(fsp).map((k) => [k, typeof m[k]]));
    expect(kinds(target)).toEqual(kinds(fsp as unknown as Record<string, unknown>));
  });

  test('functions declare as many parameters as node\'s (fn.length)', () => {
    const target = loadTarget() as unknown as Record<string, unknown>;
    const lengths = (m: Record<string, unknown>): Record<string, number> =>
      Object.fromEntries(Object.entries(fsp).filter(([, v]) => typeof v === 'function').map(([k]) => [k, (m[k] as Function | undefined)?.length ?? -1]));
    expect(lengths(target)).toEqual(lengths(fsp as unknown as Record<string, unknown>));
  });

  test('constants is fs.constants itself', () => {
    expect(loadTarget().constants).toBe(constants);
  });

  (targetIsNode ? test.skip : test)('`uring/promises` and `require(\'uring\').promises` are the same module', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require(repoRoot) as { promises?: unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(main.promises).toBe(require(path.join(repoRoot, 'dist', 'promises')));
    expect(['io_uring', 'fs']).toContain(loadTarget().backend);
  });

  test('a FileHandle has the surface of node\'s: methods, fd, EventEmitter, asyncDispose', async () => {
    const target = loadTarget();
    const file = tmp('surface.txt');
    const nodeFh = await fsp.open(file, 'w+');
    const fh = await target.open(file, 'r');
    try {
      const proto = Object.getPrototypeOf(nodeFh) as object;
      const methods = Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor' && k !== 'fd');
      const kindsOf = (h: object): Record<string, string> =>
        Object.fromEntries([...methods, 'close', 'on', 'once', 'off', 'emit', 'listenerCount'].map((k) => [k, typeof (h as Record<string, unknown>)[k]]));
      expect(kindsOf(fh)).toEqual(kindsOf(nodeFh));
      expect(typeof fh.fd).toBe('number');
      expect(fh.fd).toBeGreaterThanOrEqual(0);
      expect(typeof (fh as unknown as Record<symbol, unknown>)[Symbol.asyncDispose]).toBe('function');
    } finally {
      await nodeFh.close();
      await fh.close();
    }
  });

  // Node's FileHandle is an async resource with getAsyncId() (uring's lacked it before 8aed335).
  test('FileHandle.getAsyncId() returns a number, as node\'s does', async () => {
    const fh = await loadTarget().open(tmp('surface.txt'), 'r');
    try {
      expect(typeof (fh as unknown as { getAsyncId(): number }).getAsyncId()).toBe('number');
    } finally {
      await fh.close();
    }
  });
});
