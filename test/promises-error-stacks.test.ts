// A rejection from a ring-backed call names the function that awaited it, as node:fs/promises'
// do: the error is made where the engine reaped the completion, with none of the caller's
// frames, so its stack is taken again in the caller's await chain. Run in a child (plain node:
// jest rewrites stacks); URING_PROMISES_TARGET=node runs the same cases on node:fs/promises.
import { lastJson, runScript } from './helpers/child';
import { targetIsNode } from './helpers/promises-target';

const PROGRAM = `
const fs = require('node:fs'), os = require('node:os'), path = require('node:path');
const fsp = require(${targetIsNode ? "'node:fs/promises'" : "ROOT + '/dist/promises'"});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-stacks-'));
fs.writeFileSync(path.join(dir, 'file'), 'x');
fs.mkdirSync(path.join(dir, 'sub'));
const at = (n) => path.join(dir, n);
async function withHandle(name, flags, use) { const h = await fsp.open(at(name), flags); try { await use(h); } finally { await h.close(); } }
// Each case awaits the call in a function of its own name, which must appear in the stack.
const cases = [
  async function callsReadFileMissing() { await fsp.readFile(at('missing')); },
  async function callsReadFileDirectory() { await fsp.readFile(at('sub')); },
  async function callsReadFileText() { await fsp.readFile(at('missing'), 'utf8'); },
  async function callsStat() { await fsp.stat(at('missing')); },
  async function callsLstat() { await fsp.lstat(at('missing')); },
  async function callsOpen() { await fsp.open(at('missing')); },
  async function callsUnlink() { await fsp.unlink(at('missing')); },
  async function callsRename() { await fsp.rename(at('missing'), at('other')); },
  async function callsMkdir() { await fsp.mkdir(at('sub')); },
  async function callsRmdir() { await fsp.rmdir(at('missing')); },
  async function callsWriteFile() { await fsp.writeFile(at('sub'), 'x'); },
  async function callsTruncate() { await fsp.truncate(at('missing')); },
  async function callsHandleRead() { await withHandle('sub', 'r', (h) => h.read(Buffer.alloc(8), 0, 8, 0)); },
  async function callsHandleWrite() { await withHandle('file', 'r', (h) => h.write(Buffer.from('y'), 0, 1, 0)); },
  async function callsHandleReadFile() { await withHandle('sub', 'r', (h) => h.readFile()); },
];
(async () => {
  const out = {};
  for (const run of cases) {
    try { await run(); out[run.name] = 'resolved'; } catch (e) { out[run.name] = { code: e.code, named: e.stack.includes('at async ' + run.name + ' ') }; }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(out));
})();
`;

test('errors of ring-backed calls name the function that awaited them', () => {
  const out = lastJson<Record<string, { code: string; named: boolean }>>(runScript(PROGRAM));
  expect(out).toEqual({
    callsReadFileMissing: { code: 'ENOENT', named: true },
    callsReadFileDirectory: { code: 'EISDIR', named: true },
    callsReadFileText: { code: 'ENOENT', named: true },
    callsStat: { code: 'ENOENT', named: true },
    callsLstat: { code: 'ENOENT', named: true },
    callsOpen: { code: 'ENOENT', named: true },
    callsUnlink: { code: 'ENOENT', named: true },
    callsRename: { code: 'ENOENT', named: true },
    callsMkdir: { code: 'EEXIST', named: true },
    callsRmdir: { code: 'ENOENT', named: true },
    callsWriteFile: { code: 'EISDIR', named: true },
    callsTruncate: { code: 'ENOENT', named: true },
    callsHandleRead: { code: 'EISDIR', named: true },
    callsHandleWrite: { code: 'EBADF', named: true },
    callsHandleReadFile: { code: 'EISDIR', named: true },
  });
});
