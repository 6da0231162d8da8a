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
  // F_OK and X_OK as node:fs has them: values (Node 20, 22), warning getters (24), gone (26).
  const r = runNode(['--input-type=module', '-e', `
    import fs, { F_OK, X_OK } from 'uring/fs';
    import { createRequire } from 'node:module';
    const nodeFs = createRequire(import.meta.url)('node:fs');
    const has = (name) => Object.getOwnPropertyDescriptor(nodeFs, name) !== undefined;
    console.log(JSON.stringify({
      ours: [F_OK ?? 'absent', X_OK ?? 'absent', typeof fs.readFile],
      node: [has('F_OK') ? nodeFs.constants.F_OK : 'absent', has('X_OK') ? nodeFs.constants.X_OK : 'absent', 'function'],
    }));
  `]);
  expect(r.stderr).toBe('');
  const { ours, node } = lastJson(r) as { ours: unknown[]; node: unknown[] };
  expect(ours).toEqual(node);
});
