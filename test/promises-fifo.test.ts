// Short reads and writes, as a FIFO gives them: readFile and FileHandle.read return what
// the writer sent, in order, however it was split; writeFile delivers every byte of 1 MiB
// (more than a pipe holds) to a slow reader.
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

/** Starts a child that writes `chunks` into the FIFO with pauses between them. */
function slowWriter(fifo: string, chunks: string[]): Promise<number | null> {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(${JSON.stringify(fifo)}, 'w');
    const chunks = ${JSON.stringify(chunks)};
    let i = 0;
    const next = () => { if (i === chunks.length) { fs.closeSync(fd); return; } fs.writeSync(fd, chunks[i++]); setTimeout(next, 30); };
    next();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 20000 });
  return new Promise((resolve) => child.on('exit', resolve));
}

/** Starts a child that reads the FIFO to EOF slowly and reports the length and sha1. */
function slowReader(fifo: string): Promise<{ length: number; sha1: string }> {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(${JSON.stringify(fifo)}, 'r');
    const hash = require('node:crypto').createHash('sha1');
    const buf = Buffer.alloc(8192);
    let length = 0;
    const next = () => {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) { console.log(JSON.stringify({ length, sha1: hash.digest('hex') })); return; }
      length += n; hash.update(buf.subarray(0, n));
      setTimeout(next, 1);
    };
    next();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], timeout: 20000 });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => child.on('exit', () => { try { resolve(JSON.parse(out)); } catch (e) { reject(e); } }));
}

function fifo(name: string): string {
  const p = tmp(name);
  execFileSync('mkfifo', [p]);
  return p;
}

suite('FIFOs: short reads and writes', () => {
  test('readFile of a FIFO returns everything the writer sent, in order', async () => {
    const p = fifo('read.fifo');
    const chunks = ['first ', 'second ', 'x'.repeat(70000), ' last'];
    const [text, code] = await Promise.all([loadTarget().readFile(p, 'utf8'), slowWriter(p, chunks)]);
    expect(code).toBe(0);
    expect(text).toBe(chunks.join(''));
  });

  // The writer is this process (its writes come before each read), so the split is the test's, not the scheduler's.
  test('FileHandle.read on a FIFO returns short reads, then 0 at EOF', async () => {
    const p = fifo('short.fifo');
    // O_RDWR opens a FIFO without waiting for the other end (a blocking 'w' open here would
    // stall this thread before the reader's open is ever submitted); it is also the writer.
    const w = openSync(p, constants.O_RDWR);
    const fh = await loadTarget().open(p, 'r');
    const read = async () => {
      const { bytesRead, buffer } = await fh.read(Buffer.alloc(100), 0, 100, null);
      return buffer.subarray(0, bytesRead).toString();
    };
    try {
      writeSync(w, 'abc');
      expect(await read()).toBe('abc');
      writeSync(w, 'defgh');
      expect(await read()).toBe('defgh');
      closeSync(w);
      expect(await read()).toBe('');
    } finally {
      await fh.close();
    }
  });

  test('writeFile of 1 MiB into a FIFO with a slow reader delivers every byte', async () => {
    const p = fifo('write.fifo');
    const data = randomBytes(1 << 20);
    const [, seen] = await Promise.all([loadTarget().writeFile(p, data), slowReader(p)]);
    expect(seen).toEqual({ length: data.length, sha1: createHash('sha1').update(data).digest('hex') });
  });
});
