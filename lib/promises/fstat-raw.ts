// STATX of an open fd (AT_EMPTY_PATH) through the shared ring: the raw struct statx, for
// FileHandle.stat and for the file-type check of current-position IO.
import { systemError } from '../errors';
import { start } from './engine';
import { K } from './ops';
import { STATX_SIZE } from './stats';
import { EBADF } from '../linux';

const AT_EMPTY_PATH = 0x1000;
const EMPTY_PATH = Buffer.from([0]);

/** The struct statx of `fd` as 64 words; rejects with node's fstat error. */
export async function fstatRaw(fd: number): Promise<Uint32Array> {
  if (fd < 0) throw systemError(-EBADF, 'fstat');
  const out = new Uint32Array(STATX_SIZE / 4);
  const res = await start({ kind: K.STATX, dirfd: fd, path: EMPTY_PATH, flags: AT_EMPTY_PATH, out });
  if (res < 0) throw systemError(res, 'fstat');
  return out;
}
