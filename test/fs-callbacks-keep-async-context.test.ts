// uring/fs's callbacks run in the async context of their call, as node:fs's do (each node call
// is an async resource, FSREQCALLBACK): an AsyncLocalStorage store set around a call is the
// store in its callback. The engine reaps many calls in one pass, started from the first
// call's context; without this every callback saw that first caller's store, so under
// uring/register one request's context (a trace, a tenant) leaked into another's callbacks.
import { AsyncLocalStorage } from 'node:async_hooks';
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-async-context-');

type Call = (fs: typeof nodeFs, done: () => void) => void;

const calls: Record<string, Call> = {
  open: (fs, done) => fs.open(tmp('file'), 'r', (_e, fd) => fs.close(fd, done)),
  close: (fs, done) => fs.close(fs.openSync(tmp('file'), 'r'), done),
  read: (fs, done) => {
    const fd = fs.openSync(tmp('file'), 'r');
    fs.read(fd, Buffer.alloc(4), 0, 4, 0, () => fs.close(fd, done));
  },
  write: (fs, done) => {
    const fd = fs.openSync(tmp('file'), 'r+');
    fs.write(fd, 'data', 0, () => fs.close(fd, done));
  },
  readv: (fs, done) => {
    const fd = fs.openSync(tmp('file'), 'r');
    fs.readv(fd, [Buffer.alloc(4)], 0, () => fs.close(fd, done));
  },
  fstat: (fs, done) => {
    const fd = fs.openSync(tmp('file'), 'r');
    fs.fstat(fd, () => fs.close(fd, done));
  },
  fsync: (fs, done) => {
    const fd = fs.openSync(tmp('file'), 'r');
    fs.fsync(fd, () => fs.close(fd, done));
  },
  stat: (fs, done) => fs.stat(tmp('file'), done),
  lstat: (fs, done) => fs.lstat(tmp('missing'), done),
  mkdir: (fs, done) => fs.mkdir(tmp('file'), done),
  unlink: (fs, done) => fs.unlink(tmp('missing'), done),
  rename: (fs, done) => fs.rename(tmp('missing'), tmp('other'), done),
  exists: (fs, done) => fs.exists(tmp('file'), () => done()),
  readFile: (fs, done) => fs.readFile(tmp('file'), done),
  writeFile: (fs, done) => fs.writeFile(tmp('written'), 'x', done),
  stream: (fs, done) => fs.createReadStream(tmp('file')).on('data', () => {}).on('close', done),
};

// Each call three times at once, each in its own store; the store seen in each callback.
async function storesSeen(fs: typeof nodeFs): Promise<Record<string, string[]>> {
  const als = new AsyncLocalStorage<string>();
  const seen: Record<string, string[]> = {};
  await Promise.all(Object.entries(calls).flatMap(([name, call]) => [0, 1, 2].map((i) => new Promise<void>((resolve) => {
    als.run(`${name} ${i}`, () => call(fs, () => {
      (seen[name] ??= [])[i] = als.getStore() ?? 'no store';
      resolve();
    }));
  }))));
  return seen;
}

test('every callback of uring/fs runs in the async context of its call, as node:fs\'s do', async () => {
  nodeFs.writeFileSync(tmp('file'), 'some file contents');
  const expected = Object.fromEntries(Object.keys(calls).map((name) => [name, [0, 1, 2].map((i) => `${name} ${i}`)]));
  expect(await storesSeen(nodeFs)).toEqual(expected);
  expect(await storesSeen(ufs)).toEqual(expected);
  expect(require('../lib/promises').backend).toBe('io_uring');
});
