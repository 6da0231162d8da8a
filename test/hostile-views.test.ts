// Views whose own properties lie (byteLength, byteOffset, buffer), detached buffers, fakes
// and Proxies: the kernel only ever sees the memory the view really covers.
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ring } from '../lib';

let dir: string;
let fd: number;
let ring: Ring;
const FILE = Buffer.alloc(16384, 0x5a);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-views-'));
  writeFileSync(path.join(dir, 'f'), FILE);
  fd = openSync(path.join(dir, 'f'), 'r');
});
afterAll(() => {
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  ring = new Ring({ entries: 8 });
});
afterEach(() => ring.close());

function readInto(view: ArrayBufferView): number {
  let res = NaN;
  ring.prepRead(fd, view, 0, 1);
  ring.submit(1);
  ring.reap((_ud, r) => {
    res = r;
  });
  return res;
}

test('a shadowed byteLength does not let the kernel write past the view', () => {
  const parent = new Uint8Array(8192);
  const view = parent.subarray(0, 16);
  Object.defineProperty(view, 'byteLength', { value: 4096 });
  expect(readInto(view)).toBe(16);
  expect(parent.subarray(0, 16).every((b) => b === 0x5a)).toBe(true);
  expect(parent.subarray(16).every((b) => b === 0)).toBe(true);
});

test('a shadowed byteOffset or buffer neither misplaces the data nor poisons the address cache', () => {
  const parent = new Uint8Array(8192);
  const other = new Uint8Array(8192);
  const view = parent.subarray(100, 116);
  Object.defineProperty(view, 'byteOffset', { value: 0 });
  Object.defineProperty(view, 'buffer', { value: other.buffer });
  expect(readInto(view)).toBe(16);
  expect(parent.subarray(100, 116).every((b) => b === 0x5a)).toBe(true);
  expect(parent.subarray(0, 100).every((b) => b === 0)).toBe(true);
  expect(other.every((b) => b === 0)).toBe(true);
  // A later honest view of `other` lands in `other`.
  expect(readInto(other.subarray(8, 24))).toBe(16);
  expect(other.subarray(8, 24).every((b) => b === 0x5a)).toBe(true);
  expect(parent.subarray(0, 100).every((b) => b === 0)).toBe(true);
});

test('a detached buffer is refused with ERR_INVALID_ARG_VALUE', () => {
  const b = Buffer.alloc(64);
  structuredClone(b.buffer, { transfer: [b.buffer] });
  expect(() => ring.prepRead(fd, b, 0, 1)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => ring.prepReadv(fd, [Buffer.alloc(4), b], 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => ring.registerBuffers([b])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(ring.inFlight).toBe(0);
});

test('a DataView over a detached buffer is refused the same way (describing it must not throw)', () => {
  const ab = new ArrayBuffer(64);
  const dv = new DataView(ab, 8, 8);
  structuredClone(ab, { transfer: [ab] });
  expect(() => ring.prepRead(fd, dv, 0, 1)).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => ring.prepWritev(fd, [dv], 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => ring.registerBuffers([dv])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
});

test('a zero-length buffer is a valid empty read', () => {
  expect(readInto(Buffer.alloc(0))).toBe(0);
});

test('an object that only inherits Uint8Array.prototype is not a buffer', () => {
  const fake = Object.create(Uint8Array.prototype) as Uint8Array;
  expect(() => ring.prepRead(fd, fake, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => ring.prepMkdirat(-100, fake, 0o755, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  const fakeFds = Object.create(Int32Array.prototype) as Int32Array;
  expect(() => ring.registerFiles(fakeFds)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
});

test('a path whose byteLength lies must still end in NUL where it really ends', () => {
  const p = Buffer.from('abc\0def');
  const view = p.subarray(0, 7);
  Object.defineProperty(view, 'byteLength', { value: 4 });
  expect(() => ring.prepMkdirat(-100, view, 0o755, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
});

test('an iovec array read through a Proxy uses exactly the views that were checked', () => {
  let reads = 0;
  const good = Buffer.alloc(8);
  const arr = new Proxy([good], {
    get(target, key) {
      reads++;
      if (key === 'length') return reads < 3 ? 1 : 5000;
      if (key === '0') return reads < 4 ? target[0] : 'swapped';
      return Reflect.get(target, key);
    },
  });
  let res = NaN;
  ring.prepReadv(fd, arr, 0, 7);
  ring.submit(1);
  ring.reap((_ud, r) => {
    res = r;
  });
  expect(res).toBe(8);
  expect(good.every((b) => b === 0x5a)).toBe(true);
});

test('supports() refuses a non-number opcode', () => {
  expect(() => ring.supports(Symbol('x') as unknown as number)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  expect(ring.supports(0)).toBe(true);
  expect(ring.supports(1e9)).toBe(false);
});
