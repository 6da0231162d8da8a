// stat/lstat through reused scratch buffers (lib/promises/scratch.ts): many at once each get
// their own file's result, a failure releases its buffer, and paths too long for a buffer
// fail exactly as node:fs fails.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { errorShape, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
});
afterEach(() => dirs.cleanup());

test('300 stats and lstats at once (more than the buffers kept) each describe their own file', async () => {
  const files: string[] = [];
  for (let i = 0; i < 150; i++) {
    const f = path.join(dirs.b, `f${i}`);
    fs.writeFileSync(f, Buffer.alloc(i * 7));
    fs.symlinkSync(f, `${f}.link`);
    files.push(f);
  }
  const calls = files.flatMap((f) => [fsp.stat(`${f}.link`), fsp.lstat(`${f}.link`, { bigint: true })]);
  const got = await Promise.all(calls);
  files.forEach((f, i) => {
    const st = got[2 * i] as fs.Stats;
    const lst = got[2 * i + 1] as fs.BigIntStats;
    expect(st.ino).toBe(fs.statSync(f).ino);
    expect(st.size).toBe(i * 7);
    expect(st.isFile()).toBe(true);
    expect(lst.isSymbolicLink()).toBe(true);
    expect(lst.ino).toBe(fs.lstatSync(`${f}.link`, { bigint: true }).ino);
  });
});

test('errors, mixed with successes, are node:fs errors and leave later calls right', async () => {
  fs.writeFileSync(path.join(dirs.a, 'f'), 'x');
  fs.writeFileSync(path.join(dirs.b, 'f'), 'x');
  const names = ['missing', 'f/x', 'f', '', `${'d'.repeat(300)}/x`, `${'a/'.repeat(2100)}z`];
  for (let round = 0; round < 3; round++) {
    for (const name of names) {
      for (const method of ['stat', 'lstat'] as const) {
        const n = await nodeFsp[method](path.join(dirs.a, name)).then((s) => s.size, (e) => errorShape(e, dirs.a));
        const u = await fsp[method](path.join(dirs.b, name)).then((s) => (s as fs.Stats).size, (e) => errorShape(e, dirs.b));
        expect(u).toEqual(n);
      }
    }
  }
  // A path over PATH_MAX takes the other path, with node's ENAMETOOLONG.
  const long = path.join(dirs.b, `${'a/'.repeat(2100)}z`);
  await expect(fsp.stat(long)).rejects.toMatchObject({ code: 'ENAMETOOLONG', syscall: 'stat' });
  await expect(fsp.stat(dirs.b, null as never)).rejects.toThrow(TypeError);
});
