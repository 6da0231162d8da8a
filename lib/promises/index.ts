// uring/promises: every export of node:fs/promises. Data and metadata calls go through the
// per-thread shared io_uring ring where the kernel has the opcode; the rest, and everything
// when no ring can be created, is node:fs/promises itself.
import fsp from 'node:fs/promises';
import { backendState } from './engine';

import * as pathOps from './path-ops';
import * as wholeFile from './whole-file';

export type { FileHandle } from './file-handle';

// Through io_uring, typed exactly as node:fs/promises' so that swapping the import type-checks.
export const open = pathOps.open as unknown as typeof fsp.open;
export const stat = pathOps.stat as unknown as typeof fsp.stat;
export const lstat = pathOps.lstat as unknown as typeof fsp.lstat;
export const rename = pathOps.rename as unknown as typeof fsp.rename;
export const unlink = pathOps.unlink as unknown as typeof fsp.unlink;
export const rmdir = pathOps.rmdir as unknown as typeof fsp.rmdir;
export const mkdir = pathOps.mkdir as unknown as typeof fsp.mkdir;
export const link = pathOps.link as unknown as typeof fsp.link;
export const symlink = pathOps.symlink as unknown as typeof fsp.symlink;
export const readFile = wholeFile.readFile as unknown as typeof fsp.readFile;
export const writeFile = wholeFile.writeFile as unknown as typeof fsp.writeFile;
export const appendFile = wholeFile.appendFile as unknown as typeof fsp.appendFile;
export const truncate = wholeFile.truncate as unknown as typeof fsp.truncate;

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

// The ring is created at import so that `backend` is known from the start.
backendState();
/** `backend`: 'io_uring' when calls go through the shared ring, 'fs' when they go to node:fs/promises. */
/** `backendReason`: one line, the ring in use or why io_uring is unavailable. */
export { backendName as backend, backendReason } from './engine';

// Whatever else this Node's fs/promises exports (names added in later versions) is delegated.
for (const name of Object.keys(fsp)) {
  if (!Object.hasOwn(exports, name)) (exports as Record<string, unknown>)[name] = (fsp as Record<string, unknown>)[name];
}

// `import fs from 'uring/promises'` under TypeScript's CommonJS interop; not an enumerable name.
Object.defineProperty(exports, 'default', { enumerable: false, value: exports });
