// A stream of a page-cached file through uring/fs (as under uring/register: send,
// serve-static, fs.createReadStream(...).pipe(res)) lets the event loop run between its
// chunks, as node:fs's does: every read completes inside io_uring_enter and the stream asks
// for the next one at once, so reaping inline without a bound on the data chained 256 chunks
// of 64 KiB (16 MiB) in one turn, and a request served beside a download waited for them.
import fs from 'node:fs';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-stream-yields-');
const CHUNK = 64 * 1024;

/** The chunk count at which a setImmediate set at the first chunk ran. */
function immediateAtChunk(api: typeof fs, file: string): Promise<{ at: number; chunks: number }> {
  return new Promise((resolve, reject) => {
    let chunks = 0;
    let at = -1;
    api.createReadStream(file, { highWaterMark: CHUNK })
      .on('data', () => {
        if (chunks++ === 0) setImmediate(() => (at = chunks));
      })
      .on('end', () => resolve({ at, chunks }))
      .on('error', reject);
  });
}

test('an immediate set during a stream of a cached file runs within 2 MiB of it, as with node:fs', async () => {
  const file = tmp('data');
  fs.writeFileSync(file, Buffer.alloc(32 * 1024 * 1024, 1));
  fs.readFileSync(file); // page-cached: every read completes inside the enter
  const node = await immediateAtChunk(fs, file);
  expect(node.chunks).toBe(512);
  expect(node.at).toBeLessThan(32);
  const uring = await immediateAtChunk(ufs, file);
  expect(uring.chunks).toBe(512);
  expect(uring.at).toBeGreaterThan(0);
  expect(uring.at).toBeLessThan(32);
  expect(require('../lib/promises').backend).toBe('io_uring');
});
