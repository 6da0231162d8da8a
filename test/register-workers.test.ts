// Worker threads of a registered application are registered too: under -r (node preloads it in
// workers that inherit execArgv) and under --import (node does not: register starts each worker
// with --require of itself, also when the worker gets execArgv of its own), with inherited
// process-wide flags node refuses in a worker. Without register, workers keep node's fs.
import { lastJson, runNode } from './helpers/child';

// The worker reports what register left on its node:fs (register-mark.ts), and that a call works.
const app = `
const { Worker } = require('node:worker_threads');
const code = "const fs = require('fs'); const { parentPort } = require('worker_threads');" +
  "fs.stat(process.cwd(), (err, st) => parentPort.postMessage({ replaced: fs[Symbol.for('uring.register')] === 'active', dir: st.isDirectory() }));";
function start(options) {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, ...options });
    w.once('message', (m) => { w.terminate(); resolve({ ...m, isWorker: w instanceof Worker }); });
    w.once('error', reject);
  });
}
(async () => {
  const inherited = await start({});
  const own = await start({ execArgv: ['--no-warnings'] });
  let thrown;
  try { Worker('x'); } catch (e) { thrown = e.constructor.name; }
  console.log(JSON.stringify({ inherited, own, thrown }));
})();
`;

function run(flags: string[]): { inherited: Record<string, boolean>; own: Record<string, boolean>; thrown: string } {
  const r = runNode([...flags, '-e', app]);
  expect(r.stderr).not.toMatch(/Error/);
  return lastJson(r);
}

test('under -r, workers that inherit execArgv are registered by node; one given its own execArgv is not (node\'s -r semantics)', () => {
  const { inherited, own } = run(['-r', 'uring/register']);
  expect(inherited).toEqual({ replaced: true, dir: true, isWorker: true });
  expect(own).toEqual({ replaced: false, dir: true, isWorker: true });
});

test.each([
  ['--import', ['--import', 'uring/register']],
  ['--import with a flag node refuses in workers', ['--expose-gc', '--import', 'uring/register']],
])('workers are registered under %s', (_name, flags) => {
  const { inherited, own, thrown } = run(flags);
  expect(inherited).toEqual({ replaced: true, dir: true, isWorker: true });
  expect(own).toEqual({ replaced: true, dir: true, isWorker: true });
  expect(thrown).toBe('TypeError');
});

test('without register, workers keep node:fs', () => {
  const { inherited } = run([]);
  expect(inherited).toEqual({ replaced: false, dir: true, isWorker: true });
});
