// The submission side: our SQ tail over the mapped SQ ring and SQE array (liburing's
// io_uring_get_sqe / io_uring_sq_space_left / io_uring_sq_ready). The tail is ours until
// publish() stores it for the kernel; the kernel's head is reloaded only when the SQ looks full.
import { ringError } from '../errors';
import type { RingLayout } from '../native';
import { SQE_WORDS } from '../sqe';

/** @internal */
export class SubmissionQueue {
  readonly words: Uint32Array;
  readonly sqes: Uint32Array;
  readonly sqes64: Float64Array; // the same SQEs, to zero two words with one store
  readonly entries: number;
  readonly mask: number;
  readonly headIdx: number; // word indices into `words`
  readonly tailIdx: number;
  readonly flagsIdx: number;
  tail: number; // our SQ tail, published on submit
  headSeen: number; // a lower bound of the kernel's SQ head

  constructor(l: RingLayout, words: Uint32Array) {
    this.words = words;
    this.sqes = new Uint32Array(l.sqes);
    this.sqes64 = new Float64Array(l.sqes);
    this.entries = l.sqEntries;
    this.mask = l.sqEntries - 1;
    this.headIdx = l.sqHead >>> 2;
    this.tailIdx = l.sqTail >>> 2;
    this.flagsIdx = l.sqFlags >>> 2;
    this.tail = Atomics.load(words, this.tailIdx);
    this.headSeen = Atomics.load(words, this.headIdx);
  }

  /** Word index of the SQE at our tail; throws ERR_URING_SQ_FULL when there is none. The caller advances the tail once it wrote it. */
  next(): number {
    const tail = this.tail;
    if (((tail - this.headSeen) >>> 0) >= this.entries) this.reloadHead();
    return (tail & this.mask) * SQE_WORDS;
  }

  /** Word index of the SQE written last: builders set per-op fields there after the core call. */
  last(): number {
    return (((this.tail - 1) >>> 0) & this.mask) * SQE_WORDS;
  }

  /** The SQ looked full: reload the kernel's head, and throw if it really is. */
  reloadHead(): void {
    this.headSeen = Atomics.load(this.words, this.headIdx);
    if (((this.tail - this.headSeen) >>> 0) >= this.entries) {
      throw ringError('ERR_URING_SQ_FULL', `The submission queue is full (${this.entries} entries): submit() before preparing more`);
    }
  }

  kernelHead(): number {
    return Atomics.load(this.words, this.headIdx);
  }

  /** SQEs written but not yet consumed by the kernel. */
  ready(): number {
    return (this.tail - this.kernelHead()) >>> 0;
  }

  space(): number {
    return this.entries - this.ready();
  }

  flags(): number {
    return Atomics.load(this.words, this.flagsIdx);
  }

  /** Hands every SQE written so far to the kernel (it reads them on the next enter, or its SQPOLL thread on its own). */
  publish(): void {
    Atomics.store(this.words, this.tailIdx, this.tail);
  }
}
