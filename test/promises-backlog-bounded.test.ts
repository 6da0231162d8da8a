// The engine's backlog (operations waiting for SQ/CQ room) keeps storage for the most
// operations queued at once, not one entry per operation ever queued: with 2048 operations
// outstanding at every flush it never empties, and an array that only reset when empty grew
// by one entry per operation (about 800 MB after 10^8 of them).
import fs from 'node:fs';
import * as fsp from '../lib/promises';
import { backlogStorage } from '../lib/promises/engine';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir();
const IN_FLIGHT = 2048;

test('2048 operations outstanding for 40 rounds: the backlog storage stays within the most queued at once', async () => {
  expect(fsp.backend).toBe('io_uring');
  const file = tmp('f');
  fs.writeFileSync(file, 'x');
  const fh = await fsp.open(file, 'r');
  try {
    // FSYNC always completes in io-wq, never inline: completions come back a few at a time, and
    // each one starts the next operation while the backlog still holds the rest.
    let left = IN_FLIGHT * 40;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (left > 0) {
        left--;
        await fh.datasync();
      }
    }));
  } finally {
    await fh.close();
  }
  expect(backlogStorage()).toBeLessThanOrEqual(2 * IN_FLIGHT);
});
