// The Ring's state and its one core call: prep() takes an SQE and an in-flight slot, pins what
// the kernel may touch, writes the SQE. Builders (ops-*.ts) validate their arguments and call
// it; submit, reap, registration and teardown work on the same state (enter.ts, reap.ts,
// registration.ts, teardown.ts). Also the loop activity: the ring is rooted while anything is
// in flight, and refs the event loop while the kernel holds work and someone listens.
import { addressOf } from '../address';
import { setupFlags, sqRingFlags } from '../constants';
import { ringError } from '../errors';
import { loadFailure, tryBinding, type Binding, type NativeRing, type RingLayout } from '../native';
import { setupError } from '../setup-failure';
import { SQE_WORDS, writeSqe } from '../sqe';
import type { BufferRing } from './buffer-ring';
import { CompletionQueue } from './completion';
import { InFlightTable, MAX_SLOTS } from './in-flight';
import { PathArena } from './paths';
import { SubmissionQueue } from './submission';

/** @internal */
/**
 * The ring's async resource: hasRef() as node's handles have it, so that tools listing open
 * handles (jest --detectOpenHandles) see an idle ring as not holding the process. Node-API holds
 * it weakly up to Node 24 and strongly from 26, so the core keeps it and it refers back weakly;
 * made out here so that its closure cannot share the constructor's context (which holds `this`).
 */
function asyncResource(core: WeakRef<RingCore>): { hasRef(): boolean } {
  return { hasRef: () => core.deref()?.loopRef ?? false };
}

export class RingCore {
  readonly binding: Binding;
  readonly native: NativeRing;
  readonly fd: number;
  readonly flags: number;
  readonly features: number;
  readonly sqEntries: number;
  readonly cqEntries: number;
  readonly sqpoll: boolean;
  readonly deferTaskrun: boolean;
  // SQ flag bits meaning "enter with GETEVENTS and completions will appear"; with
  // DEFER_TASKRUN completions only ever run inside such an enter.
  readonly flushBits = sqRingFlags.CQ_OVERFLOW | sqRingFlags.TASKRUN;
  readonly sq: SubmissionQueue;
  readonly cq: CompletionQueue;
  readonly table: InFlightTable;
  readonly paths: PathArena;
  closed = false;
  closing = false; // close() is draining: no new work (prep), and its enters start none
  onReady: (() => void) | null = null;
  readonly wake: () => void;
  rooted = false;
  loopRef = false;
  releaseQueued = false;
  readonly releaseTask = (): void => this.applyRelease();
  cancelAnyRes = 0; // result of close()'s ANY cancel: -EINVAL before Linux 5.19
  registeredBuffers: ArrayBufferView[] | null = null;
  registeredFiles: Int32Array | null = null;
  // Provided buffer rings by group id, and the memory of every one registered (kept until close).
  readonly bufferRings = new Map<number, BufferRing>();
  bufferRingPins: unknown[] = [];
  probe: Uint8Array | undefined;
  multishot: number[] = []; // op ids of multishot operations, pruned lazily (multishot.ts)
  readonly resource: { hasRef(): boolean };

  /** Sets up the ring with validated options; throws the Ring constructor's errors. */
  constructor(entries: number, cqEntries: number, flags: number, idle: number) {
    const binding = tryBinding();
    if (binding === undefined) {
      throw ringError('ERR_URING_UNAVAILABLE', `uring's native addon could not be loaded: ${loadFailure()?.message}`);
    }
    this.binding = binding;
    this.native = new binding.NativeRing();
    this.wake = () => this.onWake();
    this.resource = asyncResource(new WeakRef(this));
    const ret = this.native.setup(entries, flags, cqEntries, idle, this.wake, this.resource);
    if (ret < 0) throw setupError(ret, entries, cqEntries);

    const l: RingLayout = this.native.layout();
    this.fd = l.fd;
    this.flags = l.flags;
    this.features = l.features;
    this.sqEntries = l.sqEntries;
    this.cqEntries = l.cqEntries;
    this.sqpoll = (l.flags & setupFlags.SQPOLL) !== 0;
    this.deferTaskrun = (l.flags & setupFlags.DEFER_TASKRUN) !== 0;
    const sqWords = new Uint32Array(l.sqRing);
    this.sq = new SubmissionQueue(l, sqWords);
    this.cq = new CompletionQueue(l, l.cqRing === l.sqRing ? sqWords : new Uint32Array(l.cqRing));
    this.table = new InFlightTable(l.cqEntries);
    this.paths = new PathArena(binding);
  }

