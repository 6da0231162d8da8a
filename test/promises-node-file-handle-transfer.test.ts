// Behaviour of Node's test-fs-promises-file-handle-read-worker: a FileHandle in a
// postMessage/Worker transferList moves to the worker, which reads and closes it; the
// sender's handle is then detached (fd -1) and emits no 'close'.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { useTempDir } from './helpers/temp-dir';
import { targetAvailable, targetIsNode, targetPath } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

suite('FileHandle transfer to a worker', () => {
  // uring's FileHandle is not a transferable object: new Worker(..., { transferList: [handle] })
  // throws ERR_INVALID_TRANSFER_OBJECT (node has an internal JSTransferable base for it).
  (targetIsNode ? test : test.failing)('a transferred handle is read and closed by the worker', () => {
    writeFileSync(tmp('transfer.txt'), 'hello world');
    const script = `
      const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');
      if (isMainThread) {
        const fsp = require(${JSON.stringify(targetPath)});
        fsp.open(${JSON.stringify(tmp('transfer.txt'))}, 'r').then((handle) => {
          let closedHere = false;
          handle.on('close', () => { closedHere = true; });
          const worker = new Worker(__filename, { workerData: { handle }, transferList: [handle] });
          worker.on('message', (text) => console.log(JSON.stringify({ text, fdHere: handle.fd, closedHere })));
        }).catch((e) => console.log(JSON.stringify({ error: e.code || e.message })));
      } else {
        const handle = workerData.handle;
        handle.readFile('utf8').then(async (text) => { await handle.close(); parentPort.postMessage(text); });
      }`;
    writeFileSync(tmp('transfer.js'), script);
    const r = spawnSync(process.execPath, [tmp('transfer.js')], { encoding: 'utf8', timeout: 20000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim())).toEqual({ text: 'hello world', fdHere: -1, closedHere: false });
  });
});
