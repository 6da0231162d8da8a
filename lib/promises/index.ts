// uring/promises: every export of node:fs/promises. Data and metadata calls go through the
// per-thread shared io_uring ring where the kernel has the opcode; the rest, and everything
// when no ring can be created, is node:fs/promises itself.
import { fsp } from '../node-fs';

import type * as PathOps from './path-ops';
import type * as WholeFile from './whole-file';

/** The type `open()` resolves to: node's own FileHandle type, with node's parameter types. */
export type FileHandle = import('node:fs/promises').FileHandle;

// The implementations load at the first call: each module costs a read and a compile, and
// importing uring/promises stays within a few milliseconds of a bare node. A call that cannot
// load them (no fd left: EMFILE) is node's own; the next call tries again.
type Impl = typeof PathOps & typeof WholeFile;
let loaded: Impl | undefined;
function impl(): Impl {
  if (loaded !== undefined) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = { ...(require('./path-ops') as typeof PathOps), ...(require('./whole-file') as typeof WholeFile) };
  } catch {
    return fsp as unknown as Impl;
  }
  return loaded;
}

// Through io_uring, typed exactly as node:fs/promises' so that swapping the import type-checks;
// each declares node's parameters (fn.length) and passes them on as they came. The engine
// rejects from the operation's own chain, so an error has the caller's stack
// (rejectWithCallerStack) without a promise per call here.
type Fn = (...args: never[]) => unknown;
const as = <T>(fn: Fn): T => fn as unknown as T;
export const open = as<typeof fsp.open>(function open(path: unknown, flags: unknown, mode: unknown) { return impl().open(path, flags, mode); });
export const stat = as<typeof fsp.stat>(function stat(path: unknown, options: unknown = undefined) { return impl().stat(path, options as never); });
export const lstat = as<typeof fsp.lstat>(function lstat(path: unknown, options: unknown = undefined) { return impl().lstat(path, options as never); });
export const rename = as<typeof fsp.rename>(function rename(oldPath: unknown, newPath: unknown) { return impl().rename(oldPath, newPath); });
export const unlink = as<typeof fsp.unlink>(function unlink(path: unknown) { return impl().unlink(path); });
export const rmdir = as<typeof fsp.rmdir>(function rmdir(path: unknown, options: unknown) { return impl().rmdir(path, options); });
export const mkdir = as<typeof fsp.mkdir>(function mkdir(path: unknown, options: unknown) { return impl().mkdir(path, options); });
export const link = as<typeof fsp.link>(function link(existingPath: unknown, newPath: unknown) { return impl().link(existingPath, newPath); });
export const symlink = as<typeof fsp.symlink>(function symlink(target: unknown, path: unknown, type: unknown) { return impl().symlink(target, path, type); });
export const readFile = as<typeof fsp.readFile>(function readFile(path: unknown, options: unknown) { return impl().readFile(path, options); });
export const writeFile = as<typeof fsp.writeFile>(function writeFile(path: unknown, data: unknown, options: unknown) { return impl().writeFile(path, data, options); });
export const appendFile = as<typeof fsp.appendFile>(function appendFile(path: unknown, data: unknown, options: unknown) { return impl().appendFile(path, data, options); });
export const truncate = as<typeof fsp.truncate>(function truncate(path: unknown, len: unknown = undefined) { return impl().truncate(path, len); });

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

// Names of later majors (glob: 22, mkdtempDisposable: 24.4), delegated where this Node has them.
// Assigned as `exports.name`, which ESM's named-import detection (cjs-module-lexer) reads from
// the source; typed as the user's @types/node declares them (undefined where it does not).
type Later<K extends string> = typeof fsp extends { [P in K]: infer T } ? T : undefined;
export declare const glob: Later<'glob'>;
export declare const mkdtempDisposable: Later<'mkdtempDisposable'>;
const later = fsp as Record<string, unknown>;
if ('glob' in later) (exports as Record<string, unknown>).glob = later.glob;
if ('mkdtempDisposable' in later) (exports as Record<string, unknown>).mkdtempDisposable = later.mkdtempDisposable;

// No ring at import: the shared ring is created by the first call (see backend.ts).
export { name as backend, reason as backendReason } from './backend';

// Whatever else this Node's fs/promises exports (names added in later versions) is delegated.
for (const name of Object.keys(fsp)) {
  if (name !== 'default' && !Object.hasOwn(exports, name)) (exports as Record<string, unknown>)[name] = (fsp as Record<string, unknown>)[name];
}

// `import fs from 'uring/promises'` under TypeScript's CommonJS interop; not an enumerable name.
Object.defineProperty(exports, 'default', { enumerable: false, value: exports });
