// READ, WRITE, READV and WRITEV round trips with the data checked byte for byte.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Ring } from '../lib';

let dir: string;
let ring: Ring;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-rw-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  ring = new Ring({ entries: 32 });
});
afterEach(() => ring.close());

function one(): [number, number] {
  ring.submit(1);
  let out: [number, number] = [-1, -1];
  expect(ring.reap((ud, res) => (out = [ud, res]))).toBe(1);
  return out;
}

test('write then read at explicit positions', () => {
  const fd = openSync(path.join(dir, 'a'), 'w+');
  try {
    const data = randomBytes(10000);
    ring.prepWrite(fd, data, 0, 1);
    expect(one()).toEqual([1, 10000]);
    const back = Buffer.alloc(4000);
    ring.prepRead(fd, back, 3000, 2);
    expect(one()).toEqual([2, 4000]);
    expect(back.equals(data.subarray(3000, 7000))).toBe(true);
    // Reading past the end is a short read; at the end, 0.
    ring.prepRead(fd, back, 9000, 3);
    expect(one()).toEqual([3, 1000]);
    ring.prepRead(fd, back, 10000n, 4);
    expect(one()).toEqual([4, 0]);
  } finally {
    closeSync(fd);
  }
});

test('position -1 uses and advances the file position', () => {
  const file = path.join(dir, 'b');
  writeFileSync(file, 'abcdefghij');
  const fd = openSync(file, 'r');
  try {
    const a = Buffer.alloc(4);
    ring.prepRead(fd, a, -1, 1);
    expect(one()[1]).toBe(4);
    ring.prepRead(fd, a, -1, 2);
    expect(one()[1]).toBe(4);
    expect(a.toString()).toBe('efgh');
  } finally {
    closeSync(fd);
  }
});

test('writev gathers and readv scatters, with typed arrays and DataViews at offsets', () => {
  const fd = openSync(path.join(dir, 'c'), 'w+');
  try {
    const parts = [Buffer.from('hello '), new Uint8Array(Buffer.from('xxworldxx')).subarray(2, 7), new DataView(new TextEncoder().encode('!\n').buffer)];
    ring.prepWritev(fd, parts, 0, 7);
    expect(one()).toEqual([7, 13]);
    expect(readFileSync(path.join(dir, 'c'), 'utf8')).toBe('hello world!\n');
    const backing = new ArrayBuffer(64);
    const x = new Uint8Array(backing, 3, 5);
    const y = new Uint16Array(backing, 10, 4); // 8 bytes
    ring.prepReadv(fd, [x, y], 0, 8);
    expect(one()).toEqual([8, 13]);
    expect(Buffer.from(x).toString()).toBe('hello');
    expect(Buffer.from(y.buffer, y.byteOffset, 8).toString()).toBe(' world!\n');
  } finally {
    closeSync(fd);
  }
});

test('a batch of reads at random offsets matches the file', () => {
  const file = path.join(dir, 'd');
  const data = randomBytes(1 << 20);
  writeFileSync(file, data);
  const fd = openSync(file, 'r');
  try {
    const bufs: Buffer[] = [];
    const offs: number[] = [];
    for (let i = 0; i < 32; i++) {
      bufs.push(Buffer.alloc(4096));
      offs.push(Math.floor(Math.random() * 255) * 4096);
      ring.prepRead(fd, bufs[i], offs[i], i);
    }
    ring.submit(32);
    let n = 0;
    ring.reap((ud, res) => {
      expect(res).toBe(4096);
      expect(bufs[ud].equals(data.subarray(offs[ud], offs[ud] + 4096))).toBe(true);
      n++;
    });
    expect(n).toBe(32);
  } finally {
    closeSync(fd);
  }
});

test('fsync and fdatasync complete with 0', () => {
  const fd = openSync(path.join(dir, 'e'), 'w');
  try {
    ring.prepWrite(fd, Buffer.from('x'), 0, 1);
    ring.prepFsync(fd, 2);
    ring.prepFsync(fd, 3, 1);
    ring.submit(3);
    const res = new Map<number, number>();
    ring.reap((ud, r) => res.set(ud, r));
    expect([...res.entries()].sort()).toEqual([[1, 1], [2, 0], [3, 0]]);
  } finally {
    closeSync(fd);
  }
});
