// `import { read } from 'uring/fs'` works for every name of the running node:fs, with the same
// values as the default import.
import { lastJson, runNode } from './helpers/child';

const source = `
import fs from 'uring/fs';
import * as nodeFs from 'node:fs';
import { read, readdir, promises } from 'uring/fs';
const ns = await import('uring/fs');
const names = Object.keys(nodeFs).filter((k) => k !== 'default');
console.log(JSON.stringify({
  missing: names.filter((k) => !(k in ns)),
  different: names.filter((k) => k !== 'promises' && k in ns && ns[k] !== fs[k]),
  named: [read === fs.read, readdir === nodeFs.readdir, promises === fs.promises],
}));
`;

test('every node:fs name is an ESM named export of uring/fs', () => {
  const r = lastJson(runNode(['--input-type=module', '-e', source]));
  expect(r).toEqual({ missing: [], different: [], named: [true, true, true] });
});

test('an ES module import of uring/fs prints nothing (Node 24 warns for each read of fs.F_OK)', () => {
  const r = runNode(['--input-type=module', '-e', "import fs, { F_OK, X_OK } from 'uring/fs'; console.log(JSON.stringify([F_OK, X_OK, typeof fs.readFile]));"]);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual([0, 1, 'function']);
});
