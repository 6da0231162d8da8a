// A ring's async resource ('uring:ring') answers hasRef() as node's handles do: false while the
// ring holds nothing, true while an operation keeps the loop alive. Tools that list what keeps a
// process open (jest --detectOpenHandles) then leave the idle shared ring out.
import { lastJson, runScript } from './helpers/child';

test('hasRef() of the ring\'s async resource: false when idle, true while a read waits', () => {
  const r = runScript(`
const ah = require('async_hooks');
const resources = [];
ah.createHook({ init(id, type, trigger, resource) { if (type === 'uring:ring') resources.push(resource); } }).enable();
const fsp = require(ROOT + '/dist/promises');
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-hasref-'));
const fifo = path.join(dir, 'fifo');
cp.execFileSync('mkfifo', [fifo]);
const hasRef = () => resources.map((r) => (typeof r.hasRef === 'function' ? r.hasRef() : 'no hasRef'));
(async () => {
  await fsp.stat(dir);
  await new Promise((resolve) => setImmediate(resolve));
  const idle = hasRef();
  const fh = await fsp.open(fifo, fs.constants.O_RDWR);
  const reading = fh.read(Buffer.alloc(1), 0, 1, null);
  await new Promise((resolve) => setImmediate(resolve));
  const waiting = hasRef();
  fs.writeFileSync(fifo, 'x');
  await reading;
  await fh.close();
  await new Promise((resolve) => setImmediate(resolve));
  const after = hasRef();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ idle, waiting, after }));
})();`);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual({ idle: [false], waiting: [true], after: [false] });
});
