// On a worker thread node closes, when the worker exits, every fd its own open made that its
// own close did not close. uring/fs's close of such an fd (opened by node:fs's openSync) must
// be node's: closed on the ring, node still held the number and closed it again at exit, by
// then another thread's file (here the main thread's, which reused the number).
import nodeFs, { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from './helpers/promises-target';

const distFs = path.join(repoRoot, 'dist', 'fs');
const suite = existsSync(path.join(distFs, 'index.js')) ? describe : describe.skip;
const file = path.join(repoRoot, 'package.json');

/** A worker opens `file` with node's openSync and closes it with `fsModule`'s close; the main thread then takes that fd number and checks it survives the worker's exit. */
async function mainFdSurvivesWorkerExit(fsModule: string): Promise<boolean> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const fd = require('node:fs').openSync(workerData.file, 'r');
    require(workerData.fsModule).close(fd, (err) => parentPort.postMessage({ fd, err: err && err.message }));`;
  const w = new Worker(code, { eval: true, workerData: { fsModule, file } });
  const exited = new Promise((resolve) => w.once('exit', resolve));
  const { fd, err } = await new Promise<{ fd: number; err: string | null }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  expect(err).toBeNull();
  // Open files until one gets the worker's old number (the lowest free fd comes first).
  const mine: number[] = [];
  try {
    while (mine.length < 100 && !mine.includes(fd)) mine.push(nodeFs.openSync(file, 'r'));
    expect(mine).toContain(fd);
    await exited;
    try {
      nodeFs.fstatSync(fd);
      return true;
    } catch {
      return false;
    }
  } finally {
    for (const m of mine) {
      try {
        nodeFs.closeSync(m);
      } catch {
        // The one the worker's exit closed.
      }
    }
  }
}

suite('close on a worker thread of an fd node:fs opened', () => {
  test('leaves node to forget the fd: another thread\'s reuse of the number survives the worker\'s exit', async () => {
    expect(await mainFdSurvivesWorkerExit('node:fs')).toBe(true);
    expect(await mainFdSurvivesWorkerExit(distFs)).toBe(true);
  }, 30000);
});
