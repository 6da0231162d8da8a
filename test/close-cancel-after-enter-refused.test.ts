// close() submits its cancel even when the enter that should carry it is refused with EAGAIN or
// EBUSY (the kernel could not allocate, or its CQ was overcommitted): it tries again instead of
// waiting for completions of reads nobody cancelled. The child makes the binding's enter refuse
// once, as the kernel would (the real condition cannot be produced on demand).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from './helpers/child';

let dir: string;
let fifo: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uring-enter-refused-'));
  fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = `
const fs = require('node:fs');
const [root, fifo, refusal] = process.argv.slice(1);
const binding = require(root + '/dist/native.js').tryBinding();
let closing = false;
let refuse = true;
binding.NativeRing = class extends binding.NativeRing {
  enter(toSubmit, minComplete, flags) {
    if (closing && toSubmit > 0 && refuse) {
      refuse = false;
      return Number(refusal); // before the kernel saw anything: the SQEs stay queued
    }
    return super.enter(toSubmit, minComplete, flags);
  }
};
const { Ring } = require(root);
const ring = new Ring({ entries: 8 });
const fd = fs.openSync(fifo, 'r+');
for (let i = 0; i < 3; i++) ring.prepRead(fd, Buffer.alloc(8), -1, i);
ring.submit();
const results = {};
closing = true;
ring.close((ud, res) => { results[ud] = res; });
process.stdout.write(JSON.stringify({ refused: !refuse, closed: ring.closed, results }));
`;

test.each([['EAGAIN'], ['EBUSY']] as const)('close() cancels blocked reads when its enter first fails with %s', (name) => {
  const errno = -osConstants.errno[name];
  const r = spawnSync(process.execPath, ['-e', child, packageRoot, fifo, String(errno)], {
    encoding: 'utf8',
    timeout: 10000, // without the retry close() waits for reads nobody cancelled
  });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as { refused: boolean; closed: boolean; results: Record<string, number> };
  expect(out.refused).toBe(true);
  expect(out.closed).toBe(true);
  const cancelled = -osConstants.errno.ECANCELED;
  expect(out.results).toEqual({ 0: cancelled, 1: cancelled, 2: cancelled });
});
