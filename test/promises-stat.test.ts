// stat/lstat/FileHandle.stat via STATX: real fs.Stats / BigIntStats instances whose every
// field (times in ms and ns, birthtime, dev, ino…) equals node:fs/promises' for the same file.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeAll(() => {
  dirs = twinDirs();
  fs.writeFileSync(path.join(dirs.a, 'file'), 'some bytes');
  fs.mkdirSync(path.join(dirs.a, 'dir'));
  fs.symlinkSync('file', path.join(dirs.a, 'link'));
  fs.symlinkSync('missing', path.join(dirs.a, 'dangling'));
});
afterAll(() => dirs.cleanup());

const targets = () => ['file', 'dir', 'link', 'dangling', 'missing', 'file/x', ''].map((n) => (n ? path.join(dirs.a, n) : n))
  .concat(['/dev/null', '/proc/self/status', '/']);

describe('stat and lstat', () => {
  test.each([false, true])('bigint %s: same class and fields as node:fs for files, dirs, links, devices and errors', async (bigint) => {
    for (const p of targets()) {
      for (const fn of ['stat', 'lstat'] as const) {
        const n = await outcome(() => nodeFsp[fn](p, { bigint }));
        const u = await outcome(() => fsp[fn](p, { bigint }));
        if (n.ok) {
          expect(Object.getPrototypeOf(u.ok)).toBe(Object.getPrototypeOf(n.ok));
          expect(u.ok).toEqual(n.ok);
          expect(Object.keys(u.ok as object)).toEqual(Object.keys(n.ok as object));
        } else {
          expect(u).toEqual(n);
        }
      }
    }
  });

  test('results are fs.Stats with working predicates', async () => {
    const s = await fsp.stat(path.join(dirs.a, 'dir'));
    expect(Object.getPrototypeOf(s)).toBe(fs.Stats.prototype);
    expect(s.isDirectory()).toBe(true);
    expect((await fsp.lstat(path.join(dirs.a, 'link'))).isSymbolicLink()).toBe(true);
    expect((await fsp.stat(path.join(dirs.a, 'link'))).isFile()).toBe(true);
    const b = await fsp.stat(path.join(dirs.a, 'file'), { bigint: true });
    expect(typeof b.size).toBe('bigint');
    expect(b.size).toBe(10n);
    expect(Object.prototype.toString.call(b.birthtime)).toBe('[object Date]');
  });

  test('Buffer and URL paths', async () => {
    const p = path.join(dirs.a, 'file');
    expect(await fsp.stat(Buffer.from(p))).toEqual(await nodeFsp.stat(p));
    expect(await fsp.stat(new URL(`file://${p}`))).toEqual(await nodeFsp.stat(p));
  });
});

describe('FileHandle.stat', () => {
  test.each([false, true])('bigint %s equals node:fs fstat', async (bigint) => {
    for (const p of [path.join(dirs.a, 'file'), path.join(dirs.a, 'dir'), '/dev/null']) {
      const nh = await nodeFsp.open(p);
      const uh = await fsp.open(p);
      const n = await nh.stat({ bigint });
      const u = await uh.stat({ bigint });
      expect(Object.getPrototypeOf(u)).toBe(Object.getPrototypeOf(n));
      expect(u).toEqual(n);
      await nh.close();
      await uh.close();
    }
  });

  test('stat(null) fails as in node:fs', async () => {
    const nh = await nodeFsp.open(__filename);
    const uh = await fsp.open(__filename);
    expect(await outcome(() => uh.stat(null as never))).toEqual(await outcome(() => nh.stat(null as never)));
    await nh.close();
    await uh.close();
  });
});
