// node:fs's open takes (path, callback) and (path, flags, callback): with three or more
// arguments a function as flags is not the callback but invalid flags (a synchronous
// ERR_INVALID_ARG_VALUE, no file opened, no callback). uring/fs does the same.
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-open-flags-');

beforeAll(() => nodeFs.writeFileSync(tmp('f'), 'x'));

function attempt(fs: typeof nodeFs, args: (cb: () => void) => unknown[]): { code?: string; message?: string; name?: string; calledBack: boolean } {
  // A callback before open returns would be a difference too.
  let calledBack = false;
  const cb = () => {
    calledBack = true;
  };
  try {
    (fs.open as unknown as (...a: unknown[]) => void)(...args(cb));
    return { calledBack };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { name: err.name, code: err.code, message: err.message, calledBack };
  }
}

test.each([
  ['(path, fn, callback)', (cb: () => void) => [tmp('f'), () => {}, cb]],
  ['(path, fn, mode, callback)', (cb: () => void) => [tmp('f'), () => {}, 0o644, cb]],
  ['(path, fn, undefined, callback)', (cb: () => void) => [tmp('f'), () => {}, undefined, cb]],
])('open%s throws as node:fs does', (_, args) => {
  const expected = attempt(nodeFs, args);
  const actual = attempt(ufs, args);
  expect(expected.code).toBe('ERR_INVALID_ARG_VALUE');
  expect(actual).toEqual(expected);
});
