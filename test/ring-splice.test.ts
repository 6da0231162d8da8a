// SPLICE (file -> pipe -> file) and TEE (pipe -> pipe without consuming) round trips through
// FIFOs, their argument errors and the probe refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, Ring } from '../lib';
import { withoutOpcodes } from './helpers/fake-probe';
import { runAll, useRing } from './helpers/ring-each';
import { useTempDir } from './helpers/temp-dir';
import { withFifo } from './helpers/fifo';

const tmp = useTempDir('uring-splice-');
const ring = useRing();

const { opcodes, spliceFlags } = constants;


test('SPLICE moves bytes from a file at an offset into a pipe, then from the pipe into a file at an offset', () => {
  const src = tmp('src');
  const dst = tmp('dst');
  fs.writeFileSync(src, '0123456789abcdef');
  fs.writeFileSync(dst, '................');
  const inFd = fs.openSync(src, 'r');
  const outFd = fs.openSync(dst, 'r+');
  try {
    withFifo((pipe) => {
      ring().prepSplice(inFd, 4n, pipe, -1, 6, 0, 1, constants.sqeFlags.IO_LINK);
      ring().prepSplice(pipe, -1, outFd, 10, 6, spliceFlags.MOVE, 2);
      expect(runAll(ring())).toEqual(new Map([[1, 6], [2, 6]]));
    });
    expect(fs.readFileSync(dst, 'utf8')).toBe('..........456789');
  } finally {
    fs.closeSync(inFd);
    fs.closeSync(outFd);
  }
});

test('TEE duplicates what one pipe holds into another without consuming it', () => {
  withFifo((a) =>
    withFifo((b) => {
      fs.writeSync(a, 'tee me');
      ring().prepTee(a, b, 64, 0, 1);
      expect(runAll(ring())).toEqual(new Map([[1, 6]]));
      const buf = Buffer.alloc(64);
      expect(buf.toString('utf8', 0, fs.readSync(b, buf))).toBe('tee me');
      expect(buf.toString('utf8', 0, fs.readSync(a, buf))).toBe('tee me');
    }),
  );
});

test('argument errors', () => {
  const range = expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' });
  expect(() => ring().prepSplice(-1, -1, 1, -1, 1, 0, 1)).toThrow(range);
  expect(() => ring().prepSplice(0, -2, 1, -1, 1, 0, 1)).toThrow(range);
  expect(() => ring().prepSplice(0, -1, 1, 2n ** 63n, 1, 0, 1)).toThrow(range);
  expect(() => ring().prepSplice(0, -1, 1, -1, -1, 0, 1)).toThrow(range);
  expect(() => ring().prepSplice(0, -1, 1, -1, 1, 16, 1)).toThrow(range);
  expect(() => ring().prepSplice(0, null as never, 1, -1, 1, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  expect(() => ring().prepTee(0, 1.5, 1, 0, 1)).toThrow(range);
  expect(() => ring().prepTee(0, 1, 1, 0x40000000, 1)).toThrow(range);
  expect(ring().inFlight).toBe(0);
});

test('a kernel whose probe lacks the opcode: ERR_URING_UNSUPPORTED before a slot is taken', () => {
  const old = withoutOpcodes([opcodes.SPLICE, opcodes.TEE], () => new Ring({ entries: 4 }));
  try {
    const unsupported = expect.objectContaining({ code: 'ERR_URING_UNSUPPORTED' });
    expect(() => old.prepSplice(0, -1, 1, -1, 1, 0, 1)).toThrow(unsupported);
    expect(() => old.prepTee(0, 1, 1, 0, 1)).toThrow(unsupported);
    expect(old.inFlight).toBe(0);
  } finally {
    old.close();
  }
});
