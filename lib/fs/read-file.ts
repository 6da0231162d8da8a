// uring/fs's readFile by path: uring/promises' readFile (open, reads and close on the shared
// ring, one job), its promise handed to the callback. The one routed call that allocates a
// promise: the job machinery settles through one; the callback still runs outside it.
import { fs } from '../node-fs';
import { plainPath } from '../promises/paths';
import { sharedRing } from '../promises/ring-loop';
import { frameless } from './ring-calls';

type Callback = (err: unknown, data?: unknown) => void;

// Loaded at the first call and kept: node resolves a require() afresh each time from a module
// that did not load the target first (a package.json read and path walk per readFile).
let promises: typeof import('../promises') | undefined;

/** options we take: none, an encoding, or { encoding } with flag 'r' at most (no signal). */
function plainOptions(options: unknown): boolean {
  if (options == null) return options === undefined;
  if (typeof options === 'string') return Buffer.isEncoding(options);
  if (typeof options !== 'object') return false;
  const o = options as { encoding?: unknown; flag?: unknown; signal?: unknown };
  const keys = Object.keys(o);
  for (const key of keys) if (key !== 'encoding' && key !== 'flag') return false;
  return (o.encoding == null || (typeof o.encoding === 'string' && Buffer.isEncoding(o.encoding))) && (o.flag === undefined || o.flag === 'r');
}

export function readFile(path: unknown, options: unknown, callback: unknown): unknown {
  let cb = callback;
  let opts = options;
  if (typeof options === 'function' && arguments.length === 2) {
    cb = options;
    opts = undefined;
  }
  if (typeof cb !== 'function' || plainPath(path) === undefined || !plainOptions(opts) || sharedRing() === null) {
    return Reflect.apply(fs.readFile, fs, arguments);
  }
  const done = cb as Callback;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  promises ??= require('../promises') as typeof import('../promises');
  promises.readFile(path as string, opts as undefined).then(
    (data) => process.nextTick(done, null, data),
    (err: unknown) => process.nextTick(done, frameless(err)),
  );
  return undefined;
}
