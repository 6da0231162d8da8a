// Provided buffer rings (IORING_REGISTER_PBUF_RING, Linux 5.19+): `count` buffers of `size`
// bytes the kernel picks from for a RECV with IOSQE_BUFFER_SELECT. The ring is an array of
// struct io_uring_buf { u64 addr; u32 len; u16 bid; u16 resv } in page-aligned memory; the
// kernel consumes at its head, we add at the tail (the resv field of entry 0).
import { constants as osConstants } from 'node:os';
import { cqeFlags } from '../constants';
import { invalidArgType, invalidArgValue, MemlockError, outOfRange, ringSystemError } from '../errors';
import { memlockInfo } from '../memlock';
import { validateInteger } from '../validate';
import { viewBuffer, viewByteOffset } from '../views';
import type { RingCore } from './core';

const PAGE = 4096;
const ENTRY_BYTES = 16;
const TWO_32 = 4294967296;
const { ENOMEM, EEXIST } = osConstants.errno;
// Buffer ids come back in the CQE flags' upper 16 bits (IORING_CQE_BUFFER_SHIFT).
const BUFFER_SHIFT = 16;

/**
 * A provided buffer ring (Ring.registerBufferRing): `count` buffers of `size` bytes in one
 * Buffer. A buffer the kernel filled is the caller's from take() until release() gives it
 * back; every other buffer belongs to the kernel, which may write into it at any time.
 */
export class BufferRing {
  /** The buffer group id (a RECV's `bufferGroup`). */
  readonly groupId: number;
  /** How many buffers (a power of two). */
  readonly count: number;
  /** Each buffer's size in bytes. */
  readonly size: number;
  readonly #core: RingCore;
  readonly #data: Buffer;
  readonly #dataAddr: number;
  readonly #words: Uint32Array; // the io_uring_buf entries as words
  readonly #halves: Uint16Array; // the same memory: bid and the tail are u16
  readonly #taken: Uint8Array; // 1 for a buffer take() handed out and release() has not returned
  #tail = 0;
  #unregistered = false;

  /** @internal */
  constructor(core: RingCore, groupId: number, count: number, size: number, memory: Uint8Array, data: Buffer) {
    this.#core = core;
    this.groupId = groupId;
    this.count = count;
    this.size = size;
    this.#data = data;
    this.#dataAddr = core.addr(data);
    this.#words = new Uint32Array(memory.buffer, memory.byteOffset, memory.byteLength / 4);
    this.#halves = new Uint16Array(memory.buffer, memory.byteOffset, memory.byteLength / 2);
    this.#taken = new Uint8Array(count);
    for (let bid = 0; bid < count; bid++) this.#add(bid);
    this.#publish();
  }

  /** The buffer id a CQE's flags name (IORING_CQE_F_BUFFER set), else -1. */
  bufferId(flags: number): number {
    validateInteger(flags, 'flags', 0, 0xffffffff);
    return (flags & cqeFlags.BUFFER) === 0 ? -1 : flags >>> BUFFER_SHIFT;
  }

