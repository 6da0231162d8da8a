// OPENAT2 with struct open_how: flags and mode as openat, and the resolve flags openat lacks
// (RESOLVE_BENEATH refuses an escape with -EXDEV); argument errors and the probe refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, Ring } from '../lib';
import { withoutOpcodes } from './helpers/fake-probe';
import { runAll, useRing } from './helpers/ring-each';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-openat2-');
const ring = useRing();

const { EXDEV, ELOOP } = os.constants.errno;
const { O_CREAT, O_RDWR, O_RDONLY, O_DIRECTORY } = fs.constants;
const { opcodes, resolveFlags } = constants;
beforeAll(() => {
  fs.writeFileSync(tmp('outside'), 'x');
  fs.mkdirSync(tmp('root'));
  fs.symlinkSync('../outside', tmp('root', 'link'));
});


test('creates a file with flags and mode, and opens it again', () => {
  const p = tmp('made');
  ring().prepOpenat2(-100, p, { flags: O_CREAT | O_RDWR, mode: 0o600 }, 1);
  const fd = runAll(ring()).get(1)!;
  expect(fd).toBeGreaterThanOrEqual(0);
  fs.writeSync(fd, 'hi');
  fs.closeSync(fd);
  expect(fs.statSync(p).mode & 0o777).toBe(0o600);
  ring().prepOpenat2(-100, new URL(`file://${p}`), {}, 2); // all defaults: O_RDONLY
  const fd2 = runAll(ring()).get(2)!;
  expect(fs.readFileSync(fd2, 'utf8')).toBe('hi');
  fs.closeSync(fd2);
});

test('resolve: BENEATH refuses a path out of dirfd (-EXDEV), NO_SYMLINKS a symlink (-ELOOP)', () => {
  const root = fs.openSync(tmp('root'), O_RDONLY | O_DIRECTORY);
  try {
    ring().prepOpenat2(root, '../outside', { resolve: resolveFlags.BENEATH }, 1);
    ring().prepOpenat2(root, 'link', { resolve: resolveFlags.NO_SYMLINKS }, 2);
    ring().prepOpenat2(root, '../outside', {}, 3);
    const res = runAll(ring());
    expect([res.get(1), res.get(2)]).toEqual([-EXDEV, -ELOOP]);
    expect(res.get(3)).toBeGreaterThanOrEqual(0);
    fs.closeSync(res.get(3)!);
  } finally {
    fs.closeSync(root);
  }
});

test('argument errors', () => {
  const range = expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' });
  const type = expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' });
  expect(() => ring().prepOpenat2(-100, 'x', null as never, 1)).toThrow(type);
  expect(() => ring().prepOpenat2(-100, 'x', { flag: 1 } as never, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => ring().prepOpenat2(-100, 'x', { mode: 0o10000 }, 1)).toThrow(range);
  expect(() => ring().prepOpenat2(-100, 'x', { resolve: 0x40 }, 1)).toThrow(range);
  expect(() => ring().prepOpenat2(-100, 'x', { flags: 'r' as never }, 1)).toThrow(type);
  expect(() => ring().prepOpenat2(-100, 5 as never, {}, 1)).toThrow(type);
  expect(() => ring().prepOpenat2(-100, 'a\0b', {}, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(ring().inFlight).toBe(0);
});

test('a kernel whose probe lacks the opcode: ERR_URING_UNSUPPORTED before a slot is taken', () => {
  const old = withoutOpcodes([opcodes.OPENAT2], () => new Ring({ entries: 4 }));
  try {
    expect(() => old.prepOpenat2(-100, 'x', {}, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' }));
    expect(old.inFlight).toBe(0);
  } finally {
    old.close();
  }
});
