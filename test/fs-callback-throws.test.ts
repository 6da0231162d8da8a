// A uring/fs callback that throws is an uncaught exception, as from node:fs, and the calls in
// flight with it still complete.
import { lastJson, runScript } from './helpers/child';

const script = `
const ufs = require('uring/fs');
const caught = [];
process.on('uncaughtException', (err) => caught.push(err.message));
let done = 0;
const fd = require('node:fs').openSync('/proc/self/stat', 'r');
for (let i = 0; i < 8; i++) {
  ufs.stat('/', () => { throw new Error('stat ' + i); });
  ufs.read(fd, Buffer.alloc(16), 0, 16, 0, () => { done++; if (i === 3) throw new Error('read ' + i); });
}
setTimeout(() => {
  ufs.fstat(fd, (err, st) => {
    console.log(JSON.stringify({ caught: caught.sort(), done, later: err === null && st.isFile() }));
  });
}, 100);
`;

test('throwing callbacks are uncaught exceptions and the other calls complete', () => {
  const r = lastJson(runScript(script));
  const stats = Array.from({ length: 8 }, (_, i) => `stat ${i}`);
  expect(r).toEqual({ caught: [...stats, 'read 3'].sort(), done: 8, later: true });
});
