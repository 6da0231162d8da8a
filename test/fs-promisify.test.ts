// util.promisify of uring/fs's functions gives node's shapes: { bytesRead, buffer },
// { bytesWritten, buffer }, a boolean for exists, and the callback's value for the others.
import nodeFs from 'node:fs';
import { promisify } from 'node:util';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-promisify-');

async function shapes(f: typeof nodeFs, file: string): Promise<unknown[]> {
  const fd = await promisify(f.open)(file, 'w+');
  const written = await promisify(f.write)(fd, Buffer.from('hello'), 0, 5, 0);
  const writtenString = await promisify(f.write)(fd, 'abc', 5);
  const read = await promisify(f.read)(fd, Buffer.alloc(8), 0, 8, 0);
  const readOptions = await promisify(f.read)(fd, { buffer: Buffer.alloc(3), position: 1 } as never);
  const vecWritten = await promisify(f.writev)(fd, [Buffer.from('ab'), Buffer.from('cd')], 8);
  const vecRead = await promisify(f.readv)(fd, [Buffer.alloc(3), Buffer.alloc(3)], 6);
  const size = (await promisify(f.fstat)(fd)).size;
  await promisify(f.close)(fd);
  const shown = (o: object) => ({ proto: Object.getPrototypeOf(Object.getPrototypeOf(o)) === null && Object.getPrototypeOf(o) !== null, keys: Object.keys(o), ...JSON.parse(JSON.stringify(o)) });
  return [typeof fd, shown(written), shown(writtenString), shown(read), shown(readOptions), shown(vecWritten), shown(vecRead), size, await promisify(f.exists)(file), await promisify(f.exists)(`${file}.none`)];
}

test('promisify gives node:fs results', async () => {
  const expected = await shapes(nodeFs, tmp('node'));
  expect(expected[3]).toMatchObject({ keys: ['bytesRead', 'buffer'], bytesRead: 8 });
  expect(await shapes(ufs, tmp('uring'))).toEqual(expected);
});
