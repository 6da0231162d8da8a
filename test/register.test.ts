// Registered buffers and files: registration succeeds, fixed files work with IOSQE_FIXED_FILE,
// and argument errors are clear.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ring, constants } from '../lib';

test('registerFiles makes an index usable as fd with FIXED_FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-reg-'));
  const file = path.join(dir, 'f');
  writeFileSync(file, 'fixed file contents');
  const fd = openSync(file, 'r');
  const ring = new Ring({ entries: 4 });
  try {
    ring.registerFiles([-1, fd]);
    const buf = Buffer.alloc(5);
    ring.prepRead(1, buf, 6, 1, constants.sqeFlags.FIXED_FILE);
    ring.submit(1);
    ring.reap((_, res) => expect(res).toBe(5));
    expect(buf.toString()).toBe('file ');
    ring.unregisterFiles();
  } finally {
    ring.close();
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('registerBuffers and unregisterBuffers round trip, and bad input is refused', () => {
  const ring = new Ring({ entries: 4 });
  try {
    ring.registerBuffers([Buffer.alloc(8192), new Uint8Array(4096)]);
    ring.unregisterBuffers();
    ring.registerBuffers([Buffer.alloc(4096)]);
    ring.unregisterBuffers();
    expect(() => ring.registerBuffers([])).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => ring.registerBuffers([Buffer.alloc(0)])).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => ring.registerBuffers(['x' as unknown as Buffer])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => ring.unregisterBuffers()).toThrow(expect.objectContaining({ code: 'ENXIO', syscall: 'io_uring_register' }));
  } finally {
    ring.close();
  }
});

test('prepOpenatDirect opens into a table slot that a linked FIXED_FILE read uses; prepCloseDirect empties it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uring-direct-'));
  const file = path.join(dir, 'f');
  writeFileSync(file, 'direct descriptor');
  const ring = new Ring({ entries: 8 });
  const slots = () => readFileSync(`/proc/self/fdinfo/${ring.fd}`, 'utf8').split('\n').filter((l) => /^\s*\d+: /.test(l)).map((l) => l.trim());
  try {
    ring.registerFiles([-1, -1, -1]);
    const buf = Buffer.alloc(6);
    const results = new Map<number, number>();
    ring.prepOpenatDirect(-100, Buffer.from(`${file}\0`), 0, 0, 2, 1, constants.sqeFlags.IO_LINK);
    ring.prepRead(2, buf, 7, 2, constants.sqeFlags.FIXED_FILE);
    ring.submit(2);
    ring.reap((ud, res) => results.set(ud, res));
    expect(results).toEqual(new Map([[1, 0], [2, 6]]));
    expect(buf.toString()).toBe('descri');
    expect(slots()).toEqual([`2: ${file}`]);
    ring.prepCloseDirect(2, 3);
    ring.submit(1);
    ring.reap((ud, res) => results.set(ud, res));
    expect(results.get(3)).toBe(0);
    expect(slots()).toEqual([]);
    // An open that fails installs nothing, and its linked read is cancelled.
    ring.prepOpenatDirect(-100, Buffer.from(`${file}-missing\0`), 0, 0, 0, 4, constants.sqeFlags.IO_LINK);
    ring.prepRead(0, buf, 0, 5, constants.sqeFlags.FIXED_FILE);
    ring.submit(2);
    ring.reap((ud, res) => results.set(ud, res));
    expect(results.get(4)).toBe(-2);
    expect(results.get(5)).toBe(-125);
    expect(slots()).toEqual([]);
    // Slots outside the table, and CLOSE of a slot with FIXED_FILE, are refused before the kernel sees them.
    expect(() => ring.prepOpenatDirect(-100, Buffer.from(`${file}\0`), 0, 0, 3, 6)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => ring.prepCloseDirect(-1, 6)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => ring.prepCloseDirect('0' as unknown as number, 6)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => ring.prepCloseDirect(0, 6, constants.sqeFlags.FIXED_FILE)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(ring.sqReady).toBe(0);
    ring.unregisterFiles();
    expect(() => ring.prepCloseDirect(0, 6)).toThrow(/no files are registered/);
  } finally {
    ring.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
