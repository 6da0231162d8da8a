// A path is taken when its SQE is prepared: rewriting the caller's buffer afterwards (here
// clearing its NUL, so that the kernel would read on past the view) changes nothing the kernel
// sees. Each path sits in a larger buffer whose bytes after the view spell another name.
import fs from 'node:fs';
import { Ring } from '../lib';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-path-copy-');
const AT_FDCWD = -100;
let n = 0;

/** A NUL-terminated view of `p`, followed in its ArrayBuffer by "zzzz" and a NUL. */
function pathView(p: string): Uint8Array {
  const backing = Buffer.from(`${p}\0zzzz\0`);
  return backing.subarray(0, Buffer.byteLength(p) + 1);
}

/** Prepares with views of `paths`, scribbles over them, submits; returns the CQE result. */
function run(paths: string[], prep: (ring: Ring, views: Uint8Array[]) => void): number {
  const ring = new Ring({ entries: 4 });
  try {
    const views = paths.map(pathView);
    prep(ring, views);
    for (const v of views) v.fill(0x71); // 'q', over the NUL too
    ring.submit(1);
    let res = NaN;
    ring.reap((_ud, r) => {
      res = r;
    });
    return res;
  } finally {
    ring.close();
  }
}

function fresh(): { dir: string; file: string } {
  const dir = tmp(`case-${n++}`);
  fs.mkdirSync(dir);
  const file = `${dir}/file`;
  fs.writeFileSync(file, 'content');
  return { dir, file };
}

test('openat', () => {
  const { file } = fresh();
  const fd = run([file], (r, [p]) => r.prepOpenat(AT_FDCWD, p, 0, 0, 1));
  expect(fd).toBeGreaterThanOrEqual(0);
  fs.closeSync(fd);
});

test('openat into the registered file table', () => {
  const { file } = fresh();
  const res = run([file], (r, [p]) => {
    r.registerFiles([-1]);
    r.prepOpenatDirect(AT_FDCWD, p, 0, 0, 0, 1);
  });
  expect(res).toBe(0);
});

test('statx', () => {
  const { file } = fresh();
  const out = Buffer.alloc(256);
  expect(run([file], (r, [p]) => r.prepStatx(AT_FDCWD, p, 0, 0xfff, out, 1))).toBe(0);
  expect(out.readBigUInt64LE(0x28)).toBe(7n); // stx_size of "content"
});

test('unlinkat', () => {
  const { file } = fresh();
  expect(run([file], (r, [p]) => r.prepUnlinkat(AT_FDCWD, p, 0, 1))).toBe(0);
  expect(fs.existsSync(file)).toBe(false);
});

test('mkdirat', () => {
  const { dir } = fresh();
  expect(run([`${dir}/made`], (r, [p]) => r.prepMkdirat(AT_FDCWD, p, 0o755, 1))).toBe(0);
  expect(fs.statSync(`${dir}/made`).isDirectory()).toBe(true);
});

test('renameat', () => {
  const { dir, file } = fresh();
  expect(run([file, `${dir}/renamed`], (r, [a, b]) => r.prepRenameat(AT_FDCWD, a, AT_FDCWD, b, 0, 1))).toBe(0);
  expect(fs.readFileSync(`${dir}/renamed`, 'utf8')).toBe('content');
});

test('linkat', () => {
  const { dir, file } = fresh();
  expect(run([file, `${dir}/linked`], (r, [a, b]) => r.prepLinkat(AT_FDCWD, a, AT_FDCWD, b, 0, 1))).toBe(0);
  expect(fs.readFileSync(`${dir}/linked`, 'utf8')).toBe('content');
});

test('symlinkat', () => {
  const { dir, file } = fresh();
  expect(run([file, `${dir}/symlink`], (r, [t, l]) => r.prepSymlinkat(t, AT_FDCWD, l, 1))).toBe(0);
  expect(fs.readlinkSync(`${dir}/symlink`)).toBe(file);
});

test('paths of many operations in flight at once stay intact', () => {
  const { dir } = fresh();
  const ring = new Ring({ entries: 64 });
  try {
    const names = Array.from({ length: 64 }, (_, i) => `${dir}/${'d'.repeat(250)}${i}`); // more than one chunk's worth
    const views = names.map(pathView);
    views.forEach((p, i) => ring.prepMkdirat(AT_FDCWD, p, 0o755, i));
    for (const v of views) v.fill(0x71);
    ring.submit(64);
    const results: number[] = [];
    ring.reap((ud, res) => {
      results[ud] = res;
    });
    expect(results).toEqual(names.map(() => 0));
    expect(names.every((p) => fs.statSync(p).isDirectory())).toBe(true);
  } finally {
    ring.close();
  }
});
