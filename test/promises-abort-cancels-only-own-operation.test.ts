// Aborting a call's signal cancels that call's own ring operation, never another caller's: a
// writeFile that failed before starting any operation has nothing to cancel.
import { execFileSync } from 'node:child_process';
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

/** Another caller's read blocked on an empty FIFO; writeFile(closedHandle, { signal }), then abort. */
async function scenario(api: Api, dir: string): Promise<unknown> {
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = await api.open(fifo, 'r+');
  const closed = await api.open(path.join(dir, 'f'), 'w');
  await closed.close();
  const blocked = reader.read(Buffer.alloc(5), 0, 5, null);
  await new Promise((resolve) => setTimeout(resolve, 20)); // in the kernel by now
  const ac = new AbortController();
  const failed = outcome(() => api.writeFile(closed as never, 'data', { signal: ac.signal }), dir);
  ac.abort();
  const writer = fs.openSync(fifo, 'w');
  fs.writeSync(writer, 'hello');
  fs.closeSync(writer);
  const read = await outcome(async () => {
    const { bytesRead, buffer } = await blocked;
    return buffer.toString('utf8', 0, bytesRead);
  });
  await reader.close();
  return { writeFile: await failed, otherRead: read };
}

test('abort after writeFile(closedHandle, { signal }) leaves another caller\'s read alone, as node', async () => {
  const n = await scenario(nodeFsp, dirs.a);
  const u = await scenario(fsp, dirs.b);
  expect(n).toMatchObject({ otherRead: { ok: 'hello' } });
  expect(u).toEqual(n);
});
