// The built package bundles what a start through uring/promises, uring/fs or uring/register loads
// (scripts/bundle.js): a start reads two files of ours, every module path still works and gives
// the one instance, and ES module importers see the same names as require().
import { lastJson, runNode } from './helpers/child';

test('-r uring/register reads the register stub, the bundle and the addon, and acts', () => {
  const r = runNode(['-r', 'uring/register', '-e', `
    const ours = Object.keys(require.cache).filter((f) => f.startsWith(process.cwd())).map((f) => f.slice(process.cwd().length + 1));
    console.log(JSON.stringify({ ours: ours.sort(), backend: require('uring/register').backend, replaced: require('fs').read.name === 'read' && require('fs').read !== require('./dist/node-fs.js').fs.read }));
  `]);
  expect(r.stderr).toBe('');
  const { ours, ...rest } = lastJson(r) as { ours: string[] };
  expect(rest).toEqual({ backend: 'io_uring', replaced: true });
  // The addon from build/Release, or the prebuild when there is no build of its own.
  expect(ours.filter((f) => !f.endsWith('.node'))).toEqual(['dist/bundle.js', 'dist/register.js']);
  expect(ours.filter((f) => f.endsWith('.node'))).toHaveLength(1);
});

test('a bundled module required by its own path is the bundle\'s instance', () => {
  const r = runNode(['-e', `
    const promises = require('uring/promises');
    console.log(JSON.stringify([
      require('./dist/promises/index.js') === promises,
      require('uring/fs').promises === promises,
      require('./dist/promises/backend.js') === require('./dist/bundle.js')('promises/backend'),
      require('uring').promises === promises,
    ]));
  `]);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual([true, true, true, true]);
});

test.each(['uring/promises', 'uring/fs', 'uring/register'])('ESM import of %s names what require() exports, with the same values', (entry) => {
  // Reading every name reads node's deprecated ones too (fs.F_OK on Node 24): not this test's subject.
  const r = runNode(['--no-deprecation', '--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    const ns = await import(${JSON.stringify(entry)});
    const cjs = createRequire(process.cwd() + '/')(${JSON.stringify(entry)});
    const names = Object.keys(cjs).filter((k) => k !== '__esModule');
    console.log(JSON.stringify({
      missing: names.filter((k) => !(k in ns)),
      different: names.filter((k) => k in ns && ns[k] !== cjs[k]),
      defaultIsExports: ns.default === cjs,
    }));
  `]);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual({ missing: [], different: [], defaultIsExports: true });
});

test('with --enable-source-maps, frames in the bundle name the TypeScript sources', () => {
  const r = runNode(['--enable-source-maps', '-e', `
    async function userCaller() { await require('uring/promises').readFile(); }
    userCaller().catch((e) => console.log(JSON.stringify({
      frames: e.stack.split('\\n').filter((l) => l.includes('/dist/') || l.includes('/lib/')).map((l) => l.replace(/^.*\\((.*):\\d+:\\d+\\)$/, '$1').replace(process.cwd() + '/', '')),
    })));
  `]);
  expect(r.stderr).toBe('');
  const { frames } = lastJson(r) as { frames: string[] };
  expect(frames).toContain('lib/promises/index.ts');
  expect(frames.filter((f) => f.startsWith('dist/'))).toEqual([]);
});
