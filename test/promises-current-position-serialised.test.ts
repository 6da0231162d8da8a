// Operations at the current position (position null or -1) on one handle are atomic as
// read(2)/write(2) are: io_uring samples and stores f_pos without the kernel's f_pos lock, so
// concurrent calls on a file out of the page cache (punted to io-wq) used to get the same range.
// Reads drop the file from the cache first (dd iflag=nocache: posix_fadvise DONTNEED); writes
// use O_DIRECT handles, where each write completed after the next one had sampled f_pos.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { twinDirs } from './helpers/compare';
import { directMemory, directSupported, O_DIRECT_RW } from './helpers/direct-io';

const BLOCK = 4096;
const N = 32;
const direct = directSupported() ? test : test.skip;

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

/** `count` blocks, each starting with its number: "0007", "0008", ... from `first`; into `out` if given. */
function blocks(count: number, first = 0, out: Buffer = Buffer.alloc(count * BLOCK)): Buffer {
  out.fill('.');
  for (let i = 0; i < count; i++) out.write(String(first + i).padStart(4, '0'), i * BLOCK);
  return out;
}

/** The block numbers in `data`, sorted (a block read twice shows up twice). */
function blockNumbers(data: Uint8Array[] | Uint8Array): number[] {
  const all = Buffer.concat(Array.isArray(data) ? data : [data]);
  const out: number[] = [];
  for (let at = 0; at < all.length; at += BLOCK) out.push(Number(all.subarray(at, at + 4).toString()));
  return out.sort((a, b) => a - b);
}

/** A file of `count` blocks numbered from 1000, and `count` blocks of aligned memory numbered from 0. */
function directSetup(count: number): { file: string; mine: Buffer } {
  const file = path.join(dirs.b, 'direct');
  fs.writeFileSync(file, blocks(count, 1000));
  const mine = blocks(count, 0, directMemory(file, count * BLOCK));
  fs.truncateSync(file, count * BLOCK);
  return { file, mine };
}

const range = (count: number, first = 0) => Array.from({ length: count }, (_, i) => first + i);

/** Writes `data` to a new file, on disk and out of the page cache. */
function coldFile(data: Buffer): string {
  const file = path.join(dirs.b, 'cold');
  fs.writeFileSync(file, data);
  const fd = fs.openSync(file, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
  return file;
}

type Handle = Awaited<ReturnType<typeof fsp.open>>;

async function withHandle<T>(file: string, flags: string | number, run: (h: Handle) => Promise<T>): Promise<T> {
  const h = await fsp.open(file, flags as string);
  try {
    return await run(h);
  } finally {
    await h.close();
  }
}

describe.each([null, -1])('position %p', (position) => {
  test(`${N} concurrent read() calls read each block once`, async () => {
    const file = coldFile(blocks(N));
    const got = await withHandle(file, 'r', (h) =>
      Promise.all(range(N).map(() => h.read(Buffer.alloc(BLOCK), 0, BLOCK, position as number))));
    expect(blockNumbers(got.map((r) => r.buffer.subarray(0, r.bytesRead)))).toEqual(range(N));
  });

  test(`${N} concurrent readv() calls read each block once`, async () => {
    const file = coldFile(blocks(N));
    const got = await withHandle(file, 'r', (h) =>
      Promise.all(range(N).map(() => h.readv([Buffer.alloc(BLOCK / 2), Buffer.alloc(BLOCK / 2)], position as number))));
    expect(got.every((r) => r.bytesRead === BLOCK)).toBe(true);
    expect(blockNumbers(got.flatMap((r) => r.buffers))).toEqual(range(N));
  });

  direct(`${N} concurrent write() and writev() calls (O_DIRECT) write each block once`, async () => {
    const { file, mine } = directSetup(N);
    const block = (i: number) => mine.subarray(i * BLOCK, (i + 1) * BLOCK);
    await withHandle(file, O_DIRECT_RW as never, (h) =>
      Promise.all(range(N).map((i) => (i % 2 === 0
        ? h.write(block(i), 0, BLOCK, position as number)
        : h.writev([block(i).subarray(0, BLOCK / 2), block(i).subarray(BLOCK / 2)], position as number)))));
    expect(blockNumbers(fs.readFileSync(file))).toEqual(range(N));
  });
});

test('concurrent read() and write() at the current position never share a range', async () => {
  const file = coldFile(blocks(2 * N, 1000));
  const reads: Buffer[] = [];
  await withHandle(file, 'r+', (h) =>
    Promise.all(range(2 * N).map(async (i) => {
      if (i % 2 === 0) {
        const { buffer, bytesRead } = await h.read(Buffer.alloc(BLOCK), 0, BLOCK, null);
        reads.push(buffer.subarray(0, bytesRead));
      } else {
        await h.write(blocks(1, i));
      }
    })));
  // Every block of the file was either read (old content) or overwritten (new), never both.
  const written = blockNumbers(fs.readFileSync(file)).filter((b) => b < 1000);
  const read = blockNumbers(reads);
  expect(written).toEqual(range(N).map((k) => 2 * k + 1));
  expect(read.length).toBe(N);
  expect(new Set(read).size).toBe(N);
});

test('a read blocked on a FIFO does not hold up a write on the same handle (pipes have no f_pos lock)', async () => {
  const fifo = path.join(dirs.b, 'fifo');
  execFileSync('mkfifo', [fifo]);
  await withHandle(fifo, 'r+', async (h) => {
    const read = h.read(Buffer.alloc(5), 0, 5, null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await h.write('hello', null)).bytesWritten).toBe(5);
    const { bytesRead, buffer } = await read;
    expect(buffer.toString('utf8', 0, bytesRead)).toBe('hello');
  });
});

test('two concurrent readFile()s of one handle read the file once between them, as node', async () => {
  const data = blocks(4 * N);
  const file = coldFile(data);
  const mine = await withHandle(file, 'r', (h) => Promise.all([h.readFile(), fsp.readFile(h)]));
  expect(blockNumbers(mine)).toEqual(range(4 * N));
  const theirs = await nodeFsp.open(file, 'r').then(async (h) => {
    try {
      return await Promise.all([h.readFile(), nodeFsp.readFile(h)]);
    } finally {
      await h.close();
    }
  });
  expect(blockNumbers(theirs)).toEqual(range(4 * N));
});

direct('concurrent writeFile() and appendFile() on one handle (O_DIRECT) write each block once', async () => {
  const { file, mine } = directSetup(24);
  const part = (k: number) => mine.subarray(k * 8 * BLOCK, (k + 1) * 8 * BLOCK);
  await withHandle(file, O_DIRECT_RW as never, (h) => Promise.all([h.writeFile(part(0)), h.appendFile(part(1)), fsp.writeFile(h, part(2))]));
  expect(blockNumbers(fs.readFileSync(file))).toEqual(range(24));
});
