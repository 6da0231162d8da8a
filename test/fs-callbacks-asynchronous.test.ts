// uring/fs's callbacks run after the call has returned, for results and for errors alike, as
// node:fs's do.
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-async-');

function whenCalled(fn: (...a: unknown[]) => void, args: unknown[]): Promise<boolean> {
  return new Promise((resolve) => {
    let returned = false;
    fn(...args, () => resolve(returned));
    returned = true;
  });
}

test('every routed call, succeeding or failing, calls back after it returned', async () => {
  const file = tmp('f');
  nodeFs.writeFileSync(file, 'data');
  const fd = nodeFs.openSync(file, 'r+');
  const calls: Array<[string, unknown[]]> = [
    ['open', [file]], ['open', [tmp('none')]],
    ['read', [fd, Buffer.alloc(4), 0, 4, 0]], ['read', [999, Buffer.alloc(4), 0, 4, 0]],
    ['write', [fd, Buffer.from('x'), 0, 1, 0]], ['write', [fd, 'y']], ['write', [999, 'y']],
    ['fstat', [fd]], ['fstat', [999]], ['fsync', [fd]], ['fdatasync', [999]], ['close', [999]],
    ['stat', [file]], ['lstat', [tmp('none')]], ['mkdir', [tmp('d')]], ['mkdir', [tmp('d')]],
    ['rename', [tmp('d'), tmp('e')]], ['rmdir', [tmp('e')]], ['rmdir', [tmp('e')]],
    ['unlink', [tmp('none')]], ['ftruncate', [fd, 2]], ['ftruncate', [999]], ['link', [file, tmp('l')]], ['link', [file, tmp('l')]], ['symlink', ['f', tmp('s')]], ['symlink', ['f', tmp('s')]], ['readv', [fd, [Buffer.alloc(2)], 0]], ['readv', [999, [Buffer.alloc(2)], 0]], ['writev', [fd, [Buffer.from('z')], 1]], ['writev', [999, [Buffer.from('z')]]], ['writeFile', [tmp('w'), 'x']], ['writeFile', [tmp('none', 'x'), 'x']], ['appendFile', [tmp('w'), 'y']], ['truncate', [tmp('w'), 1]], ['truncate', [tmp('none')]], ['readFile', [file]], ['readFile', [tmp('none'), 'utf8']], ['exists', [file]], ['exists', [tmp('none')]],
  ];
  const seen: Array<[string, boolean]> = [];
  for (const [name, args] of calls) {
    seen.push([name, await whenCalled((ufs as unknown as Record<string, (...a: unknown[]) => void>)[name], args)]);
  }
  nodeFs.closeSync(fd);
  expect(seen).toEqual(calls.map(([name]) => [name, true]));
});
