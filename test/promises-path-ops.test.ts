// rename, unlink, rmdir, mkdir, link, symlink: same results, trees and errors as node:fs/promises.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
  for (const dir of [dirs.a, dirs.b]) {
    fs.writeFileSync(path.join(dir, 'file'), 'content');
    fs.mkdirSync(path.join(dir, 'dir'));
    fs.writeFileSync(path.join(dir, 'dir', 'inner'), 'x');
    fs.mkdirSync(path.join(dir, 'empty'));
  }
});
afterEach(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;

function snapshot(dir: string): unknown {
  const out: Record<string, unknown> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = path.join(rel, name);
      const st = fs.lstatSync(path.join(dir, r));
      if (st.isSymbolicLink()) out[r] = `-> ${fs.readlinkSync(path.join(dir, r))}`;
      else if (st.isDirectory()) {
        out[r] = `dir ${(st.mode & 0o7777).toString(8)}`;
        walk(r);
      } else out[r] = `file ${st.nlink} ${fs.readFileSync(path.join(dir, r), 'utf8')}`;
    }
  };
  walk('');
  return out;
}

async function both(steps: Array<(api: Api, at: (n: string) => string) => Promise<unknown>>): Promise<void> {
  const run = async (api: Api, dir: string) => {
    const results = [];
    for (const step of steps) results.push(await outcome(() => step(api, (n) => path.join(dir, n)), dir));
    return { results, tree: snapshot(dir) };
  };
  const n = await run(nodeFsp, dirs.a);
  const u = await run(fsp, dirs.b);
  expect(u).toEqual(n);
}

describe('path operations', () => {
  test('rename: files, directories, over existing, and its errors', async () => {
    await both([
      (api, at) => api.rename(at('file'), at('renamed')),
      (api, at) => api.rename(at('renamed'), at('dir/inner')),
      (api, at) => api.rename(at('empty'), at('moved')),
      (api, at) => api.rename(at('missing'), at('x')),
      (api, at) => api.rename(at('dir'), at('dir/inner/sub')),
      (api, at) => api.rename(at('moved'), at('dir')),
    ]);
  });

  test('unlink and rmdir, and their errors', async () => {
    await both([
      (api, at) => api.unlink(at('file')),
      (api, at) => api.unlink(at('file')),
      (api, at) => api.unlink(at('dir')),
      (api, at) => api.rmdir(at('dir')),
      (api, at) => api.rmdir(at('empty')),
      (api, at) => api.rmdir(at('dir/inner')),
      (api, at) => api.rmdir(at('nope')),
    ]);
  });

  test('mkdir: modes, return values, recursive, and errors', async () => {
    await both([
      (api, at) => api.mkdir(at('a')),
      (api, at) => api.mkdir(at('b'), 0o700),
      (api, at) => api.mkdir(at('c'), { mode: '750' }),
      (api, at) => api.mkdir(at('a')),
      (api, at) => api.mkdir(at('x/y')),
      (api, at) => api.mkdir(at('file/y')),
      (api, at) => api.mkdir(at('r/s/t'), { recursive: true }),
      (api, at) => api.mkdir(at('r/s/t'), { recursive: true }),
      (api, at) => api.mkdir(at('r/s/u'), { recursive: true }),
      (api, at) => api.mkdir(at('file/z'), { recursive: true }),
      (api, at) => api.mkdir(at('bad'), { recursive: 'yes' } as never),
    ]);
  });

  test('link and symlink, relative targets kept verbatim, and errors', async () => {
    await both([
      (api, at) => api.link(at('file'), at('hard')),
      (api, at) => api.link(at('file'), at('hard')),
      (api, at) => api.link(at('missing'), at('h2')),
      (api, at) => api.symlink('file', at('soft')),
      (api, at) => api.symlink('../elsewhere/x', at('dangling')),
      (api, at) => api.symlink('dir', at('dlink'), 'dir'),
      (api, at) => api.symlink('file', at('soft')),
      (api, at) => api.symlink('file', at('bad'), 'weird' as never),
      (api, at) => api.readFile(at('soft'), 'utf8'),
    ]);
  });

  test('Buffer and URL paths', async () => {
    await both([
      (api, at) => api.rename(Buffer.from(at('file')), new URL(`file://${at('viaurl')}`)),
      (api, at) => api.unlink(Buffer.from(at('viaurl'))),
      (api, at) => api.mkdir(new URL(`file://${at('urldir')}`)),
    ]);
  });
});
