// The binaries `npm run prebuild` makes and the package ships (linux-x64, and linux-arm64
// cross-compiled): self-contained (liburing linked in, stripped, no newer glibc than the
// README states), and the host's working when it is the only binary node-gyp-build may load
// (PREBUILDS_ONLY=1, as on a user's machine). The arm64 one runs in prebuilt-arm64-under-qemu.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cannotTestPrebuild, ensurePrebuilds, root, shippedArches } from './helpers/prebuilds';

const GLIBC_CLAIMED = [2, 34]; // README, "Platform support"

let hostBinary: string;
beforeAll(() => {
  hostBinary = ensurePrebuilds();
}, 120000);

// The ELF machine `readelf -h` names for each arch the package ships.
const MACHINE: Record<string, RegExp> = { x64: /Machine:\s+Advanced Micro Devices X86-64/, arm64: /Machine:\s+AArch64/ };

describe.each(shippedArches)('prebuilds/linux-%s/uring.glibc.node', (arch) => {
  const skip = cannotTestPrebuild(arch);
  let binary: string;
  beforeAll(() => {
    if (skip) console.warn(`SKIPPED the linux-${arch} prebuild checks: ${skip}`);
    else binary = ensurePrebuilds(arch);
  }, 120000);
  const check = skip ? test.skip : test;

  function readelf(...args: string[]): string {
    return execFileSync('readelf', [...args, binary], { encoding: 'utf8' });
  }

  check(`is a Linux ${arch} shared object`, () => {
    expect(readelf('-h')).toMatch(/Type:\s+DYN/);
    expect(readelf('-h')).toMatch(MACHINE[arch]);
  });

  check('links liburing statically: no liburing.so among the needed libraries', () => {
    const needed = [...readelf('-d').matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
    expect(needed).toContain('libc.so.6');
    expect(needed.filter((lib) => /uring/.test(lib))).toEqual([]);
    // liburing's own entry points are inside the binary, not imported.
    const undefinedSyms = readelf('--dyn-syms', '-W').split('\n').filter((l) => / UND /.test(l)).join('\n');
    expect(undefinedSyms).not.toMatch(/io_uring_/);
  });

  check('is stripped (--strip): no symbol table beyond the dynamic one', () => {
    expect(readelf('-S', '-W')).not.toMatch(/\.symtab\b/);
  });

  check(`needs no glibc newer than ${GLIBC_CLAIMED.join('.')}`, () => {
    const versions = [...readelf('-V', '-W').matchAll(/GLIBC_(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(versions.length).toBeGreaterThan(0);
    const newest = versions.reduce((a, b) => (a[0] * 1000 + a[1] >= b[0] * 1000 + b[1] ? a : b));
    expect(newest[0] * 1000 + newest[1]).toBeLessThanOrEqual(GLIBC_CLAIMED[0] * 1000 + GLIBC_CLAIMED[1]);
  });

  // RHEL 9, the oldest distribution the README names, has GCC 11's libstdc++.
  check('needs no libstdc++ newer than GCC 11 (GLIBCXX_3.4.29, CXXABI_1.3.13)', () => {
    const text = readelf('-V', '-W');
    const newest = (re: RegExp): number => Math.max(0, ...[...text.matchAll(re)].map((m) => Number(m[1] ?? 0)));
    expect(newest(/GLIBCXX_3\.4(?:\.(\d+))?\b/g)).toBeLessThanOrEqual(29);
    expect(newest(/CXXABI_1\.3(?:\.(\d+))?\b/g)).toBeLessThanOrEqual(13);
  });
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
    expect(r.loaded).toBe(hostBinary);
    expect(r.cqes).toEqual([[11, 0], [12, 26]]);
    expect(r.text).toBe('prebuilt binary reads this');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
