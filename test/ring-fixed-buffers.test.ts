// READ_FIXED / WRITE_FIXED over registered buffers: round trips through a file with
// subarrays of a registered buffer, the range check against the registered buffer, argument
// errors, the probe refusal, and the pins (the registered buffer outlives unregisterBuffers()
// while a fixed read on it is in flight).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, Ring } from '../lib';
import { runChild } from './helpers/child';
import { withoutOpcodes } from './helpers/fake-probe';
import { runAll, useRing } from './helpers/ring-each';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fixed-');
const ring = useRing();

const { opcodes } = constants;


test('WRITE_FIXED then READ_FIXED through a file, with subarrays of two registered buffers', () => {
  const a = Buffer.alloc(8192);
  const b = new Uint8Array(4096);
  ring().registerBuffers([a, b]);
  const fd = fs.openSync(tmp('f'), 'w+');
  try {
    a.write('hello fixed', 100);
    ring().prepWriteFixed(fd, a.subarray(100, 111), 5, 0, 1);
    expect(runAll(ring())).toEqual(new Map([[1, 11]]));
    ring().prepReadFixed(fd, b.subarray(10, 30), 0, 1, 2);
    ring().prepReadFixed(fd, a, 5n, 0, 3); // the whole registered buffer
    expect(runAll(ring())).toEqual(new Map([[2, 16], [3, 11]]));
    expect(Buffer.from(b.subarray(15, 26)).toString()).toBe('hello fixed');
    expect(a.subarray(0, 11).toString()).toBe('hello fixed');
  } finally {
    fs.closeSync(fd);
  }
});

test('a buffer outside registered buffer bufIndex is refused before a slot is taken', () => {
  const a = Buffer.alloc(4096);
  const b = Buffer.alloc(4096);
  ring().registerBuffers([a, b]);
  const outside = /inside registered buffer/;
  expect(() => ring().prepReadFixed(0, b, 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE', message: expect.stringMatching(outside) }));
  expect(() => ring().prepReadFixed(0, Buffer.alloc(16), 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  // Straddling the end of the registered buffer (same ArrayBuffer, one byte past).
  const big = new Uint8Array(8192);
  ring().unregisterBuffers();
  ring().registerBuffers([big.subarray(0, 4096)]);
  expect(() => ring().prepWriteFixed(0, big.subarray(4000, 4097), 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(() => ring().prepWriteFixed(0, big.subarray(4000, 4096), 0, 1, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(ring().inFlight).toBe(0);
  expect(ring().sqReady).toBe(0);
});

test('argument errors', () => {
  expect(() => ring().prepReadFixed(0, Buffer.alloc(1), 0, 0, 1)).toThrow(
    expect.objectContaining({ code: 'ERR_OUT_OF_RANGE', message: expect.stringMatching(/registerBuffers\(\) first/) }),
  );
  ring().registerBuffers([Buffer.alloc(64)]);
  expect(() => ring().prepReadFixed(-1, Buffer.alloc(1), 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(() => ring().prepReadFixed(0, 'x' as never, 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => ring().prepReadFixed(0, Buffer.alloc(1), -2, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(() => ring().prepReadFixed(0, Buffer.alloc(1), 0, '0' as never, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => ring().prepReadFixed(0, Buffer.alloc(1), 0, 0, -1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  expect(ring().inFlight).toBe(0);
});

test('a kernel whose probe lacks the opcode: ERR_URING_UNSUPPORTED before a slot is taken', () => {
  const old = withoutOpcodes([opcodes.READ_FIXED, opcodes.WRITE_FIXED], () => new Ring({ entries: 4 }));
  try {
    const a = Buffer.alloc(64);
    old.registerBuffers([a]);
    expect(() => old.prepReadFixed(0, a, 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' }));
    expect(() => old.prepWriteFixed(0, a, 0, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' }));
    expect(old.inFlight).toBe(0);
  } finally {
    old.close();
  }
});

test('a fixed read in flight keeps its registered buffer alive after unregisterBuffers()', () => {
  const r = runChild(`
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-fixed-gc-'));
const fifo = path.join(dir, 'f');
cp.execFileSync('mkfifo', [fifo]);
const fd = fs.openSync(fifo, fs.constants.O_RDWR);
const collected = new Set();
const registry = new FinalizationRegistry((tag) => collected.add(tag));
const turn = () => new Promise((r) => setImmediate(r));
async function collect() { for (let i = 0; i < 6; i++) { gc(); await turn(); } }
const ring = new uring.Ring({ entries: 8 });
(() => {
  const reg = new Uint8Array(1 << 20); registry.register(reg, 'registered');
  ring.registerBuffers([reg]);
  ring.prepReadFixed(fd, reg.subarray(10, 20), -1, 0, 1);
  ring.submit();
  ring.unregisterBuffers();
})();
(async () => {
  await collect();
  const during = [...collected];
  fs.writeSync(fd, 'abc');
  const results = [];
  while (ring.inFlight > 0) { ring.submit(1); ring.reap((ud, res) => results.push([ud, res])); }
  await collect();
  console.log(JSON.stringify({ during, after: [...collected], results }));
  ring.close();
  fs.rmSync(dir, { recursive: true, force: true });
})();
`, ['--expose-gc']);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout.trim())).toEqual({ during: [], after: ['registered'], results: [[1, 3]] });
});
