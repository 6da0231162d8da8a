// open(2) flags and modes as node:fs parses them; undefined means "not a shape we take":
// the caller delegates and node:fs/promises throws its own argument error.
import { constants } from 'node:fs';

const { O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_TRUNC, O_EXCL, O_APPEND, O_SYNC } = constants;
/** libuv opens every file close-on-exec. */
export const O_CLOEXEC = 0o2000000;

const table: Record<string, number> = {
  r: O_RDONLY,
  rs: O_RDONLY | O_SYNC,
  sr: O_RDONLY | O_SYNC,
  'r+': O_RDWR,
  'rs+': O_RDWR | O_SYNC,
  'sr+': O_RDWR | O_SYNC,
  w: O_TRUNC | O_CREAT | O_WRONLY,
  wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR,
  'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  a: O_APPEND | O_CREAT | O_WRONLY,
  ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  sa: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR,
  'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

export function openFlags(flags: unknown): number | undefined {
  if (flags == null) return O_RDONLY;
  if (typeof flags === 'number') return (flags | 0) === flags ? flags : undefined;
  if (typeof flags === 'string' && Object.hasOwn(table, flags)) return table[flags];
  return undefined;
}

/** parseFileMode(): undefined → default, uint32 or octal string; the kernel keeps the low 12 bits. */
export function fileMode(mode: unknown, def: number): number | undefined {
  if (mode == null) return def;
  let m = mode;
  if (typeof m === 'string') {
    if (!/^[0-7]+$/.test(m)) return undefined;
    m = parseInt(m, 8);
  }
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > 0xffffffff) return undefined;
  return m & 0o7777;
}
