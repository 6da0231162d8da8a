// write-file-atomic 7.0.1 (test/fixtures/clients/write-file-atomic.cjs) under uring/register:
// 24 concurrent writes to one file, mode/chown/fsync/encoding options, writes through a
// symlink and its errors give the same files, owners and errors as without it.
import { useAppDir, withAndWithoutRegister } from '../helpers/app-dir';
import { clientReports } from '../helpers/client-reports';

const app = useAppDir('clients', ['write-file-atomic']);

test('write-file-atomic writes the same files under --import uring/register as on node:fs', () => {
  const { node, uring } = clientReports(withAndWithoutRegister(app(), 'write-file-atomic.cjs'));
  expect(uring).toEqual(node);
  expect(node).toMatchObject({
    concurrent: { lastWon: true },
    owners: { chowned: '1234:2345 604', 'kept-mode': '4321:5432 600', moded: expect.stringMatching(/ 640$/) },
    errors: { 'onto a directory': { code: 'EISDIR', syscall: 'rename' }, 'missing folder': { code: 'ENOENT', syscall: 'open' } },
    tree: { link: 'link -> target', target: 'file 644 24 ffc7df4f5716', utf16: 'file 644 22 e6e7f4e4bae9' },
  });
}, 120000);
