// uring/register replaces node:fs's async functions (and node:fs/promises') on node's own module
// objects, so CommonJS, ESM default and ESM named importers all get uring's; loading it twice
// changes nothing more; uring's own fallbacks still reach node's functions (no recursion); the
// synchronous calls stay node's; a uring/promises FileHandle can be a stream's fd.
import { lastJson, runNode } from './helpers/child';

const esmApp = `
import fs, { read, createReadStream, readFileSync } from 'node:fs';
import fsp, { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { once } from 'node:events';
const require = createRequire(process.cwd() + '/');
const cjs = require('fs');
const names = ${JSON.stringify(['read', 'createReadStream', 'stat'])};
const ufs = require('uring/fs');
const upromises = require('uring/promises');
const reg = require('uring/register');
const sameAsUring = names.every((n) => cjs[n] === ufs[n] && fs[n] === ufs[n]);
const named = read === ufs.read && createReadStream === ufs.createReadStream && readFile === upromises.readFile;
const promises = fs.promises.readFile === upromises.readFile && fsp.readFile === upromises.readFile && cjs.promises === require('fs/promises');
const syncKept = readFileSync === require('uring/fs').readFileSync && !String(readFileSync).includes('impl()');
// A current-position read is node's own function (through uring's captured copy): it must not recurse.
const fd = cjs.openSync('package.json', 'r');
const bytes = await new Promise((res, rej) => cjs.read(fd, Buffer.alloc(10), 0, 10, null, (e, n) => (e ? rej(e) : res(n))));
cjs.closeSync(fd);
const handle = await fsp.open('package.json');
const chunks = [];
const s = cjs.createReadStream(null, { fd: handle, start: 0, end: 9 });
s.on('data', (c) => chunks.push(c));
await once(s, 'close');
console.log(JSON.stringify({ sameAsUring, named, promises, syncKept, bytes, streamed: Buffer.concat(chunks).toString(), handleFd: handle.fd, backend: reg.backend }));
`;

test('ESM and CommonJS importers of node:fs and node:fs/promises get uring\'s functions', () => {
  const r = runNode(['--import', 'uring/register', '--input-type=module', '-e', esmApp]);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual({
    sameAsUring: true, named: true, promises: true, syncKept: true, bytes: 10, streamed: '{\n  "name"', handleFd: -1, backend: 'io_uring',
  });
});

test('loading register twice (-r and --import, and a require) replaces once', () => {
  const r = runNode(['-r', 'uring/register', '--import', 'uring/register', '-e', `
    const fs = require('fs'); const first = fs.read;
    require('uring/register');
    fs.read(fs.openSync('package.json'), Buffer.alloc(4), 0, 4, 0, (err, n) => console.log(JSON.stringify({ same: fs.read === first, n, err })));
  `]);
  expect(lastJson(r)).toEqual({ same: true, n: 4, err: null });
});

test('URING_DISABLE=1 leaves node:fs as node\'s and says why', () => {
  const r = runNode(['-r', 'uring/register', '-e', `
    const fs = require('fs'); const reg = require('uring/register');
    console.log(JSON.stringify({ uring: fs.read === require('uring/fs').read, backend: reg.backend, reason: reg.backendReason }));
  `], { env: { ...process.env, URING_DISABLE: '1' } });
  expect(lastJson(r)).toEqual({ uring: false, backend: 'fs', reason: 'URING_DISABLE=1 is set: node:fs is left as it is' });
});
