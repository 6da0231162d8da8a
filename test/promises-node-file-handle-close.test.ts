// Behaviours of Node's test-fs-promises-file-handle-close (and FileHandle close semantics
// the other file-handle tests rely on): 'close' event, double close, use after close,
// close waiting for in-flight operations, asyncDispose, and closing on garbage collection.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable, targetPath } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();

suite('FileHandle.close', () => {
  test('emits "close" once; a second close resolves; fd becomes -1', async () => {
    writeFileSync(tmp('a.txt'), 'abc');
    const fh = await loadTarget().open(tmp('a.txt'), 'r');
    let closes = 0;
    (fh as unknown as NodeJS.EventEmitter).on('close', () => closes++);
    await expect(fh.close()).resolves.toBeUndefined();
    await expect(fh.close()).resolves.toBeUndefined();
    expect(closes).toBe(1);
    expect(fh.fd).toBe(-1);
  });

  // Node rejects with code EBADF, message 'file closed' and the syscall the call would make.
  const afterClose: [string, string, unknown[]][] = [
    ['read', 'read', [Buffer.alloc(1), 0, 1, 0]], ['write', 'write', [Buffer.from('a')]], ['stat', 'fstat', []],
    ['sync', 'fsync', []], ['datasync', 'fdatasync', []], ['truncate', 'ftruncate', [0]], ['readFile', 'readFile', []],
    ['writeFile', 'writeFile', ['a']], ['appendFile', 'writeFile', ['a']], ['readv', 'readv', [[Buffer.alloc(1)]]],
    ['writev', 'writev', [[Buffer.from('a')]]], ['chmod', 'fchmod', [0o600]],
  ];
  test.each(afterClose)('%s after close rejects EBADF "file closed", syscall %s', async (method, syscall, args) => {
    writeFileSync(tmp('b.txt'), 'abc');
    const fh = await loadTarget().open(tmp('b.txt'), 'r+');
    await fh.close();
    const call = (fh as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    const err = await call.apply(fh, args).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ name: 'Error', code: 'EBADF', syscall, message: 'file closed' });
    expect(readFileSync(tmp('b.txt'), 'utf8')).toBe('abc');
  });

  test('close with reads and writes in flight waits for them: they complete, then the handle closes', async () => {
    writeFileSync(tmp('c.txt'), 'x'.repeat(4096));
    const fh = await loadTarget().open(tmp('c.txt'), 'r+');
    const reads = [0, 1, 2, 3].map((i) => fh.read(Buffer.alloc(1024), 0, 1024, i * 1024));
    const write = fh.write(Buffer.from('tail'), 0, 4, 4096);
    const closed = fh.close();
    const results = await Promise.all(reads);
    expect(results.map((r) => r.bytesRead)).toEqual([1024, 1024, 1024, 1024]);
    expect((await write).bytesWritten).toBe(4);
    await closed;
    expect(fh.fd).toBe(-1);
    expect(readFileSync(tmp('c.txt'), 'utf8').endsWith('xtail')).toBe(true);
  });

  test('Symbol.asyncDispose closes the handle', async () => {
    writeFileSync(tmp('d.txt'), 'abc');
    const fh = await loadTarget().open(tmp('d.txt'), 'r');
    let closed = false;
    (fh as unknown as NodeJS.EventEmitter).on('close', () => { closed = true; });
    await (fh as unknown as { [Symbol.asyncDispose](): Promise<void> })[Symbol.asyncDispose]();
    expect(closed).toBe(true);
    expect(fh.fd).toBe(-1);
  });

  // (uring's FileHandle was not closed on garbage collection before 5e32ed1/8aed335.)
  test('a FileHandle left to the garbage collector is closed, with node\'s warning and DEP0137', () => {
    writeFileSync(tmp('gc.txt'), 'abc');
    const script = `
      const fs = require('node:fs');
      const fsp = require(${JSON.stringify(targetPath)});
      const warnings = [];
      process.on('warning', (w) => warnings.push({ name: w.name, code: w.code, message: w.message }));
      let fd = -1;
      let ino = -1;
      (async () => {
        await (async () => { const fh = await fsp.open(${JSON.stringify(tmp('gc.txt'))}, 'r'); fd = fh.fd; ino = fs.fstatSync(fd).ino; })();
        // Still open = the fd still refers to our file (the number itself may be reused).
        const isOpen = () => { try { return fs.fstatSync(fd).ino === ino; } catch (e) { return e.code !== 'EBADF'; } };
        let open = true;
        for (let i = 0; i < 50 && (open || warnings.length < 2); i++) {
          globalThis.gc();
          await new Promise((r) => setTimeout(r, 20));
          open = isOpen();
        }
        console.log(JSON.stringify({ fd, open, warnings }));
      })();`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { fd: number; open: boolean; warnings: { name: string; code?: string; message: string }[] };
    expect(out.open).toBe(false);
    expect(out.warnings).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Warning', message: `Closing file descriptor ${out.fd} on garbage collection` }),
      expect.objectContaining({ name: 'DeprecationWarning', code: 'DEP0137' }),
    ]));
  });
});
