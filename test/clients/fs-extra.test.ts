// fs-extra 11.4.1 over graceful-fs (test/fixtures/clients/fs-extra.cjs) under uring/register:
// building, copying, moving (also across filesystems, where rename fails with EXDEV),
// emptying and removing trees give the same trees, values and errors as without it.
import { useAppDir, withAndWithoutRegister } from '../helpers/app-dir';
import { clientReports } from '../helpers/client-reports';

const app = useAppDir('clients', ['fs-extra']);

test('fs-extra builds, copies, moves and removes the same trees under --import uring/register as on node:fs', () => {
  const { node, uring } = clientReports(withAndWithoutRegister(app(), 'fs-extra.cjs'));
  expect(uring).toEqual(node);
  expect(node).toMatchObject({
    timestampsKept: [true, true, true],
    exists: [true, false],
    syncCopySame: true,
    removed: true,
    fdCalls: { write: [10, '0123456789'], read: [8, '3233343536373839'] },
    errors: { 'copy missing': { code: 'ENOENT', syscall: 'lstat' }, 'ensureDir over a file': { code: 'EEXIST' } },
    tree: { 'copy/many-back/f59': expect.stringMatching(/^file 644 30503 /), 'copy/rel-link': 'link -> many/f3', 'moved/abs-link': expect.stringMatching(/^file 644 3145728 /) },
  });
}, 120000);
