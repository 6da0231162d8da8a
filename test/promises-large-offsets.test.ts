// Positions past 2^32 (a sparse file): the 64-bit offset reaches the kernel intact for
// read, write, readv, writev and truncate. (Not a bigint read position: node 20's
// FileHandle.read reads at the current position when given one, and the drop-in does too.)
import { statSync } from 'node:fs';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();
const FAR = 2 ** 32 + 4096 + 5; // not a multiple of 2^32: both halves of the offset matter

suite('offsets past 4 GiB', () => {
  test('write and read back at 2^32 + 4101, truncate, readv/writev', async () => {
    const fsp = loadTarget();
    const file = tmp('sparse.bin');
    const fh = await fsp.open(file, 'w+');
    try {
      expect((await fh.write(Buffer.from('far'), 0, 3, FAR)).bytesWritten).toBe(3);
      expect(statSync(file).size).toBe(FAR + 3);
      const a = Buffer.alloc(3);
      expect((await fh.read(a, 0, 3, FAR)).bytesRead).toBe(3);
      expect(a.toString()).toBe('far');
      // 32 bits lower is a hole of zeros: the high half was not dropped.
      const low = Buffer.alloc(3, 1);
      expect((await fh.read(low, 0, 3, FAR - 2 ** 32)).bytesRead).toBe(3);
      expect([...low]).toEqual([0, 0, 0]);
      expect((await fh.writev([Buffer.from('v'), Buffer.from('w')], FAR + 3)).bytesWritten).toBe(2);
      const parts = [Buffer.alloc(2), Buffer.alloc(3)];
      expect((await fh.readv(parts, FAR)).bytesRead).toBe(5);
      expect(Buffer.concat(parts).toString()).toBe('farvw');
      await fh.truncate(FAR + 1);
      expect((await fh.stat()).size).toBe(FAR + 1);
      expect((await fsp.stat(file, { bigint: true })).size).toBe(BigInt(FAR + 1));
    } finally {
      await fh.close();
    }
  });
});
