// Path arguments: the shapes we take on the fast path, and the absolute NUL-terminated bytes
// the *at opcodes read (relative paths are joined to process.cwd() at call time, without
// normalising, so that 'missing/../x' and 'file/' fail exactly as the kernel makes them fail).
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

function relative(p: string | Uint8Array): boolean {
  return typeof p === 'string' ? p.length > 0 && p.charCodeAt(0) !== 47 : p.byteLength > 0 && p[0] !== 47;
}

/**
 * process.cwd() when it names the working directory byte for byte; null when it cannot (the
 * directory was removed: it throws; a name that is not UTF-8: U+FFFD in place of its bytes).
 * The path then stays relative, for the kernel to resolve as node:fs lets it.
 */
function cwdOrNull(): string | null {
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return null;
  }
  return cwd.includes('\ufffd') ? null : cwd;
}

/** Absolute (when non-empty and the working directory has a name), NUL-terminated bytes of the path. Never handed to the user. */
export function pathBytes(p: string | Uint8Array): Buffer {
  if (typeof p === 'string') {
    if (!relative(p)) {
      let b = cache.get(p);
      if (b === undefined) {
        if (cache.size >= CACHE_MAX) cache.clear();
        b = terminated(p);
        cache.set(p, b);
      }
      return b;
    }
    const cwd = cwdOrNull();
    return terminated(cwd === null ? p : cwd === '/' ? `/${p}` : `${cwd}/${p}`);
  }
  const cwdName = relative(p) ? cwdOrNull() : null;
  if (cwdName === null) {
    const out = Buffer.allocUnsafe(p.byteLength + 1);
    out.set(p);
    out[p.byteLength] = 0;
    return out;
  }
  const cwd = Buffer.from(cwdName);
  const sep = cwd.byteLength === 1 ? 0 : 1;
  const out = Buffer.allocUnsafe(cwd.byteLength + sep + p.byteLength + 1);
  out.set(cwd);
  if (sep) out[cwd.byteLength] = 47;
  out.set(p, cwd.byteLength + sep);
  out[out.byteLength - 1] = 0;
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

/** Writes the absolute path and a NUL at the start of `out`; its length, or -1 when it does not fit. */
export function writePath(out: Buffer, path: string | Uint8Array): number {
  const room = PATH_ROOM - 1;
  let at = 0;
  const cwd = relative(path) ? cwdOrNull() : null;
  if (cwd !== null) {
    // Joined to the working directory now, without normalising (as pathBytes does).
    at = out.write(cwd, 0, room, 'utf8');
    if (at > room - 4 && Buffer.byteLength(cwd) !== at) return -1; // did not fit (write stops before a character that does not)
    if (at !== 1) {
      if (at >= room) return -1;
      out[at++] = 47;
    }
  }
  let n: number;
  if (typeof path === 'string') {
    n = out.write(path, at, room - at, 'utf8');
    if (n > room - at - 4 && Buffer.byteLength(path) !== n) return -1;
  } else {
    n = path.byteLength;
    if (n > room - at) return -1;
    out.set(path, at);
  }
  out[at + n] = 0;
  return at + n;
}
