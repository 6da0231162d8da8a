// Differences the differential run found between uring/promises and node:fs/promises,
// each reduced to the smallest call that shows it (seed/step where first seen in the name).
import { mkdirSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { normaliseError, normaliseValue } from './helpers/fs-normalise';
import type { Fsp } from './helpers/fs-ops';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

/** What a call gives on an implementation, normalised as the differential compares it. */
async function outcome(impl: Fsp, run: (impl: Fsp) => Promise<unknown>): Promise<unknown> {
  const ctx = { root: tmp(), handleId: () => undefined };
  try {
    return { resolved: normaliseValue(await run(impl), ctx) };
  } catch (err) {
    return { rejected: normaliseError(err, ctx) };
  }
}

async function expectSameAsNode(run: (impl: Fsp) => Promise<unknown>): Promise<void> {
  const expected = await outcome(fsp, run);
  expect(await outcome(loadTarget(), run)).toEqual(expected);
}

/** Opens `file` with `flags`, runs `body` on the handle, closes it. */
function onHandle(file: () => string, flags: string, body: (fh: import('node:fs/promises').FileHandle) => Promise<unknown>) {
  return async (impl: Fsp): Promise<unknown> => {
    const fh = await impl.open(file(), flags);
    try {
      return await body(fh);
    } finally {
      await fh.close();
    }
  };
}

suite('differential findings', () => {
  beforeAll(() => {
    writeFileSync(tmp('ro.txt'), 'abc');
    mkdirSync(tmp('dir'));
  });

  // Seed 1003 step 28 (then 1002/580, 1026/61, ...): fh.write('', 80n) on a read-only handle resolved 0 bytes.
  test.each([[''], ['', 0], ['', null, 'hex'], ['x', 3, 'hex']])('write(%p, …) of a string that encodes to 0 bytes on a read-only handle is EBADF', async (...args) => {
    await expectSameAsNode(onHandle(() => tmp('ro.txt'), 'r', (fh) => (fh.write as (...a: unknown[]) => Promise<unknown>)(...args)));
  });

  // Seed 3001 step 115: stat(path, { bigint: 'x' }) gave BigIntStats; node gives Stats unless bigint === true.
  test.each([['x'], [1], [{}], [true], [false]])('stat/lstat/fh.stat with { bigint: %p } pick Stats or BigIntStats as node does', async (bigint) => {
    const opts = { bigint } as unknown as { bigint: boolean };
    await expectSameAsNode(async (impl) => (await impl.stat(tmp('ro.txt'), opts)).constructor.name);
    await expectSameAsNode(async (impl) => (await impl.lstat(tmp('ro.txt'), opts)).constructor.name);
    await expectSameAsNode(onHandle(() => tmp('ro.txt'), 'r', async (fh) => (await fh.stat(opts)).constructor.name));
  });

  // Seed 1013 step 486 (generator of commit b840216): readv([Float64Array(0)], 201) on a directory resolved
  // { bytesRead: 0 }; node rejects EISDIR, syscall 'read'. libuv reads a single buffer with read(2)/pread(2),
  // which reaches the directory's read and fails; io_uring's READV with an empty iovec returns 0 without it.
  // Fixed on this branch (lib/promises/io.ts readv: that one case goes through node:fs).
  test('readv of one empty buffer on a directory is EISDIR, as read(2) gives it', async () => {
    await expectSameAsNode(onHandle(() => tmp('dir'), 'r', (fh) => fh.readv([Buffer.alloc(0)])));
    await expectSameAsNode(onHandle(() => tmp('dir'), 'r', (fh) => fh.readv([Buffer.alloc(0)], 5)));
  });

  // Seed 11008 step 245 (also 11000/850, 11014/570, 11027/564): fsp.readFile(closedHandle) rejected EBADF
  // (syscall fstat); node rejects RangeError ERR_OUT_OF_RANGE for fd -1. Fixed on this branch
  // (lib/promises/read-file.ts readFileFd checks the fd after the signal, as node does).
  test.each(['readFile', 'writeFile', 'appendFile'] as const)('fsp.%s(closedHandle) rejects as node does', async (method) => {
    await expectSameAsNode(async (impl) => {
      const fh = await impl.open(tmp('ro.txt'), 'r+');
      await fh.close();
      const args = method === 'readFile' ? [fh] : [fh, 'x'];
      return (impl[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  });
});
