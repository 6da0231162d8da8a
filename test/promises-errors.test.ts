// Argument errors (ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE / ERR_OUT_OF_RANGE) of the
// top-level calls: the same class, code and message as node:fs/promises.
import nodeFsp from 'node:fs/promises';
import * as fsp from '../lib/promises';
import { outcome } from './helpers/compare';

type Api = typeof nodeFsp | typeof fsp;
const f = __filename;

const calls: Array<[string, (api: Api) => Promise<unknown>]> = [
  ['open number path', (api) => api.open(12 as never)],
  ['open NUL in path', (api) => api.open('/tmp/a\u0000b')],
  ['open NUL in Buffer path', (api) => api.open(Buffer.from('/tmp/a\u0000b'))],
  ['open http URL', (api) => api.open(new URL('http://example.com/x'))],
  ['open bad flag', (api) => api.open(f, 'q')],
  ['open float flag', (api) => api.open(f, 1.5 as never)],
  ['open bad mode', (api) => api.open(f, 'r', 'abc' as never)],
  ['open negative mode', (api) => api.open(f, 'r', -1)],
  ['stat object path', (api) => api.stat({} as never)],
  ['stat null options', (api) => api.stat(f, null as never)],
  ['lstat NUL', (api) => api.lstat('a\u0000')],
  ['rename bad new path', (api) => api.rename(f, 5 as never)],
  ['link bad existing path', (api) => api.link(undefined as never, '/tmp/x')],
  ['symlink bad target', (api) => api.symlink(null as never, '/tmp/x')],
  ['unlink array', (api) => api.unlink([] as never)],
  ['rmdir recursive option', (api) => api.rmdir('/tmp/definitely-missing-dir', { recursive: 'x' } as never)],
  ['mkdir bad mode', (api) => api.mkdir('/tmp/x-uring-never', { mode: 'zz' })],
  ['readFile bad flag', (api) => api.readFile(f, { flag: 'zz' })],
  ['readFile bad signal', (api) => api.readFile(f, { signal: 5 } as never)],
  ['writeFile bad signal', (api) => api.writeFile('/tmp/x-uring-never', 'x', { signal: {} } as never)],
  ['writeFile bad encoding', (api) => api.writeFile('/tmp/x-uring-never', 'x', 'nope' as never)],
  ['appendFile bad options', (api) => api.appendFile('/tmp/x-uring-never', 'x', 7 as never)],
  ['truncate bad len', (api) => api.truncate(f, 'x' as never)],
  ['truncate float len', (api) => api.truncate(f, 1.5)],
  // Node reads the closed handle's fd (-1) and refuses it as an argument, not as EBADF.
  ['readFile closed FileHandle', async (api) => {
    const h = await api.open(f);
    await h.close();
    return api.readFile(h as never, 'utf8');
  }],
];

describe('argument errors equal node:fs/promises', () => {
  test.each(calls)('%s', async (_name, call) => {
    const n = await outcome(() => call(nodeFsp));
    const u = await outcome(() => call(fsp));
    expect(n.err).toBeDefined();
    expect(u).toEqual(n);
  });

  test('errors are rejections, never synchronous throws', () => {
    expect(() => fsp.open(12 as never).catch(() => {})).not.toThrow();
    expect(() => fsp.readFile(f, 5 as never).catch(() => {})).not.toThrow();
  });
});
