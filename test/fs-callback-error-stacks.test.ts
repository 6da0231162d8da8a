// node:fs's callback errors are made in libuv's completion: their stack is the message line
// alone, no JavaScript frames (util.inspect shows `[Error: ENOENT: ...]`). uring/fs's system
// errors carried the engine's frames (and readFile's a process.processTicksAndRejections one).
// Run in a child: jest rewrites stacks.
import { lastJson, runScript } from './helpers/child';

const PROGRAM = (fsModule: string) => `
const nodeFs = require('node:fs'), os = require('node:os'), path = require('node:path');
const fs = require(${fsModule});
const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'uring-cb-stacks-'));
nodeFs.writeFileSync(path.join(dir, 'file'), 'x');
nodeFs.mkdirSync(path.join(dir, 'sub'));
const at = (n) => path.join(dir, n);
const ro = nodeFs.openSync(at('file'), 'r');
const cases = {
  open: (cb) => fs.open(at('missing'), 'r', cb),
  stat: (cb) => fs.stat(at('missing'), cb),
  lstat: (cb) => fs.lstat(at('missing'), { bigint: true }, cb),
  fstat: (cb) => fs.fstat(2 ** 30, cb),
  read: (cb) => fs.read(2 ** 30, Buffer.alloc(4), 0, 4, 0, cb),
  write: (cb) => fs.write(ro, Buffer.from('y'), 0, 1, 0, cb),
  writev: (cb) => fs.writev(ro, [Buffer.from('y')], 0, cb),
  close: (cb) => fs.close(2 ** 30, cb),
  fsync: (cb) => fs.fsync(2 ** 30, cb),
  ftruncate: (cb) => fs.ftruncate(ro, 1, cb),
  unlink: (cb) => fs.unlink(at('missing'), cb),
  rename: (cb) => fs.rename(at('missing'), at('other'), cb),
  mkdir: (cb) => fs.mkdir(at('sub'), cb),
  rmdir: (cb) => fs.rmdir(at('missing'), cb),
  link: (cb) => fs.link(at('missing'), at('l'), cb),
  symlink: (cb) => fs.symlink('x', at('file'), cb),
  readFile: (cb) => fs.readFile(at('missing'), cb),
  readFileDirectory: (cb) => fs.readFile(at('sub'), 'utf8', cb),
  writeFile: (cb) => fs.writeFile(at('sub'), 'x', cb),
  appendFile: (cb) => fs.appendFile(at('missing/x'), 'x', cb),
  truncate: (cb) => fs.truncate(at('missing'), cb),
};
(async () => {
  const out = {};
  for (const [name, run] of Object.entries(cases)) {
    const err = await new Promise((resolve) => run(resolve));
    out[name] = { code: err.code, stack: err.stack.split(dir).join('<dir>') };
  }
  nodeFs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(out));
})();
`;

test('system errors given to callbacks have node:fs\'s stacks (the message line alone)', () => {
  const expected = lastJson(runScript(PROGRAM("'node:fs'")));
  const actual = lastJson(runScript(PROGRAM("ROOT + '/dist/fs'")));
  expect(actual).toEqual(expected);
  for (const [name, e] of Object.entries(expected as Record<string, { stack: string }>)) expect([name, e.stack]).toEqual([name, expect.not.stringContaining('\n')]);
});
