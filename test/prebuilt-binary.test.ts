// The binary `npm run prebuild` makes and the package ships: self-contained (liburing linked
// in, stripped, no newer glibc than the README states) and working when it is the only
// binary node-gyp-build may load (PREBUILDS_ONLY=1, as on a user's machine).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePrebuilds, root } from './helpers/prebuilds';

const GLIBC_CLAIMED = [2, 34]; // README, "Platform support"

let binary: string;
beforeAll(() => {
  binary = ensurePrebuilds();
}, 120000);

function readelf(...args: string[]): string {
  return execFileSync('readelf', [...args, binary], { encoding: 'utf8' });
}

test('links liburing statically: no liburing.so among the needed libraries', () => {
  const needed = [...readelf('-d').matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
  expect(needed).toContain('libc.so.6');
  expect(needed.filter((lib) => /uring/.test(lib))).toEqual([]);
  // liburing's own entry points are inside the binary, not imported.
  const undefinedSyms = readelf('--dyn-syms', '-W').split('\n').filter((l) => / UND /.test(l)).join('\n');
  expect(undefinedSyms).not.toMatch(/io_uring_/);
});

test('is stripped (--strip): no symbol table beyond the dynamic one', () => {
  expect(readelf('-S', '-W')).not.toMatch(/\.symtab\b/);
});

test(`needs no glibc newer than ${GLIBC_CLAIMED.join('.')}`, () => {
  const versions = [...readelf('-V', '-W').matchAll(/GLIBC_(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(versions.length).toBeGreaterThan(0);
  const newest = versions.reduce((a, b) => (a[0] * 1000 + a[1] >= b[0] * 1000 + b[1] ? a : b));
  expect(newest[0] * 1000 + newest[1]).toBeLessThanOrEqual(GLIBC_CLAIMED[0] * 1000 + GLIBC_CLAIMED[1]);
});

// RHEL 9, the oldest distribution the README names, has GCC 11's libstdc++.
test('needs no libstdc++ newer than GCC 11 (GLIBCXX_3.4.29, CXXABI_1.3.13)', () => {
  const text = readelf('-V', '-W');
  const newest = (re: RegExp): number => Math.max(0, ...[...text.matchAll(re)].map((m) => Number(m[1] ?? 0)));
  expect(newest(/GLIBCXX_3\.4(?:\.(\d+))?\b/g)).toBeLessThanOrEqual(29);
  expect(newest(/CXXABI_1\.3(?:\.(\d+))?\b/g)).toBeLessThanOrEqual(13);
});

test('PREBUILDS_ONLY=1: the package loads the prebuild and round-trips a NOP and a read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-prebuilt-'));
  try {
    const file = path.join(dir, 'data');
    writeFileSync(file, 'prebuilt binary reads this');
    const script = `
      const fs = require('node:fs');
      const root = ${JSON.stringify(root)};
      const { Ring } = require(root);
      const loaded = require(require.resolve('node-gyp-build', { paths: [root] })).resolve(root);
      const ring = new Ring({ entries: 4 });
      const fd = fs.openSync(${JSON.stringify(file)}, 'r');
      const buf = Buffer.alloc(64);
      ring.prepNop(11);
      ring.prepRead(fd, buf, 0, 12);
      ring.submit(2);
      const cqes = [];
      while (cqes.length < 2) { ring.submit(1); ring.reap((ud, res) => cqes.push([ud, res])); }
      ring.close();
      fs.closeSync(fd);
      cqes.sort((a, b) => a[0] - b[0]);
      console.log(JSON.stringify({ loaded, cqes, text: buf.subarray(0, cqes[1][1]).toString() }));
    `;
    const out = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, PREBUILDS_ONLY: '1' },
    });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.loaded).toBe(binary);
    expect(r.cqes).toEqual([[11, 0], [12, 26]]);
    expect(r.text).toBe('prebuilt binary reads this');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