  checkOpen(): void {
    if (this.closed) throw ringError('ERR_URING_CLOSED', 'The ring is closed');
  }

  /** The address of a view's first byte, for an SQE (the view must be pinned by the op). */
  addr(view: ArrayBufferView): number {
    return addressOf(this.binding, view);
  }

  /**
   * The core call of every builder (liburing's io_uring_prep_rw plus the op's own word 7):
   * takes an SQE and an in-flight slot (all checks done), writes the whole SQE (words 10-15
   * zero: a builder sets buf_index, file_index, addr3 afterwards at sq.last()), pins `pins`
   * until the CQE is reaped, and returns the operation id.
   */
  prep(op: number, flags: number, fd: number, offLo: number, offHi: number, addr: number, len: number, opFlags: number, userData: number, pins: unknown): number {
    // From a close() callback: close() would wait for it, and its teardown enter must submit nothing of the user's.
    if (this.closing) throw ringError('ERR_URING_CLOSED', 'The ring is closing');
    const sq = this.sq;
    const tail = sq.tail;
    // sq.next() and table.take(), written out: two more calls would leave prepRead & co. (whose
    // inlining budget is spent) with a call per operation.
    if (((tail - sq.headSeen) >>> 0) >= sq.entries) sq.reloadHead();
    const table = this.table;
    let top = table.freeTop;
    if (top === 0) top = table.grow();
    const slot = table.free[--top];
    table.freeTop = top;
    table.user[slot] = userData;
    table.pins[slot] = pins ?? 0; // non-null marks the slot as in use
    const gen = table.gen[slot];
    writeSqe(sq.sqes, (tail & sq.mask) * SQE_WORDS, op, flags, fd, offLo, offHi, addr, len, opFlags, slot, gen, 0, 0);
    sq.tail = (tail + 1) >>> 0;
    if (table.count++ === 0) this.updateActive();
    return gen * MAX_SLOTS + slot;
  }

  /** Roots the ring (and its pins) while anything is in flight; refs the loop while the kernel holds work and someone listens. */
  updateActive(now = false): void {
    const inflight = this.table.count;
    const rooted = inflight > 0;
    let loopRef = false;
    if (rooted && this.onReady !== null) {
      // With SQPOLL the kernel thread takes what submit() published by itself: only the unpublished wait.
      const sq = this.sq;
      const taken = Atomics.load(sq.words, this.sqpoll ? sq.tailIdx : sq.headIdx);
      loopRef = inflight > ((sq.tail - taken) >>> 0);
    }
    if (rooted === this.rooted && loopRef === this.loopRef) return;
    if (now || (rooted && !this.rooted) || (loopRef && !this.loopRef)) {
      this.rooted = rooted;
      this.loopRef = loopRef;
      this.native.setActive(rooted, loopRef);
    } else if (!this.releaseQueued) {
      // Releasing can wait for the loop's next check phase: a batch loop that empties and
      // refills the ring, every tick or microtask (uring/promises: reap, resolve, prepare
      // again), then makes no native call for it (before the loop can exit, it runs). A
      // microtask ran between every reap and the next batch: three native calls per batch.
      this.releaseQueued = true;
      setImmediate(this.releaseTask);
    }
  }

  applyRelease(): void {
    this.releaseQueued = false;
    if (!this.closed) this.updateActive(true);
  }

  onWake(): void {
    if (this.closed) return;
    const cb = this.onReady;
    if (cb !== null && this.pending()) cb();
  }

  /** CQEs ready, or waiting in the kernel (overflow list, deferred task work). */
  pending(): boolean {
    return this.cq.kernelTail() !== this.cq.head || this.mustFlush();
  }

  /** Completions wait in the kernel for an enter with GETEVENTS. */
  mustFlush(): boolean {
    if (this.deferTaskrun && this.table.count > 0) return true;
    return (Atomics.load(this.sq.words, this.sq.flagsIdx) & this.flushBits) !== 0;
  }
}
