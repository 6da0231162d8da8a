// Sequential reads and writes at the current position on an O_DIRECT handle advance the
// position as node's do. io_uring stores f_pos only for an operation that completes at once, so
// direct IO that completed later left it where it was: every write landed on the same block.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { twinDirs } from './helpers/compare';
import { directMemory, directSupported, O_DIRECT_RW } from './helpers/direct-io';

const BLOCK = 4096;
const COUNT = 16;
const direct = directSupported() ? test : test.skip;

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;

/** Writes COUNT numbered blocks one after another, then reads four back: the block numbers seen. */
async function sequential(api: Api, dir: string): Promise<{ file: string[]; read: string[] }> {
  const file = path.join(dir, 'f');
  fs.writeFileSync(file, Buffer.alloc(COUNT * BLOCK, '.'));
  const mem = directMemory(file, BLOCK);
  fs.truncateSync(file, COUNT * BLOCK);
  const h = await api.open(file, O_DIRECT_RW as never);
  try {
    for (let i = 0; i < COUNT; i++) {
      mem.fill('.').write(String(i).padStart(4, '0'));
      await h.write(mem, 0, BLOCK, null);
    }
  } finally {
    await h.close();
  }
  const data = fs.readFileSync(file);
  const written = Array.from({ length: COUNT }, (_, i) => data.toString('utf8', i * BLOCK, i * BLOCK + 4));
  const r = await api.open(file, O_DIRECT_RW as never);
  const read: string[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      const { bytesRead } = i % 2 === 0 ? await r.read(mem, 0, BLOCK, -1) : await r.readv([mem], null as never);
      read.push(mem.toString('utf8', 0, Math.min(4, bytesRead)));
    }
  } finally {
    await r.close();
  }
  return { file: written, read };
}

direct('write() then read()/readv() at the current position on an O_DIRECT handle, as node', async () => {
  const n = await sequential(nodeFsp, dirs.a);
  const u = await sequential(fsp, dirs.b);
  expect(n.read).toEqual(['0000', '0001', '0002', '0003']);
  expect(u).toEqual(n);
});
