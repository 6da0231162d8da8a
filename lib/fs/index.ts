// uring/fs: every export of the running node:fs. open, close, read, write, readv, writev,
// fstat, fsync, fdatasync, ftruncate, truncate, stat, lstat, unlink, rename, link, symlink,
// mkdir, rmdir, exists, readFile, writeFile and appendFile go through the per-thread shared
// io_uring ring (no promise per call but readFile's), and createReadStream/createWriteStream
// are node's streams over them; everything else, and any call shape those do not take, is
// node:fs's own.
// `promises` is uring/promises.
import { fs } from '../node-fs';
import { promisify } from 'node:util';
import type * as FdCalls from './fd-calls';
import type * as PathCalls from './path-calls';
import type * as ReadFile from './read-file';
import type * as Streams from './streams';
import type * as VectorCalls from './vector-calls';
import type * as WholeFileCalls from './whole-file-calls';

type Impl = typeof FdCalls & typeof PathCalls & typeof ReadFile & typeof VectorCalls & typeof WholeFileCalls;
type Fn = (...args: unknown[]) => unknown;

// The implementations load at the first call, as uring/promises' do: importing stays cheap.
let loaded: Impl | undefined;
function impl(): Impl {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= {
    ...(require('./fd-calls') as typeof FdCalls),
    ...(require('./path-calls') as typeof PathCalls),
    ...(require('./read-file') as typeof ReadFile),
    ...(require('./vector-calls') as typeof VectorCalls),
    ...(require('./whole-file-calls') as typeof WholeFileCalls),
  };
  return loaded;
}

// Node's own descriptors (getters such as ReadStream and constants stay node's), but for
// F_OK..X_OK: Node 24 made them getters that warn (DEP0176), and an ES module import of uring/fs
// reads every export, so each such import would warn: plain values here.
const descriptors = Object.getOwnPropertyDescriptors(fs) as Record<string, PropertyDescriptor>;
for (const name of ['F_OK', 'R_OK', 'W_OK', 'X_OK'] as const) {
  const d = descriptors[name];
  if (typeof d?.get === 'function') descriptors[name] = { value: fs.constants[name], enumerable: d.enumerable, configurable: d.configurable, writable: false };
}
const ufs = Object.defineProperties({}, descriptors) as Record<string, unknown>;
delete ufs.default;

// Each replacement has node's name and length (fn.length), and passes `arguments` on as they came.
function replace(name: keyof Impl, fn: Fn): void {
  Object.defineProperty(fn, 'length', { value: (fs as unknown as Record<string, Fn>)[name].length });
  ufs[name] = fn;
}
for (const name of ['open', 'close', 'read', 'write', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'stat', 'lstat', 'unlink', 'rename', 'link', 'symlink', 'mkdir', 'rmdir', 'exists', 'readFile', 'readv', 'writev', 'writeFile', 'appendFile', 'truncate'] as const) {
  const named = {
    [name](this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return (impl()[name] as Fn).apply(this, arguments as unknown as unknown[]);
    },
  };
  replace(name, named[name] as Fn);
}

// node's own stream classes, reading and writing through the functions above; loaded at the
// first stream, as the calls are (uring/register's start-up loads this module).
let streams: ReturnType<typeof Streams.streamFactories> | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const factories = () => (streams ??= (require('./streams') as typeof Streams).streamFactories(ufs));
for (const name of ['createReadStream', 'createWriteStream'] as const) {
  const named = {
    [name](this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return (factories()[name] as Fn).apply(this, arguments as unknown as unknown[]);
    },
  };
  replace(name as keyof Impl, named[name] as Fn);
}

