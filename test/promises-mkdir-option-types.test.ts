// mkdir's options are validated as node:fs/promises validates them: `recursive` that is not a
// boolean (null included) is ERR_INVALID_ARG_TYPE, not a plain mkdir that fails with ENOENT.
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

test.each([null, 0, 1, 'yes', undefined, false, true])('mkdir(deep, { recursive: %p }) as node:fs/promises', async (recursive) => {
  const n = await outcome(() => nodeFsp.mkdir(path.join(dirs.a, 'a', 'b'), { recursive } as never), dirs.a);
  const u = await outcome(() => fsp.mkdir(path.join(dirs.b, 'a', 'b'), { recursive } as never), dirs.b);
  expect(u).toEqual(n);
});

test.each([null, 'x', -1])('mkdir(p, { mode: %p }) as node:fs/promises', async (mode) => {
  const n = await outcome(() => nodeFsp.mkdir(path.join(dirs.a, 'd'), { mode } as never), dirs.a);
  const u = await outcome(() => fsp.mkdir(path.join(dirs.b, 'd'), { mode } as never), dirs.b);
  expect(u).toEqual(n);
});
