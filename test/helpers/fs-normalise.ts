// Turns fs results, errors and whole folders into plain JSON that two fs implementations
// working in twin folders must agree on (folder prefix, handles and inode/time fields removed).
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { types } from 'node:util';

export interface NormaliseContext {
  /** The side's temp folder, replaced by `<root>` everywhere. */
  root: string;
  /** Handle → id (its index in the side's handle table). */
  handleId(value: object): number | undefined;
  /** Buffer the call was given → its index among the call's buffers (results hand them back). */
  inputId?(value: object): number | undefined;
}

function bufferSummary(view: ArrayBufferView): unknown {
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  if (bytes.length <= 96) return { len: bytes.length, hex: bytes.toString('hex') };
  return { len: bytes.length, head: bytes.subarray(0, 48).toString('hex'), sha1: createHash('sha1').update(bytes).digest('hex') };
}

function isStats(value: object): value is import('node:fs').Stats {
  return typeof (value as { isFile?: unknown }).isFile === 'function' && 'nlink' in value && 'mode' in value;
}

function isDirent(value: object): value is import('node:fs').Dirent {
  return typeof (value as { isFile?: unknown }).isFile === 'function' && 'name' in value && !('mode' in value);
}

// Fields two twin files must share; inode, device, times and block counts may differ.
const STAT_FIELDS = ['mode', 'nlink', 'uid', 'gid', 'rdev', 'size', 'blksize'] as const;
const STAT_KINDS = ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isBlockDevice', 'isCharacterDevice'] as const;
const STAT_TYPES = ['dev', 'ino', 'blocks', 'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs', 'atimeNs', 'mtimeNs', 'ctimeNs', 'birthtimeNs'] as const;
const STAT_DATES = ['atime', 'mtime', 'ctime', 'birthtime'] as const;

function normaliseStats(s: import('node:fs').Stats): unknown {
  const out: Record<string, unknown> = { Stats: s.constructor?.name, keys: Object.keys(s).sort().join(',') };
  for (const f of STAT_FIELDS) out[f] = typeof s[f] === 'bigint' ? `${s[f]}n` : s[f];
  for (const k of STAT_KINDS) out[k] = s[k]();
  const rec = s as unknown as Record<string, unknown>;
  for (const f of STAT_TYPES) if (f in s) out[`typeof ${f}`] = typeof rec[f];
  for (const f of STAT_DATES) out[`${f} is Date`] = types.isDate(rec[f]) && !Number.isNaN((rec[f] as Date).getTime());
  return out;
}

// Realm-independent: jest runs tests in a vm context whose Error is not node core's.
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

function replaceRoot(text: string, root: string): string {
  return text.split(root).join('<root>');
}

export function normaliseValue(value: unknown, ctx: NormaliseContext, depth = 0): unknown {
  if (value === undefined) return '<undefined>';
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? '<NaN>' : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return replaceRoot(value, ctx.root);
  if (typeof value === 'function') return `<function ${value.name}>`;
  if (typeof value !== 'object' || depth > 4) return `<${typeof value}>`;
  const id = ctx.handleId(value);
  if (id !== undefined) return { FileHandle: id, fdIsNumber: typeof (value as { fd?: unknown }).fd === 'number' };
  const input = ctx.inputId?.(value);
  if (input !== undefined) return { sameBufferAsArgument: input };
  if (Buffer.isBuffer(value)) return { Buffer: bufferSummary(value) };
  if (ArrayBuffer.isView(value)) return { [value.constructor.name]: bufferSummary(value) };
  if (isError(value)) return normaliseError(value, ctx);
  if (isStats(value)) return normaliseStats(value);
  if (isDirent(value)) {
    const d = value;
    return { Dirent: d.name, file: d.isFile(), dir: d.isDirectory(), symlink: d.isSymbolicLink() };
  }
  if (value instanceof URL) return { URL: replaceRoot(value.href, ctx.root) };
  if (Array.isArray(value)) return value.map((v) => normaliseValue(v, ctx, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = normaliseValue((value as Record<string, unknown>)[key], ctx, depth + 1);
  return out;
}

// A Buffer path names a file under the side's root: compare its text, root replaced.
function normalisePath(p: unknown, ctx: NormaliseContext): unknown {
  if (Buffer.isBuffer(p)) return { BufferPath: replaceRoot(p.toString(), ctx.root) };
  return normaliseValue(p, ctx, 4);
}

export function normaliseError(err: unknown, ctx: NormaliseContext): unknown {
  if (!isError(err)) return { thrownNonError: normaliseValue(err, ctx) };
  const e = err as NodeJS.ErrnoException & { dest?: unknown; cause?: unknown; errors?: unknown[] };
  const out: Record<string, unknown> = {
    error: e.constructor?.name,
    name: e.name,
    code: e.code,
    errno: e.errno,
    syscall: e.syscall,
    message: replaceRoot(e.message, ctx.root),
    // What `{ ...err }`, JSON.stringify and util.inspect show: own enumerable keys, in order.
    keys: Object.keys(e).join(','),
  };
  if ('path' in e) out.path = normalisePath(e.path, ctx);
  if ('dest' in e) out.dest = normalisePath(e.dest, ctx);
  if (Array.isArray(e.errors)) out.errors = e.errors.map((x) => normaliseError(x, ctx));
  return out;
}

/** Every entry under root: type, permission bits, size, link count, contents hash, link target. */
export function snapshotTree(root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const relName = rel ? `${rel}/${name}` : name;
      const full = path.join(root, relName);
      const st = lstatSync(full);
      const entry: Record<string, unknown> = { mode: (st.mode & 0o7777).toString(8), nlink: st.nlink };
      if (st.isSymbolicLink()) entry.symlink = replaceRoot(readlinkSync(full), root);
      else if (st.isDirectory()) entry.dir = true;
      else {
        entry.size = st.size;
        entry.sha1 = createHash('sha1').update(readFileSync(full)).digest('hex');
      }
      out[relName] = entry;
      if (st.isDirectory()) walk(relName);
    }
  };
  walk('');
  return out;
}
