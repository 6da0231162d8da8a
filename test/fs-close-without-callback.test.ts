// node:fs's close(fd) takes no callback (its default throws a failure). uring/fs closes such
// an fd on the ring too: handing it to node's close warned, on a worker thread, "File
// descriptor N closed but not opened in unmanaged mode" for an fd the ring had opened.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from './helpers/promises-target';

const distFs = path.join(repoRoot, 'dist', 'fs');
const suite = existsSync(path.join(distFs, 'index.js')) ? describe : describe.skip;

/** In a worker: opens `file` with `fsModule`'s open, closes it with close(fd), reports warnings and whether fd is closed. */
function openCloseInWorker(fsModule: string, file: string): Promise<{ warnings: string[]; closed: boolean }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const nodeFs = require('node:fs');
    const fs = require(workerData.fsModule);
    const warnings = [];
    process.on('warning', (w) => warnings.push(w.message));
    fs.open(workerData.file, 'r', (err, fd) => {
      if (err) throw err;
      fs.close(fd);
      // Wait until the fd is gone (the close completes on its own), then let warnings arrive.
      let tries = 0;
      const poll = () => {
        try { nodeFs.fstatSync(fd); if (++tries < 500) setTimeout(poll, 10); else parentPort.postMessage({ warnings, closed: false }); }
        catch (e) { setTimeout(() => parentPort.postMessage({ warnings, closed: e.code === 'EBADF' }), 50); }
      };
      poll();
    });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { fsModule, file } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

suite('close(fd) without a callback', () => {
  test('closes the fd with no warning on a worker thread, as node:fs does', async () => {
    const file = path.join(repoRoot, 'package.json');
    const expected = await openCloseInWorker('node:fs', file);
    const actual = await openCloseInWorker(distFs, file);
    expect(expected).toEqual({ warnings: [], closed: true });
    expect(actual).toEqual(expected);
  }, 30000);
});
