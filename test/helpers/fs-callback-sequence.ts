// One sequence of callback calls (every call uring/fs routes through the ring, results and
// errors), run against a given fs module in a given folder; the records compare across modules.
import type fs from 'node:fs';
import { types } from 'node:util';

type Fs = typeof fs;
type Rec = [string, boolean, unknown[]];

/** Error fields, Stats as their numbers, buffers as hex, the folder as D. */
function norm(v: unknown, dir: string): unknown {
  if (types.isNativeError(v)) {
    const e = v as NodeJS.ErrnoException & { dest?: string };
    const strip = (s: string | undefined) => s?.split(dir).join('D');
    return { name: e.name, ctor: e.constructor.name, code: e.code, errno: e.errno, syscall: e.syscall, path: strip(e.path), dest: strip(e.dest), message: strip(e.message) };
  }
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (v !== null && typeof v === 'object' && typeof (v as { isFile?: unknown }).isFile === 'function') {
    const s = v as Record<string, unknown>;
    return { ctor: v.constructor.name, size: s.size, mode: s.mode, nlink: s.nlink, isFile: (s.isFile as () => boolean)() };
  }
  return v === undefined || v === null || typeof v !== 'object' ? v : { ctor: v.constructor?.name, keys: Object.keys(v) };
}

export async function runSequence(f: Fs, dir: string): Promise<Rec[]> {
  const out: Rec[] = [];
  const fds: number[] = [];
  const c = (name: keyof Fs, ...args: unknown[]) => new Promise<unknown[]>((resolve) => {
    let returned = false;
    (f[name] as (...a: unknown[]) => void)(...args, (...res: unknown[]) => {
      // fds differ between the two runs (the ring has one): recorded as their order of opening
      const shown = name === 'open' && typeof res[1] === 'number' ? [res[0], `fd#${fds.push(res[1] as number)}`] : res;
      out.push([String(name), returned, shown.map((v) => norm(v, dir))]);
      resolve(res);
    });
    returned = true;
  });
  const [, fd] = (await c('open', `${dir}/a`, 'w+')) as [unknown, number];
  await c('write', fd, Buffer.from('hello world'), 0, 11, 0);
  await c('write', fd, Buffer.from('0123456789'), 2, 3, 20);
  await c('write', fd, Buffer.from('opts'), { position: 30 });
  await c('write', fd, 'xyz', 40);
  await c('write', fd, '616263', 44, 'hex');
  await c('write', fd, 'tail');
  await c('read', fd, Buffer.alloc(8), 0, 8, 2);
  await c('read', fd, Buffer.alloc(8), 2, 4, 20);
  await c('read', fd, Buffer.alloc(8), 0, 8, -1);
  await c('read', fd, Buffer.alloc(8), 0, 8, null);
  await c('read', fd, Buffer.alloc(8), 0, 8, 1000);
  await c('read', fd, { buffer: Buffer.alloc(4), position: 1 });
  await c('read', fd, Buffer.alloc(4), { position: 3, length: 2 });
  await c('read', fd, Buffer.alloc(6));
  await c('writev', fd, [Buffer.from('vec'), new Uint8Array([65, 66]), Buffer.from('tor')], 50);
  await c('writev', fd, [Buffer.from('at-current')]);
  await c('writev', fd, [Buffer.from('cb')], null);
  await c('writev', fd, []);
  await c('readv', fd, [Buffer.alloc(3), Buffer.alloc(5)], 48);
  await c('readv', fd, [Buffer.alloc(4)], 0);
  await c('readv', fd, [Buffer.alloc(4)]);
  await c('readv', fd, [Buffer.alloc(4), Buffer.alloc(4)], 1000);
  await c('fstat', fd);
  await c('fstat', fd, { bigint: true });
  await c('fsync', fd);
  await c('fdatasync', fd);
  await c('close', fd);
  for (const name of ['close', 'fsync', 'fdatasync', 'fstat'] as const) await c(name, fd);
  await c('read', fd, Buffer.alloc(4), 0, 4, 0);
  await c('write', fd, Buffer.alloc(4), 0, 4, 0);
  const [, tr] = (await c('open', `${dir}/t`, 'w+')) as [unknown, number];
  await c('write', tr, 'truncate me', 0);
  await c('ftruncate', tr, 4);
  await c('ftruncate', tr);
  await c('ftruncate', tr, -5);
  await c('ftruncate', tr, 100);
  await c('fstat', tr);
  await c('close', tr);
  await c('ftruncate', tr, 1);
  await c('link', `${dir}/t`, `${dir}/t2`);
  await c('link', `${dir}/t`, `${dir}/t2`);
  await c('link', `${dir}/none`, `${dir}/t3`);
  await c('symlink', 't', `${dir}/s`);
  await c('symlink', '../dangling/x', `${dir}/s2`, 'file');
  await c('symlink', 't', `${dir}/s`, null);
  await c('lstat', `${dir}/s2`);
  await c('stat', `${dir}/s`);
  await c('writeFile', `${dir}/w`, 'written whole');
  await c('writeFile', `${dir}/w2`, Buffer.alloc(200000, 'xy'), { mode: 0o600 });
  await c('writeFile', `${dir}/w3`, '68656c6c6f', 'hex');
  await c('writeFile', `${dir}/w3`, 'not', { flag: 'wx' });
  await c('writeFile', `${dir}/w`, 'ro', { flag: 'r' });
  await c('writeFile', dir, 'dir');
  await c('writeFile', `${dir}/none/x`, new Uint16Array([1, 2]));
  await c('appendFile', `${dir}/w`, ' and appended', { encoding: 'latin1' });
  await c('appendFile', `${dir}/w4`, 'created', { flag: '' });
  await c('appendFile', `${dir}/none/x`, 'x');
  await c('truncate', `${dir}/w`, 7);
  await c('truncate', `${dir}/w2`);
  await c('truncate', `${dir}/w3`, -3);
  await c('truncate', `${dir}/none`, 1);
  await c('truncate', dir, 1);
  await c('readFile', `${dir}/w`, 'utf8');
  await c('readFile', `${dir}/a`);
  await c('readFile', `${dir}/a`, 'utf8');
  await c('readFile', new URL(`file://${dir}/a`), { encoding: 'hex', flag: 'r' });
  await c('readFile', `${dir}/nope`);
  await c('readFile', dir);
  await c('readFile', '/proc/version', 'latin1');
  const [, big] = (await c('open', `${dir}/big`, 'w')) as [unknown, number];
  await c('write', big, Buffer.alloc(300000, 'ab'), 0, 300000, 0);
  await c('close', big);
  await c('readFile', `${dir}/big`, 'utf8');
  await c('unlink', `${dir}/big`);
  const [, ro] = (await c('open', `${dir}/a`)) as [unknown, number];
  await c('write', ro, 'no', 0);
  await c('writev', ro, [Buffer.from('no')], 0);
  await c('readv', 999, [Buffer.alloc(2)], 0);
  await c('read', ro, new Uint16Array(4), 0, 8, 0);
  await c('close', ro);
  await c('open', `${dir}/nope`);
  await c('open', `${dir}/a`, 'wx');
  await c('open', `${dir}/a/b`, 'r');
  await c('stat', `${dir}/a`);
  await c('stat', Buffer.from(`${dir}/a`), { bigint: true });
  await c('lstat', new URL(`file://${dir}/a`));
  await c('lstat', `${dir}/nope`);
  await c('stat', `${dir}/a/b`);
  await c('mkdir', `${dir}/d`);
  await c('mkdir', `${dir}/d`);
  await c('mkdir', `${dir}/e`, 0o700);
  await c('mkdir', `${dir}/f`, { mode: 0o750 });
  await c('mkdir', `${dir}/g/h`, { recursive: false });
  await c('stat', `${dir}/e`);
  await c('rename', `${dir}/a`, `${dir}/d/b`);
  await c('rename', `${dir}/zz`, `${dir}/d/c`);
  await c('rmdir', `${dir}/d`);
  await c('rmdir', `${dir}/d/b`);
  await c('unlink', `${dir}/d`);
  await c('unlink', `${dir}/d/b`);
  await c('unlink', `${dir}/d/b`);
  await c('rmdir', `${dir}/d`);
  await c('rmdir', `${dir}/d`);
  for (const p of [dir, `${dir}/q`, `${dir}/e`]) {
    await new Promise<void>((resolve) => {
      f.exists(p, (e) => {
        out.push(['exists', true, [e]]);
        resolve();
      });
    });
  }
  return out;
}
