// Calls made in the same tick share one io_uring_enter; more than the SQ holds wait in JS
// (back-pressure) instead of failing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ring } from '../lib';
import * as fsp from '../lib/promises';

let submits: number[] = [];
const original = Ring.prototype.submit;
beforeAll(() => {
  Ring.prototype.submit = function submit(this: Ring, waitFor?: number) {
    const consumed = original.call(this, waitFor);
    submits.push(consumed);
    return consumed;
  };
});
afterAll(() => {
  Ring.prototype.submit = original;
});

const file = path.join(os.tmpdir(), `uring-batching-${process.pid}`);
beforeAll(() => fs.writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))));
afterAll(() => fs.rmSync(file, { force: true }));

describe('batching', () => {
  test('64 reads started in one tick go to the kernel in one io_uring_enter', async () => {
    const h = await fsp.open(file);
    submits = [];
    const reads = Array.from({ length: 64 }, (_, i) => h.read(Buffer.alloc(8), 0, 8, i * 8));
    const results = await Promise.all(reads);
    expect(submits).toEqual([64]);
    results.forEach((r, i) => expect(r.buffer[0]).toBe((i * 8) % 256));
    await h.close();
  });

  test('different kinds of calls in one tick share the enter', async () => {
    const h = await fsp.open(file);
    submits = [];
    await Promise.all([h.stat(), fsp.stat(file), h.read(Buffer.alloc(4), 0, 4, 0), fsp.lstat(file), h.datasync()]);
    expect(submits).toEqual([5]);
    await h.close();
  });

  test('2000 reads in one tick (8x the SQ) all complete with the right bytes', async () => {
    const h = await fsp.open(file);
    submits = [];
    const results = await Promise.all(Array.from({ length: 2000 }, (_, i) => h.read(Buffer.alloc(1), 0, 1, i % 4096)));
    results.forEach((r, i) => expect(r.buffer[0]).toBe(i % 256));
    expect(submits.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(Math.max(...submits)).toBeLessThanOrEqual(256);
    await h.close();
  });
});
