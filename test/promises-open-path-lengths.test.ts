// open(path) writes its path into a reused 4 KiB scratch buffer and takes another road for a
// path that does not fit: around that boundary (and with multi-byte characters across it) the
// handle or the error is node:fs's, and scratch buffers reused by later calls hold no stale bytes.
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir();

/** A path to `file` padded with `./` (and a `é` when `multibyte`) to about `bytes` bytes. */
function padded(file: string, bytes: number, multibyte: boolean): string {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const head = multibyte ? `${dir}/é/..` : dir;
  const pad = Math.max(0, bytes - Buffer.byteLength(`${head}/${name}`));
  return `${head}/${'./'.repeat(pad >> 1)}${pad & 1 ? '/' : ''}${name}`;
}

async function outcome(api: typeof nodeFsp, p: string): Promise<string> {
  try {
    const fh = await api.open(p, 'r');
    const text = (await fh.readFile()).toString();
    await fh.close();
    return `ok ${text}`;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `${e.code} ${e.syscall} ${e.message} ${e.path === p}`;
  }
}

test('paths of 4,090-4,100 and 5,000 bytes, ASCII and multi-byte: node:fs results', async () => {
  const file = tmp('target.txt');
  fs.writeFileSync(file, 'hello');
  fs.mkdirSync(tmp('é'));
  for (const multibyte of [false, true]) {
    for (const bytes of [4090, 4093, 4094, 4095, 4096, 4097, 4100, 5000]) {
      const p = padded(file, bytes, multibyte);
      const got = await outcome(fsp as unknown as typeof nodeFsp, p);
      expect({ bytes, multibyte, got }).toEqual({ bytes, multibyte, got: await outcome(nodeFsp, p) });
    }
  }
  // a short path after the long ones: its scratch carries nothing of theirs
  expect(await outcome(fsp as unknown as typeof nodeFsp, file)).toBe('ok hello');
  expect(await outcome(fsp as unknown as typeof nodeFsp, `${file}x`)).toBe(await outcome(nodeFsp, `${file}x`));
});
