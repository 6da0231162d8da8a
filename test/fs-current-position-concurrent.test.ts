// Concurrent uring/fs reads at the current position on one fd each get a range of their own,
// as read(2) gives them: io_uring samples f_pos without the kernel's lock, so such calls are
// node's own. The file is dropped from the page cache first (dd iflag=nocache), where reads
// through io_uring would be punted to io-wq and could share an offset.
import { execFileSync } from 'node:child_process';
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-position-concurrent-');
const BLOCK = 4096;
const N = 32;

test(`${N} concurrent reads at the current position read ${N} different blocks`, async () => {
  const data = Buffer.alloc(N * BLOCK, '.');
  for (let i = 0; i < N; i++) data.write(String(i).padStart(4, '0'), i * BLOCK);
  nodeFs.writeFileSync(tmp('cold'), data);
  const sync = nodeFs.openSync(tmp('cold'), 'r');
  nodeFs.fsyncSync(sync);
  nodeFs.closeSync(sync);
  execFileSync('dd', [`if=${tmp('cold')}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
  const fd = nodeFs.openSync(tmp('cold'), 'r');
  const got = await Promise.all(Array.from({ length: N }, () => new Promise<number>((resolve, reject) => {
    ufs.read(fd, Buffer.alloc(BLOCK), 0, BLOCK, null, (err, n, buf) => (err ? reject(err) : resolve(Number(buf.subarray(0, 4).toString()))));
  })));
  nodeFs.closeSync(fd);
  expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
});
