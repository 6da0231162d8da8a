// A fresh temp folder per test file, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Registers beforeAll/afterAll hooks; call the result to get a path inside the folder. */
export function useTempDir(prefix = 'uring-test-'): (...parts: string[]) => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return (...parts) => path.join(dir, ...parts);
}
