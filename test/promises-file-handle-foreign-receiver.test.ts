// FileHandle methods called on something that is not a FileHandle (`handle.stat.call({})`):
// the promise methods reject as node's do, the others throw as node's do; the method set and
// the own properties of a handle are node's.
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeAll(() => {
  dirs = twinDirs();
});
afterAll(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;
// Node's internals (transfer, kRef) are not part of the surface.
const PUBLIC = (k: string | symbol) => typeof k === 'string' || k === Symbol.asyncDispose;

async function surface(api: Api, dir: string): Promise<{ own: string[]; proto: string[] }> {
  const h = await api.open(path.join(dir, 'f'), 'w');
  try {
    const proto = Reflect.ownKeys(Object.getPrototypeOf(h)).filter(PUBLIC).map(String).sort();
    return { own: Object.getOwnPropertyNames(h).sort(), proto };
  } finally {
    await h.close();
  }
}

/** How calling `method` with `self` as `this` ends: sync throw, or the returned promise's outcome. */
async function callOn(api: Api, dir: string, method: string | symbol, self: unknown): Promise<string> {
  const h = await api.open(path.join(dir, 'f'), 'w');
  const proto = Object.getPrototypeOf(h);
  await h.close();
  const d = Object.getOwnPropertyDescriptor(proto, method)!;
  const describe = (e: { constructor?: { name?: string }; code?: string }) => `${e?.constructor?.name} ${e?.code}`;
  let r: unknown;
  try {
    r = d.get ? d.get.call(self) : d.value.call(self, Buffer.alloc(1));
  } catch (e) {
    return `throws ${describe(e as never)}`;
  }
  // Node's promises come from another realm than jest's: no instanceof.
  if (typeof (r as Promise<unknown> | undefined)?.then !== 'function') return `returns ${String(r)}`;
  return (r as Promise<unknown>).then((v) => `resolves ${String(v)}`, (e) => `rejects ${describe(e)}`);
}

test('the same method names on the prototype and own properties on a handle', async () => {
  expect(await surface(fsp, dirs.b)).toEqual(await surface(nodeFsp, dirs.a));
});

const METHODS: Array<string | symbol> = [
  'fd', 'read', 'write', 'readv', 'writev', 'stat', 'truncate', 'sync', 'datasync', 'readFile', 'writeFile',
  'appendFile', 'chmod', 'chown', 'utimes', 'createReadStream', 'createWriteStream', 'readableWebStream',
  'readLines', 'getAsyncId', Symbol.asyncDispose,
];

test.each(METHODS)('FileHandle.prototype[%p] on a plain object or undefined behaves as node', async (method) => {
  for (const self of [{}, undefined]) {
    const n = await callOn(nodeFsp, dirs.a, method, self);
    const u = await callOn(fsp, dirs.b, method, self);
    expect([String(method), self, u]).toEqual([String(method), self, n]);
  }
});

test('close.call({}) resolves as node', async () => {
  const h = await fsp.open(path.join(dirs.b, 'g'), 'w');
  const n = await nodeFsp.open(path.join(dirs.a, 'g'), 'w');
  try {
    await expect(h.close.call({})).resolves.toBeUndefined();
    await expect(n.close.call({})).resolves.toBeUndefined();
  } finally {
    await h.close();
    await n.close();
  }
});
