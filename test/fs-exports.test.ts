// uring/fs has every export of the running node:fs, with node's own objects for what it does not
// route through the ring, node's function names and lengths for what it does, and uring/promises
// as `promises`.
import nodeFs from 'node:fs';
import ufs from '../lib/fs';
import * as uringPromises from '../lib/promises';

const replaced = ['open', 'close', 'read', 'write', 'fstat', 'fsync', 'fdatasync', 'ftruncate', 'link', 'symlink', 'stat', 'lstat', 'unlink', 'rename', 'mkdir', 'rmdir', 'exists', 'readFile', 'readv', 'writev', 'writeFile', 'appendFile', 'truncate', 'createReadStream', 'createWriteStream'];
const fsRecord = nodeFs as unknown as Record<string, unknown>;
const uRecord = ufs as unknown as Record<string, unknown>;

test('every export of node:fs is there', () => {
  for (const name of Object.keys(nodeFs)) expect([name, name in ufs]).toEqual([name, true]);
  expect(Object.keys(ufs).sort()).toEqual(Object.keys(nodeFs).sort());
});

test('what is not routed through the ring is node:fs own object', () => {
  for (const name of Object.keys(nodeFs)) {
    if (replaced.includes(name) || name === 'promises') continue;
    expect([name, uRecord[name] === fsRecord[name]]).toEqual([name, true]);
  }
  expect(ufs.readdir).toBe(nodeFs.readdir);
  expect(ufs.ReadStream).toBe(nodeFs.ReadStream);
  expect(ufs.Stats).toBe(nodeFs.Stats);
  expect(ufs.constants).toBe(nodeFs.constants);
  expect(ufs.readFileSync).toBe(nodeFs.readFileSync);
});

test('the routed functions keep node:fs names and lengths', () => {
  for (const name of replaced) {
    const fn = uRecord[name] as (...a: unknown[]) => unknown;
    const own = fsRecord[name] as (...a: unknown[]) => unknown;
    expect(fn).not.toBe(own);
    expect([fn.name, fn.length]).toEqual([own.name, own.length]);
  }
});

test('promises is uring/promises', () => {
  expect(ufs.promises).toBe(uringPromises);
});
