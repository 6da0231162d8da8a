// The Ring's path builders take a path as node:fs does: a string (UTF-8) or a file: URL, as
// well as a NUL-terminated buffer; a NUL inside a string is node's ERR_INVALID_ARG_VALUE.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Ring } from '../lib';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-path-strings-');
const AT_FDCWD = -100;
const AT_REMOVEDIR = 0x200;

/** Runs one prepared operation and returns its CQE result. */
function run(prep: (ring: Ring) => void): number {
  const ring = new Ring({ entries: 2 });
  try {
    prep(ring);
    ring.submit(1);
    let res = NaN;
    ring.reap((_ud, r) => { res = r; });
    return res;
  } finally {
    ring.close();
  }
}

test('every path builder takes strings, with non-ASCII names encoded as UTF-8', () => {
  const dir = tmp('dïr-ü');
  expect(run((r) => r.prepMkdirat(AT_FDCWD, dir, 0o755, 1))).toBe(0);
  expect(fs.statSync(dir).isDirectory()).toBe(true);
  const file = `${dir}/fïle`;
  const fd = run((r) => r.prepOpenat(AT_FDCWD, file, fs.constants.O_CREAT | fs.constants.O_WRONLY, 0o644, 1));
  expect(fd).toBeGreaterThanOrEqual(0);
  fs.closeSync(fd);
  const statx = new Uint8Array(256);
  expect(run((r) => r.prepStatx(AT_FDCWD, file, 0, 0x7ff, statx, 1))).toBe(0);
  expect(run((r) => r.prepLinkat(AT_FDCWD, file, AT_FDCWD, `${dir}/link`, 0, 1))).toBe(0);
  expect(run((r) => r.prepSymlinkat('fïle', AT_FDCWD, `${dir}/sym`, 1))).toBe(0);
  expect(fs.readlinkSync(`${dir}/sym`)).toBe('fïle');
  expect(run((r) => r.prepRenameat(AT_FDCWD, `${dir}/link`, AT_FDCWD, `${dir}/renamed`, 0, 1))).toBe(0);
  expect(fs.readdirSync(dir).sort()).toEqual(['fïle', 'renamed', 'sym']);
  for (const name of ['fïle', 'renamed', 'sym']) expect(run((r) => r.prepUnlinkat(AT_FDCWD, `${dir}/${name}`, 0, 1))).toBe(0);
  expect(run((r) => r.prepUnlinkat(AT_FDCWD, dir, AT_REMOVEDIR, 1))).toBe(0);
  expect(fs.existsSync(dir)).toBe(false);
});

test('file: URLs are paths (percent-decoded), as node:fs takes them', () => {
  const dir = tmp('with space');
  expect(run((r) => r.prepMkdirat(AT_FDCWD, pathToFileURL(dir), 0o755, 1))).toBe(0);
  expect(fs.statSync(dir).isDirectory()).toBe(true);
  const ring = new Ring({ entries: 2 });
  try {
    expect(() => ring.prepMkdirat(AT_FDCWD, new URL('http://host/x'), 0o755, 1))
      .toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_URL_SCHEME' }));
    expect(ring.inFlight).toBe(0);
  } finally {
    ring.close();
  }
});

test('a NUL inside a string or URL path, or a path of another type, throws node\'s errors and prepares nothing', () => {
  const ring = new Ring({ entries: 2 });
  try {
    expect(() => ring.prepOpenat(AT_FDCWD, 'a\0b', 0, 0, 1)).toThrow(expect.objectContaining({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_VALUE',
      message: "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'",
    }));
    expect(() => ring.prepRenameat(AT_FDCWD, 'a', AT_FDCWD, new URL('file:///a%00b'), 0, 1))
      .toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE', message: expect.stringContaining("The argument 'newpath'") }));
    expect(() => ring.prepUnlinkat(AT_FDCWD, 42 as never, 0, 1)).toThrow(expect.objectContaining({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "path" argument must be of type string or an instance of Buffer, Uint8Array, or URL. Received type number (42)',
    }));
    expect(ring.inFlight).toBe(0);
  } finally {
    ring.close();
  }
});
