// uring/fs's callbacks get what node:fs's get: values, error shapes (code, errno, syscall, path,
// dest, message) and the files left behind, for every call it routes through the ring.
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import { runSequence } from './helpers/fs-callback-sequence';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-results-');

test('the same sequence of calls gives the same callbacks and files on node:fs and uring/fs', async () => {
  nodeFs.mkdirSync(tmp('node'));
  nodeFs.mkdirSync(tmp('uring'));
  const expected = await runSequence(nodeFs, tmp('node'));
  const actual = await runSequence(ufs, tmp('uring'));
  expect(actual).toEqual(expected);
  const listing = (d: string) => nodeFs.readdirSync(d, { recursive: true }).map(String).sort().map((n) => {
    const st = nodeFs.lstatSync(`${d}/${n}`);
    const content = st.isSymbolicLink() ? nodeFs.readlinkSync(`${d}/${n}`) : st.isFile() ? nodeFs.readFileSync(`${d}/${n}`, 'hex') : '';
    return [n, st.mode, st.nlink, content];
  });
  expect(listing(tmp('uring'))).toEqual(listing(tmp('node')));
  expect(require('../lib/promises').backend).toBe('io_uring');
});
