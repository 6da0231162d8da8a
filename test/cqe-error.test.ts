// cqeError() turns a CQE's negative res into the error node:fs throws for the same failure.
import { mkdtempSync, rmSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cqeError, Ring } from '../lib';

let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'uring-cqe-error-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a test compares: the class, the message and every own property. */
function shape(err: unknown): Record<string, unknown> {
  const e = err as Error & Record<string, unknown>;
  const own: Record<string, unknown> = { constructor: e.constructor.name, name: e.name, message: e.message };
  for (const key of Object.keys(e)) own[key] = e[key];
  return own;
}

async function nodeError(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => { throw new Error('node:fs did not fail'); }, (err: unknown) => err);
}

/** The res of an OPENAT of `file` through a Ring. */
function openRes(file: Uint8Array): number {
  const ring = new Ring({ entries: 2 });
  try {
    ring.prepOpenat(-100, file, 0, 0, 1);
    ring.submit(1);
    let res = 0;
    ring.reap((_ud, r) => { res = r; });
    return res;
  } finally {
    ring.close();
  }
}

test('an OPENAT of a missing file gives node:fs open()\'s error, path from a string, a NUL-terminated buffer or a URL', async () => {
  const missing = path.join(dir, 'missing file');
  const res = openRes(Buffer.from(`${missing}\0`));
  const expected = shape(await nodeError(fsp.open(missing)));
  expect(expected.code).toBe('ENOENT');
  expect(shape(cqeError(res, 'open', missing))).toEqual(expected);
  expect(shape(cqeError(res, 'open', Buffer.from(`${missing}\0`)))).toEqual(expected);
  expect(shape(cqeError(res, 'open', pathToFileURL(missing)))).toEqual(expected);
});

test('with a destination, as node:fs rename() gives it; without a path, the bare syscall', async () => {
  const from = path.join(dir, 'nope');
  const to = path.join(dir, 'other');
  const expected = shape(await nodeError(fsp.rename(from, to)));
  expect(shape(cqeError(-2, 'rename', from, to))).toEqual(expected);
  expect(shape(cqeError(-9, 'read'))).toEqual({ constructor: 'Error', name: 'Error', message: 'EBADF: bad file descriptor, read', errno: -9, code: 'EBADF', syscall: 'read' });
});

test('a res that is not an error, or a syscall that is not a string, is an argument error', () => {
  expect(() => cqeError(0, 'open')).toThrow(expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' }));
  expect(() => cqeError(-1.5, 'open')).toThrow(expect.objectContaining({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' }));
  expect(() => cqeError('-2' as never, 'open')).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => cqeError(-2, 2 as never)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => cqeError(-2, 'open', 2 as never)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }));
});
