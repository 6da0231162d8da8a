// node:fs's stat/lstat/fstat give BigIntStats only for `bigint: true` (the binding checks
// IsTrue()); a truthy non-boolean such as 1 or 'x' gives plain Stats. uring/fs does the same.
import nodeFs from 'node:fs';
import { promisify } from 'node:util';
import ufs from '../lib/fs';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-bigint-');

type StatFn = (target: unknown, options: unknown, cb: (err: unknown, st: object) => void) => void;

async function kind(fs: typeof nodeFs, name: 'stat' | 'lstat' | 'fstat', options: unknown): Promise<string> {
  const file = tmp('f');
  const fd = name === 'fstat' ? nodeFs.openSync(file, 'r') : undefined;
  try {
    const st = await promisify((fs[name] as unknown as StatFn).bind(fs))(fd ?? file, options);
    return st.constructor.name;
  } finally {
    if (fd !== undefined) nodeFs.closeSync(fd);
  }
}

beforeAll(() => nodeFs.writeFileSync(tmp('f'), 'x'));

test.each([
  ['stat', { bigint: 1 }], ['stat', { bigint: 'x' }], ['lstat', { bigint: 1 }], ['lstat', { bigint: 'yes' }],
  ['fstat', { bigint: 1 }], ['fstat', { bigint: 'x' }], ['stat', { bigint: true }], ['fstat', { bigint: true }],
] as const)('%s with %j gives what node:fs gives', async (name, options) => {
  const expected = await kind(nodeFs, name, options);
  expect(await kind(ufs, name, options)).toBe(expected);
  expect(expected).toBe(options.bigint === true ? 'BigIntStats' : 'Stats');
});
