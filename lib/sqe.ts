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
