// Argument checks shared by the Ring and the drop-in API; each throws Node's ERR_* errors.
import { invalidArgType, invalidArgValue, outOfRange } from './errors';
import { IOV_MAX, SUPPORTED_SQE_FLAGS } from './constants';
import { isDetached } from './views';

const INT32_MAX = 2 ** 31 - 1;
const U32_MAX = 2 ** 32 - 1;

export function validateInteger(value: unknown, name: string, min: number, max: number): number {
  // One test for the valid case keeps this small enough to inline into every hot caller.
  if (typeof value === 'number' && value >= min && value <= max && Number.isInteger(value)) return value;
  throw integerError(value, name, min, max);
}

function integerError(value: unknown, name: string, min: number, max: number): Error {
  if (typeof value !== 'number') return invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) return outOfRange(name, 'an integer', value);
  return outOfRange(name, `>= ${min} && <= ${max}`, value);
}

export function validateFd(fd: unknown, name = 'fd'): number {
  return validateInteger(fd, name, 0, INT32_MAX);
}

export function validateUint32(value: unknown, name: string): number {
  return validateInteger(value, name, 0, U32_MAX);
}

export function validateUserData(value: unknown): number {
  return validateInteger(value, 'userData', 0, Number.MAX_SAFE_INTEGER);
}

/** SQE flags: only the bits this version knows and supports. */
export function validateSqeFlags(flags: unknown): number {
  if (flags === undefined) return 0;
  if (typeof flags === 'number' && (flags & ~SUPPORTED_SQE_FLAGS) === 0 && flags >= 0 && flags <= 0xff && Number.isInteger(flags)) return flags;
  throw sqeFlagsError(flags);
}

/** validateSqeFlags for a builder that also accepts the bits of `extra` (RECV with a buffer group: IOSQE_BUFFER_SELECT). */
export function validateSqeFlagsWith(flags: unknown, extra: number, name = 'sqeFlags'): number {
  if (flags === undefined) return 0;
  const mask = SUPPORTED_SQE_FLAGS | extra;
  if (typeof flags === 'number' && (flags & ~mask) === 0 && flags >= 0 && flags <= 0xff && Number.isInteger(flags)) return flags;
  throw sqeFlagsError(flags, mask, name);
}

function sqeFlagsError(flags: unknown, mask = SUPPORTED_SQE_FLAGS, name = 'sqeFlags'): Error {
  if (typeof flags !== 'number') return invalidArgType(name, 'of type number', flags);
  return outOfRange(name, `a combination of the supported IOSQE_* bits (mask 0x${mask.toString(16)})`, flags);
}

/** A view whose memory the kernel may use: detached buffers are refused. */
export function validateBuffer(value: unknown, name = 'buffer'): ArrayBufferView {
  if (!ArrayBuffer.isView(value)) throw invalidArgType(name, 'an instance of Buffer, TypedArray, or DataView', value);
  if (isDetached(value)) throw invalidArgValue(name, value, 'must not be backed by a detached ArrayBuffer');
  return value;
}

/**
 * Returns a snapshot of the array: each element and the length are read once, so a Proxy
 * or a getter cannot hand the kernel something other than what was checked.
 */
export function validateBufferArray(value: unknown, name = 'buffers'): ArrayBufferView[] {
  if (!Array.isArray(value)) throw invalidArgType(name, 'an instance of Array', value);
  const length: unknown = value.length;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    throw invalidArgType(`${name}.length`, 'a non-negative integer', length);
  }
  if (length > IOV_MAX) throw outOfRange(`${name}.length`, `<= ${IOV_MAX} (IOV_MAX)`, length);
  const copy: ArrayBufferView[] = new Array(length);
  for (let i = 0; i < length; i++) copy[i] = validateBuffer(value[i], `${name}[${i}]`);
  return copy;
}

/** Own keys of an options object outside `known` are a mistake (a misspelling), never ignored. */
export function validateOptionKeys(options: object, known: readonly string[], owner: string, name = 'options'): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw invalidArgValue(`${name}.${key}`, (options as Record<string, unknown>)[key], `is not ${owner} option (${known.join(', ')})`);
    }
  }
}
