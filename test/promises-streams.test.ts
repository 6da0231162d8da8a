// FileHandle streams: createReadStream/createWriteStream/readLines/readableWebStream read and
// write through the handle with the same data as node:fs/promises' FileHandle.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
const TEXT = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`).join('\n');
beforeEach(() => {
  dirs = twinDirs();
  for (const dir of [dirs.a, dirs.b]) fs.writeFileSync(path.join(dir, 'text'), TEXT);
});
afterEach(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;

async function both<T>(run: (api: Api, at: (n: string) => string) => Promise<T>): Promise<[T, T]> {
  return [await run(nodeFsp, (n) => path.join(dirs.a, n)), await run(fsp, (n) => path.join(dirs.b, n))];
}

describe('FileHandle streams', () => {
  test('createReadStream with start/end/encoding closes the handle at the end', async () => {
    const [n, u] = await both(async (api, at) => {
      const h = await api.open(at('text'));
      const chunks: string[] = [];
      for await (const c of h.createReadStream({ encoding: 'utf8', start: 10, end: 30000, highWaterMark: 1024 })) chunks.push(c as string);
      return [chunks.join(''), h.fd];
    });
    expect(u).toEqual(n);
    expect(n[1]).toBe(-1);
  });

  test('readLines', async () => {
    const [n, u] = await both(async (api, at) => {
      const h = await api.open(at('text'));
      const lines: string[] = [];
      for await (const l of h.readLines()) lines.push(l);
      return lines;
    });
    expect(u).toEqual(n);
    expect(n.length).toBe(2000);
  });

  test('createWriteStream', async () => {
    const [n, u] = await both(async (api, at) => {
      const h = await api.open(at('out'), 'w');
      const ws = h.createWriteStream();
      for (let i = 0; i < 100; i++) ws.write(`chunk ${i}\n`);
      ws.end('end');
      await new Promise<void>((resolve) => ws.on('close', () => resolve()));
      return [fs.readFileSync(at('out'), 'utf8'), h.fd];
    });
    expect(u).toEqual(n);
  });

  test('readableWebStream yields the file', async () => {
    const [n, u] = await both(async (api, at) => {
      const h = await api.open(at('text'));
      const parts: Buffer[] = [];
      for await (const c of h.readableWebStream() as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
      await h.close();
      return Buffer.concat(parts).toString();
    });
    expect(u).toBe(n);
    expect(n).toBe(TEXT);
  });
});