  /**
   * Hands out the buffer a CQE selected: its first `length` bytes (the CQE's res), as a view
   * into the ring's memory that stays the caller's until release(). null when the CQE's `flags`
   * name no buffer (an error, or end of stream).
   */
  take(flags: number, length: number): Buffer | null {
    this.#core.checkOpen();
    const bid = this.bufferId(flags);
    validateInteger(length, 'length', 0, this.size);
    if (bid === -1) return null;
    if (bid >= this.count) throw outOfRange('flags', `a CQE flags word naming a buffer id below ${this.count}`, flags);
    if (this.#taken[bid] === 1) throw invalidArgValue('flags', flags, `names buffer ${bid}, which was taken and not released`);
    this.#taken[bid] = 1;
    return this.#data.subarray(bid * this.size, bid * this.size + length);
  }

  /** Gives a taken buffer (the view take() returned, or its id) back to the kernel: the ring's tail moves past it. */
  release(buffer: ArrayBufferView | number): void {
    this.#core.checkOpen();
    const bid = typeof buffer === 'number' ? validateInteger(buffer, 'buffer', 0, this.count - 1) : this.#idOf(buffer);
    if (this.#taken[bid] !== 1) throw invalidArgValue('buffer', buffer, `is buffer ${bid}, which is not taken (the kernel owns it)`);
    this.#taken[bid] = 0;
    if (this.#unregistered) return;
    this.#add(bid);
    this.#publish();
  }

  /**
   * Removes the group from the kernel (io_uring_unregister_buf_ring). Its memory stays pinned
   * until the Ring closes: an operation in flight may have selected a buffer already.
   */
  unregister(): void {
    this.#core.checkOpen();
    if (this.#unregistered) return;
    const ret = this.#core.native.unregisterBufferRing(this.groupId);
    if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
    this.#unregistered = true;
    this.#core.bufferRings.delete(this.groupId);
  }

  #idOf(view: ArrayBufferView): number {
    if (!ArrayBuffer.isView(view)) throw invalidArgType('buffer', 'a buffer id or a Buffer take() returned', view);
    const offset = viewByteOffset(view) - this.#data.byteOffset;
    if (viewBuffer(view) !== this.#data.buffer || offset < 0 || offset % this.size !== 0 || offset >= this.count * this.size) {
      throw invalidArgValue('buffer', view, "is not a buffer of this ring's take()");
    }
    return offset / this.size;
  }

  /** io_uring_buf_ring_add: the entry at the tail points at buffer `bid`. */
  #add(bid: number): void {
    const i = this.#tail & (this.count - 1);
    const addr = this.#dataAddr + bid * this.size;
    this.#words[i * 4] = addr >>> 0;
    this.#words[i * 4 + 1] = (addr / TWO_32) >>> 0;
    this.#words[i * 4 + 2] = this.size;
    this.#halves[i * 8 + 6] = bid; // entry 0's next half is the tail: never written as a word
    this.#tail = (this.#tail + 1) & 0xffff;
  }

  /** io_uring_buf_ring_advance: a release store of the tail, after the entries. */
  #publish(): void {
    Atomics.store(this.#halves, 7, this.#tail);
  }
}

/** @internal */
export function registerBufferRing(core: RingCore, groupId: number, count: number, size: number): BufferRing {
  core.checkOpen();
  const group = validateInteger(groupId, 'groupId', 0, 0xffff);
  const n = validateInteger(count, 'count', 1, 32768);
  if ((n & (n - 1)) !== 0) throw outOfRange('count', 'a power of two', count);
  const bytes = validateInteger(size, 'size', 1, 0xffffffff);
  if (n * bytes > 2 ** 30) throw outOfRange('count * size', '<= 1073741824', n * bytes); // as registerBuffers' largest
  if (core.bufferRings.has(group)) throw invalidArgValue('groupId', groupId, 'is already registered on this ring');
  // The ring itself: page-aligned (the kernel pins whole pages), carved from a larger allocation.
  const ringBytes = Math.ceil((n * ENTRY_BYTES) / PAGE) * PAGE;
  const raw = new Uint8Array(ringBytes + PAGE);
  const skip = (PAGE - (core.addr(raw) % PAGE)) % PAGE;
  const memory = raw.subarray(skip, skip + ringBytes);
  const data = Buffer.alloc(n * bytes);
  const ret = core.native.registerBufferRing(memory, n, group);
  if (ret === -ENOMEM && !memlockInfo().ipcLock) throw new MemlockError(memlockInfo().limitBytes, ringBytes);
  if (ret === -EEXIST) throw invalidArgValue('groupId', groupId, 'is already registered on this ring');
  if (ret < 0) throw ringSystemError(ret, 'io_uring_register');
  const ring = new BufferRing(core, group, n, bytes, memory, data);
  core.bufferRings.set(group, ring);
  // Kept until close(): the kernel may write into a group unregistered while a RECV was in flight.
  core.bufferRingPins.push(raw, data);
  return ring;
}

/** The buffer ring a RECV names, or ERR_OUT_OF_RANGE. @internal */
export function bufferRingOf(core: RingCore, groupId: unknown, name: string): BufferRing {
  const group = validateInteger(groupId, name, 0, 0xffff);
  const ring = core.bufferRings.get(group);
  if (ring === undefined) throw outOfRange(name, 'the groupId of a buffer ring registered on this ring (registerBufferRing)', groupId);
  return ring;
}

