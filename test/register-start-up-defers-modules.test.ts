// Starting with `-r uring/register` loads only what deciding and replacing needs: the stream
// factories and the error wording load at their first use (each module is a file to resolve,
// read and compile at every process start). They still work when first used.
import { lastJson, runNode } from './helpers/child';

const DEFERRED = ['dist/fs/streams.js', 'dist/errors.js', 'dist/io-uring-disabled.js'];

test('-r uring/register loads neither the stream factories nor the error wording, until used', () => {
  const r = runNode(['-r', 'uring/register', '-e', `
    const loaded = () => Object.keys(require.cache).map((f) => f.slice(process.cwd().length + 1));
    const atStart = loaded();
    const fs = require('fs');
    const chunks = [];
    fs.createReadStream('package.json', { start: 0, end: 9 }).on('data', (c) => chunks.push(c)).on('close', () => {
      fs.stat('no such file', (err) => console.log(JSON.stringify({
        atStart: ${JSON.stringify(DEFERRED)}.filter((m) => atStart.includes(m)),
        streamed: Buffer.concat(chunks).toString(),
        code: err && err.code,
        later: ${JSON.stringify(DEFERRED.slice(0, 2))}.filter((m) => loaded().includes(m)),
        backend: require('uring/register').backend,
      })));
    });
  `]);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual({ atStart: [], streamed: '{\n  "name"', code: 'ENOENT', later: DEFERRED.slice(0, 2), backend: 'io_uring' });
});
