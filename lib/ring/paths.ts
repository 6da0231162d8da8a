// Paths as the *at opcodes read them (UTF-8, NUL-terminated), validated as node:fs does, and
// copied at prep into Ring-owned memory that the op pins.
import { fileURLToPath } from 'node:url';
import { addressOf } from '../address';
import { invalidArgType, invalidArgValue } from '../errors';
import { AT_FDCWD } from '../linux';
import type { Binding } from '../native';
import { validateFd } from '../validate';
import { isDetached, isUint8Array, viewByteLength } from '../views';

// Paths are copied into chunks this large (bigger for a longer path), never reused: a chunk lives while an op pins it.
const PATH_CHUNK = 16384;

/** A string path as the *at opcodes read it: UTF-8, NUL-terminated; a NUL inside is node's error. */
function stringPath(path: string, name: string): Uint8Array {
  if (path.includes('\0')) throw invalidArgValue(name, path, 'must be a string, Uint8Array, or URL without null bytes');
  return Buffer.from(`${path}\0`);
}

/** A NUL-terminated path buffer from a string, a file: URL or a NUL-terminated buffer. @internal */
export function validatePath(value: unknown, name: string): Uint8Array {
  if (typeof value === 'string') return stringPath(value, name);
  if (value instanceof URL) return stringPath(fileURLToPath(value), name);
  if (!isUint8Array(value)) throw invalidArgType(name, 'of type string or an instance of Buffer, Uint8Array, or URL', value);
  if (isDetached(value)) throw invalidArgValue(name, value, 'must not be backed by a detached ArrayBuffer');
  const len = viewByteLength(value);
  if (len === 0 || value[len - 1] !== 0) {
    throw invalidArgValue(name, value, 'must be NUL-terminated');
  }
  return value;
}

/** An fd, or AT_FDCWD. @internal */
export function validateDirFd(value: unknown, name: string): number {
  if (value === AT_FDCWD) return value;
  return validateFd(value, name);
}

/**
 * Where paths are copied at prep: the caller keeps its own buffer and could clear the NUL
 * before submit (or from another thread, over a SharedArrayBuffer), and the kernel would read
 * past the view. An op that used copy() pins `chunk` as it was right after the call.
 * @internal
 */
export class PathArena {
  chunk: Uint8Array | null = null;
  #chunkAddr = 0;
  #used = 0;
  readonly #binding: Binding;

  constructor(binding: Binding) {
    this.#binding = binding;
  }

  /** Copies a validated path and returns the copy's address. */
  copy(path: Uint8Array): number {
    const len = path.length;
    let chunk = this.chunk;
    let at = this.#used;
    if (chunk === null || at + len > chunk.length) {
      chunk = new Uint8Array(Math.max(PATH_CHUNK, len));
      this.chunk = chunk;
      this.#chunkAddr = addressOf(this.#binding, chunk);
      at = 0;
    }
    chunk.set(path, at);
    chunk[at + len - 1] = 0; // set, not trusted: a shared buffer may have changed since validatePath
    this.#used = at + len;
    return this.#chunkAddr + at;
  }
}
