// Path arguments: the shapes we take on the fast path, and the NUL-terminated bytes the *at
// opcodes read. Relative paths stay relative: with AT_FDCWD the kernel resolves them against
// the working directory when it runs the operation, as node:fs lets it (process.cwd()'s cached
// name goes stale when the directory is renamed, and joined to it a path can pass PATH_MAX).
import { fileURLToPath } from 'node:url';

const cache = new Map<string, Buffer>();
const CACHE_MAX = 512;

/**
 * The path as Node would use it (URL resolved), or undefined when it is not a plain string,
 * Uint8Array or file URL without NUL bytes: the caller then delegates to node:fs/promises,
 * which throws Node's own argument error for it.
 */
export function plainPath(p: unknown): string | Uint8Array | undefined {
  if (typeof p === 'string') return p.includes('\u0000') ? undefined : p;
  if (p instanceof Uint8Array) return p.includes(0) ? undefined : p;
  if (p instanceof URL) {
    if (p.protocol !== 'file:') return undefined;
    try {
      const s = fileURLToPath(p);
      return s.includes('\u0000') ? undefined : s;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** How the path appears in error messages and `err.path`. */
export function shownPath(p: string | Uint8Array): string {
  return typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString();
}

/** NUL-terminated bytes of the path. Never handed to the user. */
export function pathBytes(p: string | Uint8Array): Buffer {
  if (typeof p === 'string') {
    let b = cache.get(p);
    if (b === undefined) {
      if (cache.size >= CACHE_MAX) cache.clear();
      b = terminated(p);
      cache.set(p, b);
    }
    return b;
  }
  const out = Buffer.allocUnsafe(p.byteLength + 1);
  out.set(p);
  out[p.byteLength] = 0;
  return out;
}

function terminated(s: string): Buffer {
  const len = Buffer.byteLength(s);
  const b = Buffer.allocUnsafe(len + 1);
  b.write(s, 0, len, 'utf8');
  b[len] = 0;
  return b;
}

/** Room for a path in a scratch buffer: PATH_MAX, with the NUL. */
export const PATH_ROOM = 4096;

/** Writes the path and a NUL at the start of `out`; its length, or -1 when it does not fit. */
export function writePath(out: Buffer, path: string | Uint8Array): number {
  const room = PATH_ROOM - 1;
  let n: number;
  if (typeof path === 'string') {
    n = out.write(path, 0, room, 'utf8');
    if (n > room - 4 && Buffer.byteLength(path) !== n) return -1; // did not fit (write stops before a character that does not)
  } else {
    n = path.byteLength;
    if (n > room) return -1;
    out.set(path);
  }
  out[n] = 0;
  return n;
}