// util.promisify gives node's shapes: { bytesRead, buffer }, { bytesWritten, buffer },
// { bytesRead, buffers }, writev's (Node 20: { bytesWritten, buffer }), a boolean for exists;
// named and sized as node's (its promisified read has read's name and length).
function customPromisify(name: string, value: Fn, length: number): void {
  Object.defineProperty(value, 'name', { value: name });
  Object.defineProperty(value, 'length', { value: length });
  Object.defineProperty(ufs[name], promisify.custom, { value });
}
function promisifyAs(name: string, keys: () => string[] | Promise<string[]>): void {
  const fn = ufs[name] as Fn;
  const settle = (names: string[], args: unknown[]) => new Promise((resolve, reject) => {
    fn(...args, (err: unknown, n: number, buffer: unknown) => (err ? reject(err) : resolve({ [names[0]]: n, [names[1]]: buffer })));
  });
  customPromisify(name, (...args: unknown[]) => {
    const names = keys();
    return Array.isArray(names) ? settle(names, args) : names.then((k) => settle(k, args));
  }, fn.length);
}
promisifyAs('read', () => ['bytesRead', 'buffer']);
promisifyAs('write', () => ['bytesWritten', 'buffer']);
promisifyAs('readv', () => ['bytesRead', 'buffers']);
// Node's own names for writev's result, learnt from a call of no buffers (no syscall, any fd).
let writevKeys: Promise<string[]> | undefined;
promisifyAs('writev', () => (writevKeys ??= promisify(fs.writev)(0, []).then((r) => Object.keys(r))));
customPromisify('exists', (path: unknown) => new Promise((resolve) => (ufs.exists as Fn)(path, resolve)), 1);

// `promises` is uring/promises, loaded when first read (and kept: see read-file.ts).
let promises: unknown;
Object.defineProperty(ufs, 'promises', {
  configurable: true,
  enumerable: true,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  get: () => (promises ??= require('../promises')),
});

// ESM named imports (`import { read } from 'uring/fs'`): node finds a CommonJS module's names
// in its source (cjs-module-lexer), here in assignments that never run; the values are read
// from the object exported below. Node 20's names, and those Node 22 to 26 added (a name the
// running node lacks reads as undefined).
if (typeof ufs !== 'object') {
  exports.Utf8Stream = exports.mkdtempDisposableSync = exports.openAsBlobSync = undefined;
  exports.glob = exports.globSync = exports.appendFile = exports.appendFileSync = exports.access = exports.accessSync = undefined;
  exports.chown = exports.chownSync = exports.chmod = exports.chmodSync = exports.close = undefined;
  exports.closeSync = exports.copyFile = exports.copyFileSync = exports.cp = exports.cpSync = undefined;
  exports.createReadStream = exports.createWriteStream = exports.exists = exports.existsSync = undefined;
  exports.fchown = exports.fchownSync = exports.fchmod = exports.fchmodSync = exports.fdatasync = undefined;
  exports.fdatasyncSync = exports.fstat = exports.fstatSync = exports.fsync = exports.fsyncSync = undefined;
  exports.ftruncate = exports.ftruncateSync = exports.futimes = exports.futimesSync = undefined;
  exports.lchown = exports.lchownSync = exports.lchmod = exports.lchmodSync = exports.link = undefined;
  exports.linkSync = exports.lstat = exports.lstatSync = exports.lutimes = exports.lutimesSync = undefined;
  exports.mkdir = exports.mkdirSync = exports.mkdtemp = exports.mkdtempSync = exports.open = undefined;
  exports.openSync = exports.openAsBlob = exports.readdir = exports.readdirSync = exports.read = undefined;
  exports.readSync = exports.readv = exports.readvSync = exports.readFile = exports.readFileSync = undefined;
  exports.readlink = exports.readlinkSync = exports.realpath = exports.realpathSync = undefined;
  exports.rename = exports.renameSync = exports.rm = exports.rmSync = exports.rmdir = undefined;
  exports.rmdirSync = exports.stat = exports.statfs = exports.statSync = exports.statfsSync = undefined;
  exports.symlink = exports.symlinkSync = exports.truncate = exports.truncateSync = undefined;
  exports.unwatchFile = exports.unlink = exports.unlinkSync = exports.utimes = undefined;
  exports.utimesSync = exports.watch = exports.watchFile = exports.writeFile = undefined;
  exports.writeFileSync = exports.write = exports.writeSync = exports.writev = undefined;
  exports.writevSync = exports.Dirent = exports.Stats = exports.ReadStream = exports.WriteStream = undefined;
  exports.FileReadStream = exports.FileWriteStream = exports._toUnixTimestamp = exports.Dir = undefined;
  exports.opendir = exports.opendirSync = exports.F_OK = exports.R_OK = exports.W_OK = undefined;
  exports.X_OK = exports.constants = exports.promises = undefined;
}

export = ufs as unknown as typeof import('node:fs');
