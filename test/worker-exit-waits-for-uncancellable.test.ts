// A worker that ends with an operation that ignores the cancel (a write asleep in an inode lock
// held by a helper's write stuck in a userfaultfd fault): its heap is freed right after the env
// cleanup hook, and nothing can pin a buffer past that, so the hook waits for the kernel beyond
// its bounded drain (10 s) instead of letting the kernel write into freed memory later.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from './helpers/child';
import { stalledFileWriter } from './helpers/stalled-file-writer';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-worker-uncancellable-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const worker = `
const fs = require('node:fs');
const { parentPort, workerData: { root, file } } = require('node:worker_threads');
const { Ring, constants } = require(root);
const fd = fs.openSync(file, 'r+');
const ring = new Ring({ entries: 4 });
ring.prepWrite(fd, Buffer.from('!'), 100, 1, constants.sqeFlags.ASYNC | constants.sqeFlags.IO_LINK);
ring.prepRead(fd, Buffer.alloc(13), 0, 2);
ring.submit();
setTimeout(() => parentPort.postMessage('stuck'), 200); // io-wq has picked the write up
setInterval(() => {}, 1000);
`;

const child = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const [root, writer, file, workerSource, holdMs] = process.argv.slice(1);
fs.writeFileSync(file, '');
const helper = spawn(writer, [file, 'written later'], { stdio: ['pipe', 'pipe', 'inherit'] });
helper.stdout.once('data', () => {
  const w = new Worker(workerSource, { eval: true, workerData: { root, file } });
  let exited = false;
  w.on('exit', () => { exited = true; });
  w.once('message', () => {
    w.terminate();
    setTimeout(() => { // past the hook's bounded drain
      const exitedWhileStuck = exited;
      helper.stdout.once('data', () => {
        helper.stdin.end();
        const done = () => exited
          ? process.stdout.write(JSON.stringify({ exitedWhileStuck, exitedAfter: true }))
          : setTimeout(done, 20);
        done();
      });
      helper.stdin.write('go\\n');
    }, Number(holdMs));
  });
});
`;

const maybe = process.getuid?.() === 0 ? test : test.skip; // userfaultfd for kernel faults needs root here

maybe('a terminated worker ends only once the kernel is done with its buffers', () => {
  const r = spawnSync(process.execPath, ['-e', child, packageRoot, stalledFileWriter(), path.join(dir, 'data'), worker, '12000'], {
    encoding: 'utf8',
    timeout: 19000, // the helper gives up at 20 s
  });
  expect(r.error).toBeUndefined();
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ exitedWhileStuck: false, exitedAfter: true });
  expect(r.stderr.match(/uring: .*leaked/g)).toHaveLength(1);
}, 30000);
