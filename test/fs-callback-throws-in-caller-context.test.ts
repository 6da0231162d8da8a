// An exception thrown by a uring/fs callback is uncaught in the callback's own async context,
// as from node:fs: an 'uncaughtException' handler sees the call's AsyncLocalStorage store, and
// a domain the call was made in gets the error. Run in a child (jest takes uncaught errors).
import { lastJson, runScript } from './helpers/child';

const script = `
const nodeFs = require('node:fs');
const { AsyncLocalStorage } = require('node:async_hooks');
const domain = require('node:domain');
const als = new AsyncLocalStorage();
const seen = [];
process.on('uncaughtException', (err) => seen.push(err.message + ' uncaught, store ' + als.getStore()));
function throwing(fs, label) {
  const fd = nodeFs.openSync(__filename === '[eval]' ? '/proc/self/stat' : __filename, 'r');
  const calls = {
    stat: (cb) => fs.stat('/', cb),
    read: (cb) => fs.read(fd, Buffer.alloc(8), 0, 8, 0, cb),
    open: (cb) => fs.open('/proc/self/stat', 'r', cb),
    exists: (cb) => fs.exists('/', cb),
  };
  for (const [name, call] of Object.entries(calls)) {
    als.run(label + ' ' + name, () => call(() => { throw new Error(label + ' ' + name); }));
  }
  const d = domain.create();
  d.on('error', (err) => seen.push(err.message + ' caught by its domain'));
  d.run(() => fs.stat('/', () => { throw new Error(label + ' in a domain'); }));
}
const ufs = require(ROOT + '/dist/fs');
throwing(nodeFs, 'node');
setTimeout(() => throwing(ufs, 'uring'), 100);
setTimeout(() => console.log(JSON.stringify({ seen: seen.sort(), backend: ufs.promises.backend })), 300);
`;

test('a throwing callback is uncaught in the async context of its call (AsyncLocalStorage, domain), as from node:fs', () => {
  const r = lastJson<{ seen: string[]; backend: string }>(runScript(script));
  expect(r.backend).toBe('io_uring');
  const expected = (label: string) => [
    ...['exists', 'open', 'read', 'stat'].map((name) => `${label} ${name} uncaught, store ${label} ${name}`),
    `${label} in a domain caught by its domain`,
  ];
  expect(r.seen).toEqual([...expected('node'), ...expected('uring')].sort());
});
