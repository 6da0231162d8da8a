// FileHandle.readableWebStream(): closing the handle cancels the stream even while a reader
// holds it (locked), so reader.closed settles as with node:fs/promises.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;

/** How a promise settles, or 'pending' if it has not within `ms`. */
function settled(p: Promise<unknown>, ms = 1000): Promise<string> {
  return Promise.race([
    p.then((v) => `resolved ${String(v)}`, (e: { code?: string }) => `rejected ${e?.code}`),
    new Promise<string>((resolve) => setTimeout(() => resolve('pending'), ms)),
  ]);
}

async function closeWhileLocked(api: Api, dir: string, readFirst: boolean, type?: 'bytes'): Promise<string[]> {
  const file = path.join(dir, 'f');
  fs.writeFileSync(file, 'x'.repeat(100000));
  const h = await api.open(file, 'r');
  const reader = (h.readableWebStream({ type }) as ReadableStream<Uint8Array>).getReader();
  const seen: string[] = [];
  if (readFirst) seen.push(`chunk ${(await reader.read()).value?.byteLength}`);
  await h.close();
  seen.push(`closed ${await settled(reader.closed)}`);
  const next = await settled(reader.read());
  seen.push(`read ${next.startsWith('resolved') ? 'resolved' : next}`);
  seen.push(`fd ${h.fd}`);
  return seen;
}

// Node 20 aborts the process when a handle closes during a default-type stream's read (its
// FileHandle::ClosePromise asserts !reading_), so the read-first case uses a byte stream.
test.each([
  [false, undefined],
  [false, 'bytes'],
  [true, 'bytes'],
] as const)('closing the handle under a reader (read first: %p, type %p) settles reader.closed as node', async (readFirst, type) => {
  const n = await closeWhileLocked(nodeFsp, dirs.a, readFirst, type);
  const u = await closeWhileLocked(fsp, dirs.b, readFirst, type);
  expect(n).toContain('closed resolved undefined');
  expect(u).toEqual(n);
});
