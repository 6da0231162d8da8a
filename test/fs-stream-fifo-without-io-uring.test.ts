// uring/fs's streams on a FIFO when io_uring is blocked (seccomp): node's streams read and
// write a pipe at its current position; uring/fs gave them start 0 (so that chunks go through
// the ring, which ignores offsets on pipes), and without a ring node's pread/pwrite at offset 0
// failed ESPIPE. Without the ring the streams must be node's as they are.
import { execFile, execFileSync } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { noIoUring } from './helpers/no-io-uring';
import { repoRoot } from './helpers/promises-target';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-fs-fifo-');
const distFs = path.join(repoRoot, 'dist', 'fs');

/** Runs `script` under the seccomp helper (io_uring blocked); resolves with its stdout. */
function blocked(script: string): Promise<string> {
  const [cmd, ...args] = [...noIoUring(), process.execPath, '-e', script, distFs];
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8', timeout: 60000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

test('createWriteStream writes a FIFO as node:fs does', async () => {
  const fifo = tmp('w.fifo');
  execFileSync('mkfifo', [fifo]);
  // The reader's open waits for the writer's, and its read for the writer's close.
  const read = fsp.readFile(fifo, 'utf8');
  const out = await blocked(`
    const fs = require(process.argv[1]);
    const ws = fs.createWriteStream(${JSON.stringify(fifo)});
    ws.on('error', (e) => console.log('error', e.code));
    ws.write('hello ');
    ws.end('world', () => console.log('ended', fs.promises.backend));`);
  expect(out.trim()).toBe('ended fs');
  expect(await read).toBe('hello world');
}, 60000);

test('createReadStream reads a FIFO as node:fs does', async () => {
  const fifo = tmp('r.fifo');
  execFileSync('mkfifo', [fifo]);
  const written = fsp.writeFile(fifo, 'from the pipe');
  const out = await blocked(`
    const fs = require(process.argv[1]);
    let data = '';
    fs.createReadStream(${JSON.stringify(fifo)}, 'utf8')
      .on('data', (d) => (data += d))
      .on('error', (e) => console.log('error', e.code))
      .on('end', () => console.log(JSON.stringify(data), fs.promises.backend));`);
  await written;
  expect(out.trim()).toBe('"from the pipe" fs');
}, 60000);
