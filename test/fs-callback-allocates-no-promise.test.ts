// A uring/fs callback call creates no promise: 1000 chained fs.read calls, 1000 stats and 100
// writeFile/appendFile/truncate make no async_hooks PROMISE resource, where uring/promises
// makes one per call.
import { lastJson, runScript } from './helpers/child';

const script = `
const ah = require('node:async_hooks');
const nodeFs = require('node:fs');
const ufs = require('uring/fs');
const file = require('node:path').join(require('node:os').tmpdir(), 'uring-fs-nopromise-' + process.pid);
nodeFs.writeFileSync(file, Buffer.alloc(65536, 1));
let promises = 0;
const hook = ah.createHook({ init(id, type) { if (type === 'PROMISE') promises++; } });
function chain(n, step, done) {
  let i = 0;
  const next = (err) => { if (err) throw err; if (++i === n) done(); else step(next); };
  step(next);
}
ufs.open(file, 'r', (err, fd) => {
  if (err) throw err;
  const buf = Buffer.alloc(4096);
  const read = (next) => ufs.read(fd, buf, 0, 4096, 4096, next);
  const stat = (next) => ufs.stat(file, next);
  const whole = (next) => ufs.writeFile(file + '.w', 'data', () => ufs.appendFile(file + '.w', 'more', () => ufs.truncate(file + '.w', 2, next)));
  const pRead = (next) => ufs.promises.stat(file).then(() => next(), next);
  chain(10, read, () => chain(10, pRead, () => {
    hook.enable();
    chain(1000, read, () => chain(1000, stat, () => chain(100, whole, () => {
      const callbacks = promises;
      chain(100, pRead, () => {
        hook.disable();
        nodeFs.unlinkSync(file);
        nodeFs.unlinkSync(file + '.w');
        console.log(JSON.stringify({ callbacks, promiseCalls: promises - callbacks, backend: ufs.promises.backend }));
      });
    })));
  }));
});
`;

test('fs.read, fs.stat, writeFile, appendFile and truncate callback calls create no promise', () => {
  const r = lastJson(runScript(script));
  expect(r.backend).toBe('io_uring');
  expect(r.promiseCalls).toBeGreaterThanOrEqual(100); // the hook sees the promise face's promises
  expect(r.callbacks).toBe(0);
});
