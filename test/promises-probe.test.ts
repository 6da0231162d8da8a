// Per-operation delegation: when the kernel lacks an opcode (probe), that call goes to
// node:fs/promises and still behaves identically; the others keep using the ring.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, Ring } from '../lib';
import * as fsp from '../lib/promises';

const { opcodes } = constants;
const missing = new Set<number>([opcodes.FTRUNCATE, opcodes.RENAMEAT, opcodes.MKDIRAT, opcodes.OPENAT]);
const originalSupports = Ring.prototype.supports;
const originalSubmit = Ring.prototype.submit;
let submitted = 0;
let dir: string;

beforeAll(() => {
  Ring.prototype.supports = function supports(this: Ring, op: number) {
    return !missing.has(op) && originalSupports.call(this, op);
  };
  Ring.prototype.submit = function submit(this: Ring, waitFor?: number) {
    const n = originalSubmit.call(this, waitFor);
    submitted += n;
    return n;
  };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-probe-'));
});
afterAll(() => {
  Ring.prototype.supports = originalSupports;
  Ring.prototype.submit = originalSubmit;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('opcodes the kernel lacks', () => {
  test('without OPENAT, open hands out node:fs FileHandles that work', async () => {
    fs.writeFileSync(path.join(dir, 'f'), 'hello');
    submitted = 0;
    const h = await fsp.open(path.join(dir, 'f'), 'r+');
    const nh = await nodeFsp.open(path.join(dir, 'f'));
    expect(Object.getPrototypeOf(h)).toBe(Object.getPrototypeOf(nh));
    await nh.close();
    expect((await h.read(Buffer.alloc(5), 0, 5, 0)).buffer.toString()).toBe('hello');
    await h.close();
    expect(submitted).toBe(0);
  });

  test('without RENAMEAT/MKDIRAT/FTRUNCATE those calls delegate; STATX and UNLINKAT stay on the ring', async () => {
    submitted = 0;
    await fsp.mkdir(path.join(dir, 'd'));
    await fsp.rename(path.join(dir, 'f'), path.join(dir, 'd', 'g'));
    await fsp.truncate(path.join(dir, 'd', 'g'), 2);
    expect(submitted).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'd', 'g'), 'utf8')).toBe('he');
    const err = await fsp.rename(path.join(dir, 'nope'), path.join(dir, 'x')).catch((e) => e);
    const nodeErr = await nodeFsp.rename(path.join(dir, 'nope'), path.join(dir, 'x')).catch((e) => e);
    expect({ ...err, message: err.message }).toEqual({ ...nodeErr, message: nodeErr.message });
    expect((await fsp.stat(path.join(dir, 'd', 'g'))).size).toBe(2);
    await fsp.unlink(path.join(dir, 'd', 'g'));
    expect(submitted).toBe(2);
  });
});
