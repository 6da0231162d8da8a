// A `signal` that node:fs/promises accepts without being a plain AbortSignal (a Proxy around
// one, an object with `aborted`) gives node's result: node only reads `aborted` (and `reason`).
import fs from 'node:fs';
import nodeFsp from 'node:fs/promises';
import path from 'node:path';
import * as fsp from '../lib/promises';
import { outcome, twinDirs } from './helpers/compare';

let dirs: ReturnType<typeof twinDirs>;
beforeEach(() => {
  dirs = twinDirs();
  for (const dir of [dirs.a, dirs.b]) fs.writeFileSync(path.join(dir, 'f'), 'data');
});
afterEach(() => dirs.cleanup());

type Api = typeof nodeFsp | typeof fsp;

/** Methods called with the proxy as `this`, as a wrapper that logs or counts would do. */
function forwarding(signal: AbortSignal): AbortSignal {
  return new Proxy(signal, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(receiver, args) : value;
    },
  });
}

const SIGNALS: Array<[string, () => unknown]> = [
  ['a Proxy of a live signal', () => new Proxy(new AbortController().signal, {})],
  ['a forwarding Proxy of a live signal', () => forwarding(new AbortController().signal)],
  ['a Proxy of an aborted signal', () => new Proxy(AbortSignal.abort(), {})],
  ['a forwarding Proxy of an aborted signal', () => forwarding(AbortSignal.abort())],
  ['{ aborted: false }', () => ({ aborted: false })],
  ['{ aborted: true, reason }', () => ({ aborted: true, reason: 'why' })],
];

const CALLS: Array<[string, (api: Api, dir: string, signal: unknown) => Promise<unknown>]> = [
  ['readFile', (api, dir, signal) => api.readFile(path.join(dir, 'f'), { signal } as never)],
  ['writeFile', (api, dir, signal) => api.writeFile(path.join(dir, 'w'), 'x', { signal } as never)],
  ['appendFile', (api, dir, signal) => api.appendFile(path.join(dir, 'f'), 'x', { signal } as never)],
  ['handle.readFile', async (api, dir, signal) => {
    const h = await api.open(path.join(dir, 'f'), 'r');
    try {
      return await h.readFile({ signal } as never);
    } finally {
      await h.close();
    }
  }],
  ['handle.writeFile', async (api, dir, signal) => {
    const h = await api.open(path.join(dir, 'f'), 'r+');
    try {
      return await h.writeFile('x', { signal } as never);
    } finally {
      await h.close();
    }
  }],
];

describe.each(SIGNALS)('signal: %s', (_label, make) => {
  test.each(CALLS)('%s gives node:fs/promises\' result', async (_name, call) => {
    const n = await outcome(() => call(nodeFsp, dirs.a, make()), dirs.a);
    const u = await outcome(() => call(fsp, dirs.b, make()), dirs.b);
    expect(u).toEqual(n);
    expect(fs.readdirSync(dirs.b).sort()).toEqual(fs.readdirSync(dirs.a).sort());
  });
});
