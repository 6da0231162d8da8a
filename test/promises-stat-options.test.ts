// stat/lstat/FileHandle.stat options that are not an object, which Node majors take differently
// (Node 26 refuses them with ERR_INVALID_ARG_TYPE, earlier majors read `bigint` off them and
// fail on null): uring resolves or rejects as the running node does.
import { writeFileSync } from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeAll(() => {
  dirs = twinDirs();
  for (const d of [dirs.a, dirs.b]) writeFileSync(path.join(d, 'f'), 'some bytes');
});
afterAll(() => dirs.cleanup());

const OPTIONS: unknown[] = [null, 'x', 1, true, [], () => {}, {}, { bigint: 1 }, { bigint: true }];

type Api = typeof nodeFsp | typeof fsp;

async function stats(api: Api, dir: string, options: unknown): Promise<unknown[]> {
  const file = path.join(dir, 'f');
  const kind = async (p: Promise<{ size: unknown }>) => typeof (await p).size;
  const fh = await api.open(file, 'r');
  try {
    return [
      await outcome(() => kind(api.stat(file, options as never))),
      await outcome(() => kind(api.lstat(file, options as never))),
      await outcome(() => kind(fh.stat(options as never))),
    ];
  } finally {
    await fh.close();
  }
}

test.each(OPTIONS.map((o) => [Array.isArray(o) ? '[]' : typeof o === 'function' ? 'a function' : JSON.stringify(o), o]))('stat options %s as the running node', async (_, options) => {
  expect(await stats(fsp, dirs.b, options)).toEqual(await stats(nodeFsp, dirs.a, options));
});
