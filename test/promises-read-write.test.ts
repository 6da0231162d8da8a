// FileHandle read/write/readv/writev: every signature, current-position semantics, results
// and files identical to node:fs/promises; closed handles fail with EBADF; close waits.
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
type Step = (h: nodeFsp.FileHandle) => Promise<unknown>;

const CONTENT = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Runs the same steps on twin files; returns the step results and the file at the end. */
async function twin(steps: Step[], flag = 'r+'): Promise<[unknown, unknown]> {
  const run = async (api: Api, dir: string) => {
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, CONTENT);
    const h = (await api.open(file, flag)) as nodeFsp.FileHandle;
    const results: unknown[] = [];
    for (const step of steps) {
      results.push(await outcome(async () => {
        const r = (await step(h)) as Record<string, unknown> | undefined;
        // Buffers compare by content, results as plain objects.
        return r && typeof r === 'object' ? JSON.parse(JSON.stringify({ ...r })) : r;
      }, dir));
    }
    await h.close();
    return { results, content: fs.readFileSync(file, 'latin1') };
  };
  return [await run(nodeFsp, dirs.a), await run(fsp, dirs.b)];
}

describe('FileHandle read', () => {
  test('all signatures, positions and the current position', async () => {
    const [n, u] = await twin([
      (h) => h.read(Buffer.alloc(5), 0, 5, 0),
      (h) => h.read(Buffer.alloc(8), 2, 4, 10),
      (h) => h.read(Buffer.alloc(4), 0, 4, null), // current position: start
      (h) => h.read(Buffer.alloc(4), 0, 4, -1), // and it advanced
      (h) => h.read(Buffer.alloc(6), { offset: 1, length: 3, position: 20 }),
      (h) => h.read(Buffer.alloc(6), { position: 30 }),
      (h) => h.read({ buffer: Buffer.alloc(7), position: 2 }),
      (h) => h.read({ buffer: Buffer.alloc(7), offset: 2 }),
      (h) => h.read(Buffer.alloc(3)),
      (h) => h.read(new Uint16Array(2), 0, 4, 0),
      (h) => h.read(Buffer.alloc(10), 0, 10, 1000), // past EOF
      (h) => h.read(Buffer.alloc(4), 0, 0, 0),
    ]);
    expect(u).toEqual(n);
  });

  test('read() with no arguments allocates 16 KiB and reads at the current position', async () => {
    const file = path.join(dirs.b, 'f');
    fs.writeFileSync(file, CONTENT);
    const h = await fsp.open(file);
    const r = await h.read();
    expect(r.buffer.byteLength).toBe(16384);
    expect(r.bytesRead).toBe(CONTENT.length);
    expect(Buffer.from(r.buffer.buffer, 0, r.bytesRead).toString()).toBe(CONTENT);
    await h.close();
  });

  test('argument errors match node:fs', async () => {
    const [n, u] = await twin([
      (h) => h.read(5 as never),
      (h) => h.read([1] as never),
      (h) => h.read(Buffer.alloc(4), -1),
      (h) => h.read(Buffer.alloc(4), 1.5),
      (h) => h.read(Buffer.alloc(4), 0, 10),
      (h) => h.read(Buffer.alloc(4), 0, -1),
      (h) => h.read(Buffer.alloc(0), 0, 1),
      (h) => h.read(Buffer.alloc(4), 'x' as never),
      (h) => h.read({ buffer: 5 } as never),
    ]);
    expect(u).toEqual(n);
    for (const r of (n as { results: Array<{ err?: unknown }> }).results) expect(r.err).toBeDefined();
  });

  test('a buffer detached after read()/write() and before submission is refused, never handed to the kernel', async () => {
    const file = path.join(dirs.b, 'f');
    fs.writeFileSync(file, CONTENT);
    const h = await fsp.open(file, 'r+');
    for (const make of [(ab: ArrayBuffer) => new Uint8Array(ab), (ab: ArrayBuffer) => new DataView(ab)]) {
      const ab = new ArrayBuffer(8);
      const reading = h.read(make(ab), 0, 8, 0);
      structuredClone(ab, { transfer: [ab] }); // detaches it now, before the ring takes the read
      await expect(reading).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
      const ab2 = new ArrayBuffer(8);
      const writing = h.write(make(ab2), 0, 8, 0);
      structuredClone(ab2, { transfer: [ab2] });
      await expect(writing).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
    }
    await h.close(); // nothing left in flight
    expect(fs.readFileSync(file, 'latin1')).toBe(CONTENT);
  });
});

