// uring/fs's readFile and `promises` keep the uring/promises module they load: node resolves a
// require() afresh on every call from a module that did not load its target first (a package.json
// read and a path walk each time, which doubled a callback readFile's CPU time).
import { lastJson, runScript } from './helpers/child';

test('100 callback readFiles and 100 reads of uring/fs.promises resolve no module', () => {
  const r = runScript(`
    const Module = require('module');
    require(ROOT + '/dist/promises'); // loaded first by another module, as uring/register does
    const ufs = require(ROOT + '/dist/fs');
    const resolve = Module._resolveFilename;
    let resolved = 0;
    Module._resolveFilename = function () { resolved++; return resolve.apply(this, arguments); };
    const one = () => new Promise((res, rej) => ufs.readFile(ROOT + '/package.json', (err, data) => (err ? rej(err) : res(data.length))));
    (async () => {
      await one(); // the first call, and the first read of promises, load what they need
      ufs.promises.readFile;
      const before = resolved;
      let bytes = 0;
      for (let i = 0; i < 100; i++) bytes += await one();
      for (let i = 0; i < 100; i++) ufs.promises.readFile;
      const during = resolved - before;
      console.log(JSON.stringify({ resolved: during, read: bytes > 0, same: ufs.promises === require(ROOT + '/dist/promises') }));
    })();
  `);
  expect(lastJson(r)).toEqual({ resolved: 0, read: true, same: true });
});
