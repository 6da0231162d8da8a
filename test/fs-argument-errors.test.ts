// uring/fs throws node:fs's argument errors, synchronously, for the calls it routes through the
// ring: same class, code and message.
import nodeFs from 'node:fs';
import { types } from 'node:util';
import ufs from '../lib/fs';

const cb = () => {};
const buf = Buffer.alloc(8);
const bad: Array<[keyof typeof nodeFs, unknown[]]> = [
  ['open', ['/tmp']],
  ['open', [42, 'r', cb]],
  ['open', ['/tmp', 'nope', cb]],
  ['open', ['/tmp', 'r', 'x', cb]],
  ['open', ['a\u0000b', cb]],
  ['close', [-1, cb]],
  ['close', ['1', cb]],
  ['close', [1.5, cb]],
  ['read', [0, buf, 0, 8, 0]],
  ['read', [-1, buf, 0, 8, 0, cb]],
  ['read', [0, 'str', 0, 8, 0, cb]],
  ['read', [0, buf, 4, 8, 0, cb]],
  ['read', [0, buf, -1, 8, 0, cb]],
  ['read', [0, buf, 0, -1, 0, cb]],
  ['read', [0, Buffer.alloc(0), 0, 1, 0, cb]],
  ['read', [0, buf, 'x', cb]],
  ['read', [0, { buffer: 'x' }, cb]],
  ['read', [0, buf, 0, 8, 1.5, cb]],
  ['read', [0, buf, 0, 8, 'x', cb]],
  ['read', [0]],
  ['write', [1, buf, 0, 8, 0]],
  ['write', [-1, buf, 0, 8, 0, cb]],
  ['write', [1, buf, 9, 1, 0, cb]],
  ['write', [1, buf, 0, 9, 0, cb]],
  ['write', [1, buf, -1, 1, 0, cb]],
  ['write', [1, 42, cb]],
  ['write', [1, 'abc', 0, 'hex', cb]],
  ['write', [1, 'x']],
  ['readv', [-1, [buf], 0, cb]],
  ['readv', [0, buf, 0, cb]],
  ['readv', [0, [buf, 'x'], cb]],
  ['readv', [0, [buf], 0]],
  ['writev', [1, [buf], 0]],
  ['writev', [1, [1], cb]],
  ['fstat', [-1, cb]],
  ['fstat', [1]],
  ['fsync', ['x', cb]],
  ['fsync', [1]],
  ['fdatasync', [2 ** 31, cb]],
  ['ftruncate', [-1, 0, cb]],
  ['ftruncate', [1, 'x', cb]],
  ['ftruncate', [1, 1.5, cb]],
  ['ftruncate', [1, 0]],
  ['link', [1, '/tmp/y', cb]],
  ['link', ['/tmp/x', '/tmp/y']],
  ['symlink', ['/tmp/x', '/tmp/y', 'weird', cb]],
  ['symlink', ['/tmp/x', '/tmp/y']],
  ['symlink', [{}, '/tmp/y', cb]],
  ['writeFile', ['/tmp/x', 'data']],
  ['writeFile', ['/tmp/x', 42, cb]],
  ['writeFile', ['/tmp/x', 'data', { encoding: 'nope' }, cb]],
  ['writeFile', ['/tmp/x', 'data', { mode: 'zz' }, cb]],
  ['writeFile', ['/tmp/x', 'data', { flag: 'nope' }, cb]],
  ['appendFile', ['/tmp/x', 'data']],
  ['appendFile', [null, 'data', cb]],
  ['truncate', ['/tmp/x', 'x', cb]],
  ['truncate', ['/tmp/x', 0]],
  ['truncate', [{}, 0, cb]],
  ['stat', [42, cb]],
  ['stat', ['/tmp']],
  ['stat', ['/tmp', null, cb]],
  ['lstat', [{}, cb]],
  ['unlink', [null, cb]],
  ['unlink', ['/tmp/x']],
  ['rename', ['/tmp/x', 5, cb]],
  ['rename', ['/tmp/x', '/tmp/y']],
  ['mkdir', ['/tmp/x', { mode: 'zz' }, cb]],
  ['mkdir', ['/tmp/x', { recursive: 'yes' }, cb]],
  ['mkdir', ['/tmp/x']],
  ['rmdir', [true, cb]],
  ['rmdir', ['/tmp/x']],
  ['exists', ['/tmp']],
];

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { native: types.isNativeError(err), name: e.name, ctor: e.constructor.name, code: e.code, message: e.message };
  }
  return 'no throw';
}

test.each(bad)('%s(%p) throws as node:fs does', (name, args) => {
  // Which calls throw depends on the Node (24+ takes stat's null options): ours follows it.
  const expected = thrown(() => (nodeFs[name] as (...a: unknown[]) => void)(...args));
  expect(thrown(() => (ufs[name] as (...a: unknown[]) => void)(...args))).toEqual(expected);
});
