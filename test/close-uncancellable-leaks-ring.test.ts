// An operation that ignores close()'s cancel (here a write asleep in a file's inode lock, held by
// a write stuck in a userfaultfd fault; in life a hung FUSE or NFS mount): close() gives up after
// its bounded wait, leaks the ring and keeps the buffers pinned, so that when the operation
// finishes later the kernel writes into live memory, never into freed memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from './helpers/child';
import { stalledFileWriter } from './helpers/stalled-file-writer';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-uncancellable-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const [root, writer, file] = process.argv.slice(1);
require(root + '/dist/ring.js').teardownCancel.waitMs = 300;
const { Ring, constants } = require(root);
fs.writeFileSync(file, '');
const helper = spawn(writer, [file, 'written later'], { stdio: ['pipe', 'pipe', 'inherit'] });
helper.stdout.once('data', () => {
  const fd = fs.openSync(file, 'r+');
  const ring = new Ring({ entries: 4 });
  let buffer = Buffer.alloc(13, 0xee);
  const pinned = new WeakRef(buffer);
  // The write waits for the inode lock in io-wq; the read, linked after it, is not even started.
  ring.prepWrite(fd, Buffer.from('!'), 100, 1, constants.sqeFlags.ASYNC | constants.sqeFlags.IO_LINK);
  ring.prepRead(fd, buffer, 0, 2);
  ring.submit();
  buffer = null;
  setTimeout(() => { // let io-wq pick the write up: a cancel before that would succeed
    const results = {};
    ring.close((ud, res) => { results[ud] = res; });
    setImmediate(() => {
      gc();
      const alive = pinned.deref() !== undefined;
      helper.stdout.once('data', () => {
        helper.stdin.end();
        const wait = () => {
          const b = pinned.deref();
          if (b !== undefined && b[0] === 0xee) return setTimeout(wait, 20); // the read runs once the write is done
          process.stdout.write(JSON.stringify({ closed: ring.closed, results, alive, contents: b && b.toString('latin1') }));
        };
        wait();
      });
      helper.stdin.write('go\\n'); // the stuck write completes: the lock is free, our write and read run
    });
  }, 200);
});
`;

const maybe = process.getuid?.() === 0 ? test : test.skip; // userfaultfd for kernel faults needs root here

maybe('close() leaks the ring and keeps the buffers of an operation that ignores the cancel', () => {
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', child, packageRoot, stalledFileWriter(), path.join(dir, 'data')], {
    encoding: 'utf8',
    timeout: 15000, // without the bounded wait close() never returns while the write is stuck
  });
  expect(r.error).toBeUndefined();
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as { closed: boolean; results: Record<string, number>; alive: boolean; contents: string };
  expect(out.closed).toBe(true);
  expect(out.results).toEqual({}); // neither operation completed before close() gave up
  expect(out.alive).toBe(true); // still pinned after a GC
  expect(out.contents).toBe('written later'); // the kernel's late write landed in the live buffer
  expect(r.stderr.match(/uring: .*leaked/g)).toHaveLength(1);
}, 30000);
