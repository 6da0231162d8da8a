// Findings of a review of readFile(path)'s one-promise path (lib/promises/read-file-fast.ts).
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { errorShape, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

test('a path renamed over between the open and the STATX: the opened file is read whole, never cut to the other file\'s size', async () => {
  // STATX takes the path, not the direct descriptor: it used to size the result by the new file
  // (100000 bytes of the old one cut to 50000, or to 32768) while node:fs fstat()s its fd.
  const file = path.join(dirs.b, 'config');
  const next = path.join(dirs.b, 'config.tmp');
  for (const [oldSize, newSize] of [[100000, 50000], [100000, 32768], [40000, 32768], [1 << 20, 600000], [40000, 200000]]) {
    for (const encoding of [undefined, 'latin1'] as const) {
      const old = Buffer.alloc(oldSize, 'a');
      fs.writeFileSync(file, old);
      fs.writeFileSync(next, Buffer.alloc(newSize, 'b'));
      const pending = fsp.readFile(file, encoding);
      // The open and first read complete inside the first flush's enter; the STATX is prepared
      // on the next tick, after this one.
      process.nextTick(() => fs.renameSync(next, file));
      const got = await pending;
      const bytes = typeof got === 'string' ? Buffer.from(got, 'latin1') : got;
      expect({ oldSize, newSize, encoding, length: bytes.length, same: bytes.equals(old) })
        .toEqual({ oldSize, newSize, encoding, length: oldSize, same: true });
    }
  }
});

test('a string too long for V8 rejects as node:fs rejects (it threw out of the ring\'s reap, killing the process)', async () => {
  // 'hex' doubles the length: 270 MB of a sparse file make more than V8's 2^29 - 24 characters.
  const size = 2 ** 28 + 2 ** 20;
  for (const dir of [dirs.a, dirs.b]) {
    fs.writeFileSync(path.join(dir, 'big'), '');
    fs.truncateSync(path.join(dir, 'big'), size);
  }
  const n = await nodeFsp.readFile(path.join(dirs.a, 'big'), 'hex').then((s) => s.length, (e) => errorShape(e, dirs.a));
  const u = await fsp.readFile(path.join(dirs.b, 'big'), 'hex').then((s) => s.length, (e) => errorShape(e, dirs.b));
  expect(u).toEqual(n);
  expect(n).toMatchObject({ name: 'RangeError', message: 'Invalid string length' });
  // The descriptor was closed: the same call still works on a file that fits.
  fs.writeFileSync(path.join(dirs.b, 'small'), 'ok');
  expect(await fsp.readFile(path.join(dirs.b, 'small'), 'hex')).toBe(Buffer.from('ok').toString('hex'));
}, 60000);
