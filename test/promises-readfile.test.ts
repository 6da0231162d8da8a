// readFile/writeFile/appendFile (top level and on FileHandle): encodings, flags, modes, files
// larger than one operation, unknown sizes (/proc), iterables; results equal node:fs's.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;

async function both(run: (api: Api, dir: string) => Promise<unknown>): Promise<void> {
  const n = await outcome(() => run(nodeFsp, dirs.a), dirs.a);
  const u = await outcome(() => run(fsp, dirs.b), dirs.b);
  expect(u).toEqual(n);
}

const tree = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((f) => {
  const st = fs.statSync(path.join(dir, f));
  return [f, { mode: st.mode, data: st.isFile() ? fs.readFileSync(path.join(dir, f), 'base64') : null }];
}));

describe('readFile', () => {
  test('buffers and every encoding', async () => {
    const data = Buffer.from('héllo wörld \u{1F600} \x00\xff end');
    for (const dir of [dirs.a, dirs.b]) fs.writeFileSync(path.join(dir, 'f'), data);
    for (const enc of [undefined, 'utf8', 'latin1', 'hex', 'base64', 'base64url', 'ascii', 'utf16le', 'ucs2', 'binary']) {
      await both((api, dir) => api.readFile(path.join(dir, 'f'), enc as BufferEncoding));
      await both((api, dir) => api.readFile(path.join(dir, 'f'), { encoding: enc as BufferEncoding }));
    }
  });

  test('files larger than one read (chunked), with and without an encoding', async () => {
    const big = Buffer.alloc(1300 * 1024 + 3);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    fs.writeFileSync(path.join(dirs.b, 'big'), big);
    expect((await fsp.readFile(path.join(dirs.b, 'big'))).equals(big)).toBe(true);
    expect(await fsp.readFile(path.join(dirs.b, 'big'), 'latin1')).toBe(big.toString('latin1'));
    const text = 'ß€'.repeat(300 * 1024); // multi-byte characters cross the 512 KiB chunk boundaries
    fs.writeFileSync(path.join(dirs.b, 'text'), text);
    expect(await fsp.readFile(path.join(dirs.b, 'text'), 'utf8')).toBe(text);
  });

  test('files of unknown size (/proc) read until EOF', async () => {
    const n = await nodeFsp.readFile('/proc/self/maps', 'utf8');
    const u = await fsp.readFile('/proc/self/maps', 'utf8');
    expect(u.length).toBeGreaterThan(1000);
    expect(u.split('\n')[0].length).toBeGreaterThan(0);
    expect(n.length).toBeGreaterThan(1000);
    expect(await fsp.readFile('/proc/sys/kernel/ostype', 'utf8')).toBe(await nodeFsp.readFile('/proc/sys/kernel/ostype', 'utf8'));
    expect(await fsp.readFile('/proc/self/cmdline')).toEqual(await nodeFsp.readFile('/proc/self/cmdline'));
  });

  test('errors: missing file, directory, bad flag, bad options', async () => {
    await both((api, dir) => api.readFile(path.join(dir, 'missing')));
    await both((api, dir) => api.readFile(dir));
    await both((api, dir) => api.readFile(path.join(dir, 'x'), { flag: 'q' }));
    await both((api, dir) => api.readFile(path.join(dir, 'x'), 5 as never));
    await both((api, dir) => api.readFile(path.join(dir, 'x'), { encoding: 'nope' as never }));
    await both((api) => api.readFile(12 as never));
  });

  test('with flag a+ creates the file', async () => {
    await both(async (api, dir) => [await api.readFile(path.join(dir, 'new'), { flag: 'a+' }), tree(dir)]);
  });

  test('FileHandle.readFile reads from the current position', async () => {
    await both(async (api, dir) => {
      fs.writeFileSync(path.join(dir, 'f'), '0123456789');
      const h = await api.open(path.join(dir, 'f'));
      await h.read(Buffer.alloc(4), 0, 4, null);
      const rest = await h.readFile('utf8');
      const again = await h.readFile('utf8');
      await h.close();
      return [rest, again];
    });
  });
});

describe('writeFile and appendFile', () => {
  test('strings with encodings, buffers, typed arrays, modes and flags', async () => {
    await both(async (api, dir) => {
      const f = (n: string) => path.join(dir, n);
      await api.writeFile(f('s'), 'text ✓');
      await api.writeFile(f('hex'), '414243', 'hex');
      await api.writeFile(f('b64'), { toString: () => 'no' } as never).catch((e: Error) => e.message);
      await api.writeFile(f('buf'), Buffer.from('buffer'));
      await api.writeFile(f('u16'), new Uint16Array([0x4142, 0x4344]));
      await api.writeFile(f('mode'), 'm', { mode: 0o600 });
      await api.writeFile(f('s'), 'over', { flag: 'r+' });
      await api.appendFile(f('s'), ' appended');
      await api.appendFile(f('new'), Buffer.from('fresh'), { mode: 0o640 });
      await api.appendFile(f('hex'), '44', 'hex');
      await api.writeFile(f('flush'), 'flushed', { flush: true });
      return tree(dir);
    });
  });

  test('errors: wx on an existing file, bad data, bad flush, missing directory', async () => {
    for (const dir of [dirs.a, dirs.b]) fs.writeFileSync(path.join(dir, 'e'), 'x');
    await both((api, dir) => api.writeFile(path.join(dir, 'e'), 'y', { flag: 'wx' }));
    await both((api, dir) => api.writeFile(path.join(dir, 'e'), 5 as never));
    await both((api, dir) => api.writeFile(path.join(dir, 'e'), 'y', { flush: 'yes' } as never));
    await both((api, dir) => api.writeFile(path.join(dir, 'no/such'), 'y'));
    await both((api, dir) => api.appendFile(dir, 'y'));
  });

  test('larger than one write, and iterables', async () => {
    const big = Buffer.alloc(1200 * 1024, 'xyz');
    await both(async (api, dir) => {
      await api.writeFile(path.join(dir, 'big'), big);
      await api.writeFile(path.join(dir, 'it'), ['a', Buffer.from('b'), 'ccc']);
      async function* gen() {
        yield 'async ';
        yield Buffer.from('gen');
      }
      await api.writeFile(path.join(dir, 'agen'), gen());
      return tree(dir);
    });
  });

  test('FileHandle.writeFile/appendFile write at the current position', async () => {
    await both(async (api, dir) => {
      const h = await api.open(path.join(dir, 'h'), 'w+');
      await h.writeFile('first');
      await h.appendFile(' second');
      await h.write('!', 0);
      await h.close();
      return tree(dir);
    });
  });

  test('truncate by path and on a handle', async () => {
    await both(async (api, dir) => {
      fs.writeFileSync(path.join(dir, 't'), '0123456789');
      await api.truncate(path.join(dir, 't'), 4);
      const h = await api.open(path.join(dir, 't'), 'r+');
      await h.truncate(7);
      await h.truncate(-3);
      const a = await outcome(() => h.truncate('x' as never), dir);
      await h.close();
      const b = await outcome(() => api.truncate(path.join(dir, 'missing')), dir);
      return [tree(dir), a, b];
    });
  });
});
