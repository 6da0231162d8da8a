// Relative paths name what the kernel finds from the working directory (AT_FDCWD), as in
// node:fs, not what process.cwd()'s cached string names: that string goes stale when the
// directory is renamed, and joined to it a short relative path in a deep directory overflowed
// PATH_MAX. In a child process, since these chdir.
import { lastJson, runScript } from './helpers/child';
import { targetAvailable } from './helpers/promises-target';

const run = targetAvailable() ? test : test.skip;

// `cases` runs each call on node:fs/promises and uring/promises; the child prints both outcomes.
const PRELUDE = `
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const fsp = require(ROOT + '/dist/promises');
const nfsp = require('fs/promises');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-cwd-'));
process.on('exit', () => cp.execFileSync('rm', ['-rf', base])); // rm -rf walks trees deeper than PATH_MAX
let rel = ''; // the relative paths below start with it
const outcome = (p) => p.then((v) => ({ ok: v }), (e) => ({ err: e.code, syscall: e.syscall, path: e.path }));
const calls = {
  readFile: (api) => api.readFile(rel + 'f', 'utf8'),
  readFileBuffer: (api) => api.readFile(Buffer.from(rel + 'f'), 'utf8'),
  stat: (api) => api.stat(rel + 'f').then((s) => s.size),
  lstat: (api) => api.lstat(rel + 'f').then((s) => s.size),
  open: (api) => api.open(rel + 'f').then(async (h) => { const { bytesRead, buffer } = await h.read(Buffer.alloc(64), 0, 64, 0); await h.close(); return buffer.toString('utf8', 0, bytesRead); }),
  mkdirRmdir: (api) => api.mkdir(rel + 'd').then(() => api.rmdir(rel + 'd')).then(() => 'done'),
  writeFileUnlink: (api) => api.writeFile(rel + 'w', 'x').then(() => api.unlink(rel + 'w')).then(() => 'done'),
  renameBack: (api) => api.rename(rel + 'f', rel + 'g').then(() => api.rename(rel + 'g', rel + 'f')).then(() => 'done'),
  missing: (api) => api.readFile(rel + 'nothing/f'),
};
async function cases() {
  const out = {};
  for (const [name, call] of Object.entries(calls)) {
    out[name] = { node: await outcome(call(nfsp)), uring: await outcome(call(fsp)) };
  }
  return out;
}
`;

function expectLikeNode(report: Record<string, { node: unknown; uring: unknown }>, data: string): void {
  expect(report.readFile.node).toEqual({ ok: data }); // the setup did what the test means
  for (const [name, { node, uring }] of Object.entries(report)) expect({ name, uring }).toEqual({ name, uring: node });
}

run('a working directory renamed after chdir: relative paths name files in it, not under its old name', () => {
  const r = runScript(`${PRELUDE}
    fs.mkdirSync(path.join(base, 'a'));
    fs.writeFileSync(path.join(base, 'a', 'f'), 'in the working directory');
    process.chdir(path.join(base, 'a'));
    process.cwd(); // node caches the name
    fs.renameSync(path.join(base, 'a'), path.join(base, 'b'));
    fs.mkdirSync(path.join(base, 'a')); // the old name now names another directory
    fs.writeFileSync(path.join(base, 'a', 'f'), 'elsewhere');
    cases().then((report) => console.log(JSON.stringify({ backend: fsp.backend, report })));
  `);
  const { backend, report } = lastJson<{ backend: string; report: Record<string, { node: unknown; uring: unknown }> }>(r);
  expect(backend).toBe('io_uring');
  expectLikeNode(report, 'in the working directory');
});

run('a working directory of 4000 bytes: a relative path that makes it longer than PATH_MAX works as in node:fs', () => {
  const r = runScript(`${PRELUDE}
    process.chdir(base);
    const step = 'x'.repeat(200);
    while (process.cwd().length < 4000) { fs.mkdirSync(step); process.chdir(step); }
    rel = 'z'.repeat(150) + '/';
    fs.mkdirSync(rel);
    fs.writeFileSync(rel + 'f', 'deep');
    cases().then((report) => console.log(JSON.stringify({ cwd: process.cwd().length, report })));
  `);
  const { cwd, report } = lastJson<{ cwd: number; report: Record<string, { node: unknown; uring: unknown }> }>(r);
  expect(cwd).toBeGreaterThan(4000);
  expectLikeNode(report, 'deep');
});

run('a working directory deeper than PATH_MAX (reached by relative chdir steps): short relative paths work as in node:fs', () => {
  const r = runScript(`${PRELUDE}
    process.chdir(base);
    const step = 'y'.repeat(250);
    for (let i = 0; i < 24; i++) { fs.mkdirSync(step); process.chdir(step); }
    fs.writeFileSync('f', 'deeper');
    let cwd;
    try { cwd = process.cwd().length; } catch (e) { cwd = e.code; }
    cases().then((report) => console.log(JSON.stringify({ cwd, report })));
  `);
  const { report } = lastJson<{ cwd: unknown; report: Record<string, { node: unknown; uring: unknown }> }>(r);
  expectLikeNode(report, 'deeper');
});
