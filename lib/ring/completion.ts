// The completion side: our CQ head over the mapped CQ ring (liburing's io_uring_for_each_cqe +
// io_uring_cq_advance), and the kernel's count of CQEs it dropped (overflow without NODROP).
import { cqRingFlags } from '../constants';
import { ringError } from '../errors';
import type { RingLayout } from '../native';
import type { InFlightTable } from './in-flight';

/** @internal */
export class CompletionQueue {
  readonly words: Uint32Array;
  readonly ints: Int32Array;
  readonly mask: number;
  readonly cqes: number; // word indices into `words`
  readonly cqeWords: number;
  readonly headIdx: number;
  readonly tailIdx: number;
  readonly flagsIdx: number; // -1 when the kernel has no CQ flags
  readonly overflowIdx: number;
  head: number; // our CQ head: every CQE before it has been read
  headPublished: number; // the CQ head the kernel last saw from us
  droppedSeen: number; // the kernel's dropped-CQE counter when we last read it
  lostUnreported = 0; // dropped CQEs no error has named yet

  constructor(l: RingLayout, words: Uint32Array) {
    this.words = words;
    this.ints = new Int32Array(l.cqRing);
    this.mask = l.cqEntries - 1;
    this.cqes = l.cqes >>> 2;
    this.cqeWords = l.cqeSize >>> 2;
    this.headIdx = l.cqHead >>> 2;
    this.tailIdx = l.cqTail >>> 2;
    this.flagsIdx = l.cqFlags >= 0 ? l.cqFlags >>> 2 : -1;
    this.overflowIdx = l.cqOverflow >>> 2;
    this.droppedSeen = Atomics.load(words, this.overflowIdx);
    this.setEventfd(false); // nobody listens yet: spare the kernel an eventfd signal per completion batch
    this.head = Atomics.load(words, this.headIdx);
    this.headPublished = this.head;
  }

  kernelTail(): number {
    return Atomics.load(this.words, this.tailIdx);
  }

  ready(): number {
    return (this.kernelTail() - this.head) >>> 0;
  }

  /** Gives the kernel back the CQ room of every CQE read so far. */
  publishHead(): void {
    if (this.headPublished !== this.head) {
      this.headPublished = this.head;
      Atomics.store(this.words, this.headIdx, this.head);
    }
  }

  droppedChanged(): boolean {
    return Atomics.load(this.words, this.overflowIdx) !== this.droppedSeen;
  }

  /** The kernel dropped CQEs (no IORING_FEAT_NODROP, or no memory for its overflow list): count them as lost. */
  noteDropped(table: InFlightTable): void {
    const dropped = Atomics.load(this.words, this.overflowIdx);
    const n = (dropped - this.droppedSeen) >>> 0;
    this.droppedSeen = dropped;
    table.lost += n;
    this.lostUnreported += n;
  }

  overflowError(table: InFlightTable): Error {
    if (this.droppedChanged()) this.noteDropped(table);
    const n = this.lostUnreported > 0 ? this.lostUnreported : table.lost;
    this.lostUnreported = 0;
    return ringError(
      'ERR_URING_CQ_OVERFLOW',
      `The kernel dropped ${n} completion${n === 1 ? '' : 's'} (the completion queue overflowed): ` +
        'the operations behind them finished, but their results are lost',
    );
  }

  /** IORING_CQ_EVENTFD_DISABLED off while an onReady callback listens, on otherwise. */
  setEventfd(enabled: boolean): void {
    if (this.flagsIdx < 0) return;
    const old = Atomics.load(this.words, this.flagsIdx);
    const next = enabled ? old & ~cqRingFlags.EVENTFD_DISABLED : old | cqRingFlags.EVENTFD_DISABLED;
    if (next !== old) Atomics.store(this.words, this.flagsIdx, next);
  }
}
