// AbortSignal: an aborted signal rejects with Node's AbortError before any IO; aborting while
// a read or write is blocked in the kernel cancels it (ASYNC_CANCEL) and rejects.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { errorShape, outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

/** Settles with the promise's error, or fails the test if it is still pending after `ms`. */
async function rejection(p: Promise<unknown>, ms = 5000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('still pending: the blocked operation was not cancelled')), ms);
  });
  try {
    await Promise.race([p, pending]);
  } catch (e) {
    if ((e as Error).message.startsWith('still pending')) throw e;
    return e;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('resolved instead of rejecting');
}

/** Descriptors of this process open on `file` (counting all fds would see unrelated ones come and go). */
function fdsOn(file: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === file) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

describe('AbortSignal', () => {
  test('an already aborted signal rejects exactly as node:fs/promises', async () => {
    const signal = AbortSignal.abort();
    for (const dir of [dirs.a, dirs.b]) fs.writeFileSync(path.join(dir, 'f'), 'x');
    type Api = typeof nodeFsp | typeof fsp;
    const runs: Array<(api: Api, dir: string) => Promise<unknown>> = [
      (api, dir) => api.readFile(path.join(dir, 'f'), { signal }),
      (api, dir) => api.writeFile(path.join(dir, 'w'), 'data', { signal }),
      (api, dir) => api.appendFile(path.join(dir, 'f'), 'data', { signal } as never),
      async (api, dir) => {
        const h = await api.open(path.join(dir, 'f'), 'r+');
        try {
          return await h.readFile({ signal });
        } finally {
          await h.close();
        }
      },
    ];
    for (const run of runs) {
      const n = await outcome(() => run(nodeFsp, dirs.a), dirs.a);
      const u = await outcome(() => run(fsp, dirs.b), dirs.b);
      expect(n.err?.code).toBe('ABORT_ERR');
      expect(u).toEqual(n);
    }
    // Nothing was written.
    expect(fs.readdirSync(dirs.b).sort()).toEqual(fs.readdirSync(dirs.a).sort());
    expect(fs.readFileSync(path.join(dirs.b, 'f'), 'utf8')).toBe('x');
  });

  test('aborting a read blocked on an empty FIFO cancels it', async () => {
    const fifo = path.join(dirs.b, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const ac = new AbortController();
    const reason = new Error('stop');
    const p = fsp.readFile(fifo, { flag: 'r+', signal: ac.signal });
    setTimeout(() => ac.abort(reason), 50);
    const err = await rejection(p);
    expect(errorShape(err)).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', message: 'The operation was aborted' });
    expect((err as Error).cause).toBe(reason);
    expect(fdsOn(fifo)).toBe(0); // the file was closed
  });

  test('aborting a write blocked on a full FIFO cancels it; the handle stays usable', async () => {
    const fifo = path.join(dirs.b, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const h = await fsp.open(fifo, 'r+');
    const ac = new AbortController();
    const p = h.writeFile(Buffer.alloc(4 * 1024 * 1024), { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const err = await rejection(p);
    expect((err as { code?: string }).code).toBe('ABORT_ERR');
    const { bytesRead } = await h.read(Buffer.alloc(16), 0, 16, null); // the pipe holds what was written
    expect(bytesRead).toBe(16);
    await h.close();
    expect(h.fd).toBe(-1);
  });
});
