// Completions reaped right after io_uring_enter (page-cache reads complete inside it) resolve
// without a trip through the event loop; a tight await loop must still let timers and
// setImmediate callbacks run, as it does with node:fs/promises.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fsp from '../lib/promises';

describe('an await loop of reads that complete inline', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-fair-'));
    file = path.join(dir, 'data');
    fs.writeFileSync(file, Buffer.alloc(64 * 1024, 7));
    fs.readFileSync(file); // page-cached: every read completes inside the enter
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a timer and an immediate set before the loop fire while it runs', async () => {
    expect(fsp.backend).toBe('io_uring');
    const fh = await fsp.open(file, 'r');
    const buf = Buffer.alloc(4096);
    const total = 5000;
    let i = 0;
    let immediateAt = -1;
    let timerAt = -1;
    setImmediate(() => {
      immediateAt = i;
    });
    setTimeout(() => {
      timerAt = i;
    }, 0);
    try {
      for (; i < total; i++) {
        const { bytesRead } = await fh.read(buf, 0, 4096, (i % 16) * 4096);
        expect(bytesRead).toBe(4096);
      }
    } finally {
      await fh.close();
    }
    expect(buf.every((b) => b === 7)).toBe(true);
    expect(immediateAt).toBeGreaterThanOrEqual(0);
    expect(immediateAt).toBeLessThan(total);
    expect(timerAt).toBeGreaterThanOrEqual(0);
    expect(timerAt).toBeLessThan(total);
  });
});
