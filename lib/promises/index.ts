// uring/promises: every export of node:fs/promises. Data and metadata calls go through the
// per-thread shared io_uring ring where the kernel has the opcode; the rest, and everything
// when no ring can be created, is node:fs/promises itself.
import fsp from 'node:fs/promises';
import { backendState } from './engine';

export { open, stat, lstat, rename, unlink, rmdir, mkdir, link, symlink } from './path-ops';
export { readFile, writeFile, appendFile, truncate } from './whole-file';
export type { FileHandle } from './file-handle';

// Delegated as they are.
export const access = fsp.access;
export const copyFile = fsp.copyFile;
export const cp = fsp.cp;
export const opendir = fsp.opendir;
export const rm = fsp.rm;
export const readdir = fsp.readdir;
export const readlink = fsp.readlink;
export const statfs = fsp.statfs;
export const chmod = fsp.chmod;
export const lchmod = fsp.lchmod;
export const lchown = fsp.lchown;
export const chown = fsp.chown;
export const utimes = fsp.utimes;
export const lutimes = fsp.lutimes;
export const realpath = fsp.realpath;
export const mkdtemp = fsp.mkdtemp;
export const watch = fsp.watch;
export const constants = fsp.constants;

/** 'io_uring' when calls go through the shared ring, 'fs' when they all go to node:fs/promises. */
export declare const backend: 'io_uring' | 'fs';
/** One line: the ring in use, or why io_uring is unavailable. */
export declare const backendReason: string;

Object.defineProperty(exports, 'backend', { enumerable: true, get: () => backendState().name });
Object.defineProperty(exports, 'backendReason', { enumerable: true, get: () => backendState().reason });

// Whatever else this Node's fs/promises exports (names added in later versions) is delegated.
for (const name of Object.keys(fsp)) {
  if (!Object.hasOwn(exports, name)) (exports as Record<string, unknown>)[name] = (fsp as Record<string, unknown>)[name];
}

// `import fs from 'uring/promises'` under TypeScript's CommonJS interop; not an enumerable name.
Object.defineProperty(exports, 'default', { enumerable: false, value: exports });
