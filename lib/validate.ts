// Argument checks shared by the Ring and the drop-in API; each throws Node's ERR_* errors.
import { invalidArgType, outOfRange } from './errors';
import { IOV_MAX, SUPPORTED_SQE_FLAGS } from './constants';

const INT32_MAX = 2 ** 31 - 1;
const U32_MAX = 2 ** 32 - 1;

export function validateInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  return value;
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
  if (typeof flags !== 'number') throw invalidArgType('sqeFlags', 'of type number', flags);
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff || (flags & ~SUPPORTED_SQE_FLAGS) !== 0) {
    throw outOfRange('sqeFlags', `a combination of the supported IOSQE_* bits (mask 0x${SUPPORTED_SQE_FLAGS.toString(16)})`, flags);
  }
  return flags;
}

export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  return ArrayBuffer.isView(value);
}

export function validateBuffer(value: unknown, name = 'buffer'): ArrayBufferView {
  if (!ArrayBuffer.isView(value)) throw invalidArgType(name, 'an instance of Buffer, TypedArray, or DataView', value);
  return value;
}

export function validateBufferArray(value: unknown, name = 'buffers'): ArrayBufferView[] {
  if (!Array.isArray(value)) throw invalidArgType(name, 'an instance of Array', value);
  if (value.length > IOV_MAX) throw outOfRange(`${name}.length`, `<= ${IOV_MAX} (IOV_MAX)`, value.length);
  for (let i = 0; i < value.length; i++) validateBuffer(value[i], `${name}[${i}]`);
  return value;
}
