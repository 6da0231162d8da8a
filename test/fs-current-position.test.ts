// uring/fs reads and writes at the current position (null) move through the file as node:fs's
// do, small and large (IOSQE_ASYNC) alike.
import { randomBytes } from 'node:crypto';
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-position-');

function readAll(fd: number, chunk: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  return new Promise((resolve, reject) => {
    const step = () => ufs.read(fd, Buffer.alloc(chunk), 0, chunk, null, (err, n, buf) => {
      if (err) return reject(err);
      if (n === 0) return resolve(Buffer.concat(parts));
      parts.push(buf.subarray(0, n));
      step();
    });
    step();
  });
}

test.each([4096, 512 * 1024])('reads of %d bytes at the current position read the whole file in order', async (chunk) => {
  const data = randomBytes(3 * 1024 * 1024 + 123);
  nodeFs.writeFileSync(tmp('r'), data);
  const fd = nodeFs.openSync(tmp('r'), 'r');
  const got = await readAll(fd, chunk);
  nodeFs.closeSync(fd);
  expect(got.equals(data)).toBe(true);
});

test('writes at the current position follow each other', async () => {
  const fd = nodeFs.openSync(tmp('w'), 'w');
  const sizes = [10, 300000, 1, 200000, 7];
  for (const [i, size] of sizes.entries()) {
    await new Promise<void>((resolve, reject) => {
      ufs.write(fd, Buffer.alloc(size, i + 1), 0, size, null, (err) => (err ? reject(err) : resolve()));
    });
  }
  await new Promise<void>((resolve, reject) => ufs.write(fd, 'end', (err) => (err ? reject(err) : resolve())));
  nodeFs.closeSync(fd);
  const expected = Buffer.concat([...sizes.map((size, i) => Buffer.alloc(size, i + 1)), Buffer.from('end')]);
  expect(nodeFs.readFileSync(tmp('w')).equals(expected)).toBe(true);
});
