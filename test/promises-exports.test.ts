// uring/promises exports every name of node:fs/promises, plus backend and backendReason.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import * as uring from '../lib';
import * as fsp from '../lib/promises';

describe('uring/promises exports', () => {
  test('every name node:fs/promises exports on this Node', () => {
    const ours = Object.keys(fsp);
    for (const name of Object.keys(nodeFsp)) expect(ours).toContain(name);
    for (const name of Object.keys(nodeFsp)) expect(typeof (fsp as Record<string, unknown>)[name]).toBe(typeof (nodeFsp as Record<string, unknown>)[name]);
  });

  test('the only extra names are backend and backendReason', () => {
    const extra = Object.keys(fsp).filter((k) => !(k in nodeFsp)).sort();
    expect(extra).toEqual(['backend', 'backendReason']);
  });

  test('the promises export of uring is the same module', () => {
    expect(uring.promises).toBe(fsp);
  });

  test('constants is fs.constants', () => {
    expect(fsp.constants).toBe(fs.constants);
  });

  test('backend is io_uring here, with a one-line reason', () => {
    expect(fsp.backend).toBe('io_uring');
    expect(typeof fsp.backendReason).toBe('string');
    expect(fsp.backendReason).not.toContain('\n');
    expect(fsp.backendReason.length).toBeGreaterThan(0);
  });

  test('names not implemented through io_uring are node:fs/promises functions', () => {
    for (const name of ['access', 'copyFile', 'cp', 'opendir', 'rm', 'readdir', 'readlink', 'chmod', 'realpath', 'mkdtemp', 'utimes', 'watch'] as const) {
      expect(fsp[name]).toBe(nodeFsp[name]);
    }
  });

  test('functions through io_uring are not node:fs/promises ones', () => {
    for (const name of ['open', 'readFile', 'writeFile', 'appendFile', 'stat', 'lstat', 'rename', 'unlink', 'rmdir', 'mkdir', 'link', 'symlink', 'truncate'] as const) {
      expect(fsp[name]).not.toBe(nodeFsp[name]);
    }
  });
});