describe('FileHandle write', () => {
  test('buffer and string forms, positions, current position', async () => {
    const [n, u] = await twin([
      (h) => h.write(Buffer.from('XYZ'), 0, 3, 5),
      (h) => h.write(Buffer.from('hello'), 1, 2, 0),
      (h) => h.write(Buffer.from('cur')), // current position: start
      (h) => h.write(Buffer.from('next'), 0, 4, null), // advanced
      (h) => h.write(Buffer.from('opts'), { offset: 1, length: 2, position: 30 } as never),
      (h) => h.write('string at 12', 12),
      (h) => h.write('6869', 0, 'hex'),
      (h) => h.write('current'),
      (h) => h.write(new Uint32Array([0x41424344])),
      (h) => h.write(Buffer.alloc(0)),
      (h) => h.write('past the end', 100),
    ]);
    expect(u).toEqual(n);
  });

  test('argument errors match node:fs', async () => {
    const [n, u] = await twin([
      (h) => h.write(5 as never),
      (h) => h.write(null as never),
      (h) => h.write(Buffer.alloc(4), 5),
      (h) => h.write(Buffer.alloc(4), 0, 5),
      (h) => h.write(Buffer.alloc(4), -1),
      (h) => h.write('abc', 0, 'hex'),
      (h) => h.write({} as never),
    ]);
    expect(u).toEqual(n);
  });

  test('writing to a read-only handle fails with EBADF, syscall write', async () => {
    const [n, u] = await twin([(h) => h.write('x'), (h) => h.write(Buffer.from('y'), 0, 1, 0)], 'r');
    expect(u).toEqual(n);
    expect((n as { results: Array<{ err?: { code: string } }> }).results[0].err?.code).toBe('EBADF');
  });
});

describe('FileHandle readv/writev', () => {
  test('scatter and gather at positions and at the current position', async () => {
    const [n, u] = await twin([
      (h) => h.readv([Buffer.alloc(3), Buffer.alloc(5)], 2),
      (h) => h.readv([Buffer.alloc(4), Buffer.alloc(0), Buffer.alloc(2)]),
      (h) => h.readv([Buffer.alloc(4)], null as never),
      (h) => h.writev([Buffer.from('AB'), Buffer.from('CDE')], 4),
      (h) => h.writev([Buffer.from('cur')]),
      (h) => h.writev([]),
      (h) => h.readv([]),
      (h) => h.readv(5 as never),
      (h) => h.writev([Buffer.from('a'), 'b'] as never),
    ]);
    expect(u).toEqual(n);
  });

  test('more buffers than IOV_MAX', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => Buffer.from([65 + (i % 26)]));
    const [n, u] = await twin([(h) => h.writev(many, 0), (h) => h.readv(Array.from({ length: 1100 }, () => Buffer.alloc(1)), 0)]);
    expect(u).toEqual(n);
  });
});

describe('closed handles and close', () => {
  test('every call on a closed handle fails with EBADF naming it, as in node:fs', async () => {
    const calls: Array<[string, (h: nodeFsp.FileHandle) => Promise<unknown>]> = [
      ['read', (h) => h.read(Buffer.alloc(1))],
      ['write', (h) => h.write('x')],
      ['readv', (h) => h.readv([Buffer.alloc(1)])],
      ['writev', (h) => h.writev([Buffer.alloc(1)])],
      ['stat', (h) => h.stat()],
      ['truncate', (h) => h.truncate()],
      ['sync', (h) => h.sync()],
      ['datasync', (h) => h.datasync()],
      ['readFile', (h) => h.readFile()],
      ['writeFile', (h) => h.writeFile('x')],
      ['appendFile', (h) => h.appendFile('x')],
      ['chmod', (h) => h.chmod(0o600)],
      ['chown', (h) => h.chown(0, 0)],
      ['utimes', (h) => h.utimes(0, 0)],
    ];
    fs.writeFileSync(path.join(dirs.a, 'c'), 'x');
    const nh = await nodeFsp.open(path.join(dirs.a, 'c'), 'r+');
    const uh = await fsp.open(path.join(dirs.a, 'c'), 'r+');
    await nh.close();
    await uh.close();
    expect(uh.fd).toBe(-1);
    for (const [, call] of calls) {
      const n = await outcome(() => call(nh));
      const u = await outcome(() => call(uh as never));
      expect(u).toEqual(n);
      expect(n.err?.code).toBe('EBADF');
    }
    await uh.close(); // closing again resolves
  });

  test('close waits for operations in flight and emits close', async () => {
    const file = path.join(dirs.b, 'f');
    fs.writeFileSync(file, CONTENT);
    const h = await fsp.open(file);
    const events: string[] = [];
    (h as unknown as NodeJS.EventEmitter).on('close', () => events.push('close'));
    const reads = [h.read(Buffer.alloc(4), 0, 4, 0), h.read(Buffer.alloc(4), 0, 4, 4)];
    const closing = h.close();
    expect(events).toEqual(['close']);
    const results = await Promise.all(reads);
    expect(results.map((r) => r.buffer.toString())).toEqual(['abcd', 'efgh']);
    await closing;
    expect(h.fd).toBe(-1);
  });

  test('Symbol.asyncDispose closes', async () => {
    const h = await fsp.open(__filename);
    await h[Symbol.asyncDispose]();
    expect(h.fd).toBe(-1);
  });

  test('many concurrent operations (more than the SQ holds) all complete', async () => {
    const file = path.join(dirs.b, 'f');
    fs.writeFileSync(file, CONTENT);
    const h = await fsp.open(file);
    const rs = await Promise.all(Array.from({ length: 700 }, (_, i) => h.read(Buffer.alloc(1), 0, 1, i % CONTENT.length)));
    expect(rs.map((r) => r.buffer.toString()).join('')).toBe(Array.from({ length: 700 }, (_, i) => CONTENT[i % CONTENT.length]).join(''));
    await h.close();
  });
});
