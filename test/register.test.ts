// Registered buffers and files: registration succeeds, fixed files work with IOSQE_FIXED_FILE,
// and argument errors are clear.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
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
