// The 64-byte submission queue entry, written as sixteen 32-bit words. Every word is written
// on every use (slots are reused), and nothing here allocates.
//
//  word  0: opcode (u8) | flags (u8) << 8 | ioprio (u16) << 16
//  word  1: fd (s32)
//  words 2-3: off / addr2 (u64)
//  words 4-5: addr (u64)
//  word  6: len (u32)
//  word  7: op-specific flags (rw_flags, fsync_flags, open_flags, cancel_flags, ...)
//  words 8-9: user_data (u64)
//  word 10: buf_index (u16) | personality (u16) << 16
//  word 11: splice_fd_in / file_index (u32)
//  words 12-15: addr3 and padding

export const SQE_WORDS = 16;
const TWO_32 = 4294967296;

/** Writes one whole SQE at word index `w`. `addr` is a byte address below 2^53. */
export function writeSqe(
  sqes: Uint32Array,
  w: number,
  opcode: number,
  flags: number,
  fd: number,
  offLo: number,
  offHi: number,
  addr: number,
  len: number,
  opFlags: number,
  userLo: number,
  userHi: number,
  bufIndex: number,
  fileIndex: number,
): void {
  sqes[w] = opcode | (flags << 8);
  sqes[w + 1] = fd;
  sqes[w + 2] = offLo;
  sqes[w + 3] = offHi;
  sqes[w + 4] = addr; // ToUint32: the low half
  sqes[w + 5] = addr / TWO_32;
  sqes[w + 6] = len;
  sqes[w + 7] = opFlags;
  sqes[w + 8] = userLo;
  sqes[w + 9] = userHi;
  sqes[w + 10] = bufIndex;
  sqes[w + 11] = fileIndex;
  sqes[w + 12] = 0;
  sqes[w + 13] = 0;
  sqes[w + 14] = 0;
  sqes[w + 15] = 0;
}

/**
 * Writes one whole NOP SQE at word index `w` (a multiple of 16): the same 64 bytes as
 * writeSqe(sqes, w, NOP, flags, -1, 0, 0, 0, 0, 0, userLo, userHi, 0, 0), with the zero word
 * pairs stored as 0.0 through `sqes64`, a Float64Array over the same memory (+0.0 is all zero
 * bits): ten stores instead of sixteen, and little enough bytecode for prepNop to be inlined.
 */
export function writeNopSqe(sqes: Uint32Array, sqes64: Float64Array, w: number, flags: number, userLo: number, userHi: number): void {
  const d = w >> 1;
  sqes[w] = flags << 8; // opcode NOP (0), ioprio 0
  sqes[w + 1] = -1; // fd
  sqes64[d + 1] = 0; // words 2-3: off
  sqes64[d + 2] = 0; // words 4-5: addr
  sqes64[d + 3] = 0; // words 6-7: len, op flags
  sqes[w + 8] = userLo;
  sqes[w + 9] = userHi;
  sqes64[d + 5] = 0; // words 10-11: buf_index, personality, file_index
  sqes64[d + 6] = 0; // words 12-15: addr3, padding
  sqes64[d + 7] = 0;
}

/** Word of file_index (slot + 1 for a direct descriptor), which builders set after the core call. */
export const SQE_FILE_INDEX = 11;

/** Word of buf_index (low 16 bits: registered buffer index or buffer group) and personality (high 16 bits). */
export const SQE_BUF_INDEX = 10;
/** Word 0's ioprio half starts at this bit (ACCEPT and RECV take their multishot bits there). */
export const SQE_IOPRIO_SHIFT = 16;
