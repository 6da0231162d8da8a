// uring/fs: every export of the running node:fs. open, close, read, write, fstat, fsync,
// fdatasync, ftruncate, stat, lstat, unlink, rename, link, symlink, mkdir, rmdir, exists and
// readFile go through the per-thread shared io_uring ring (no promise per call but
// readFile's); everything else, and any call shape those do not take, is node:fs's own.
// `promises` is uring/promises.
import fs from 'node:fs';
import { promisify } from 'node:util';
import type * as FdCalls from './fd-calls';
import type * as PathCalls from './path-calls';
import type * as ReadFile from './read-file';

type Impl = typeof FdCalls & typeof PathCalls & typeof ReadFile;
type Fn = (...args: unknown[]) => unknown;

// The implementations load at the first call, as uring/promises' do: importing stays cheap.
let loaded: Impl | undefined;
function impl(): Impl {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= { ...(require('./fd-calls') as typeof FdCalls), ...(require('./path-calls') as typeof PathCalls), ...(require('./read-file') as typeof ReadFile) };
  return loaded;
}

// Node's own descriptors (getters such as ReadStream and constants stay node's).
const ufs = Object.defineProperties({}, Object.getOwnPropertyDescriptors(fs)) as Record<string, unknown>;
delete ufs.default;

// Each replacement has node's name and length (fn.length), and passes `arguments` on as they came.
function replace(name: keyof Impl, fn: Fn): void {
  Object.defineProperty(fn, 'length', { value: (fs as unknown as Record<string, Fn>)[name].length });
  ufs[name] = fn;
}
for (const name of ['open', 'close', 'read', 'write', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'stat', 'lstat', 'unlink', 'rename', 'link', 'symlink', 'mkdir', 'rmdir', 'exists', 'readFile'] as const) {
  const named = {
    [name](this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return (impl()[name] as Fn).apply(this, arguments as unknown as unknown[]);
    },
  };
  replace(name, named[name] as Fn);
}

// util.promisify gives node's shapes: { bytesRead, buffer }, { bytesWritten, buffer }, a boolean.
function promisifyAs(name: 'read' | 'write', count: 'bytesRead' | 'bytesWritten'): void {
  const fn = ufs[name] as Fn;
  Object.defineProperty(fn, promisify.custom, {
    value: (...args: unknown[]) => new Promise((resolve, reject) => {
      fn(...args, (err: unknown, n: number, buffer: unknown) => (err ? reject(err) : resolve({ [count]: n, buffer })));
    }),
  });
}
promisifyAs('read', 'bytesRead');
promisifyAs('write', 'bytesWritten');
Object.defineProperty(ufs.exists, promisify.custom, {
  value: (path: unknown) => new Promise((resolve) => (ufs.exists as Fn)(path, resolve)),
});

// `promises` is uring/promises, loaded when first read.
Object.defineProperty(ufs, 'promises', {
  configurable: true,
  enumerable: true,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  get: () => require('../promises'),
});

export = ufs as unknown as typeof import('node:fs');
