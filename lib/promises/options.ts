// Options objects as node:fs reads them (getOptions), and AbortSignal handling.
import { types } from 'node:util';
import { invalidArgType, invalidArgValue } from '../errors';
import { cancel, lastGen, lastId } from './engine';

export interface FsOptions {
  encoding?: BufferEncoding | 'buffer' | null;
  flag?: string | number;
  mode?: unknown;
  flush?: unknown;
  signal?: AbortSignal;
  [key: string]: unknown;
}

/** Node's AbortError: name 'AbortError', code 'ABORT_ERR', the signal's reason as cause. */
export class AbortError extends Error {
  code = 'ABORT_ERR';
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortError';
  }
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

export function validateAbortSignal(signal: unknown, name: string): void {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'an instance of AbortSignal', signal);
  }
}

export function getOptions(options: unknown, defaults: FsOptions = {}): FsOptions {
  if (options == null || typeof options === 'function') return defaults;
  let o: FsOptions;
  if (typeof options === 'string') {
    o = { ...defaults, encoding: options as BufferEncoding };
  } else if (typeof options !== 'object') {
    throw invalidArgType('options', 'one of type string or object', options);
  } else {
    o = options as FsOptions;
  }
  if (o.encoding !== 'buffer' && o.encoding && !Buffer.isEncoding(o.encoding)) {
    throw invalidArgValue('encoding', o.encoding, 'is invalid encoding');
  }
  if (o.signal !== undefined) validateAbortSignal(o.signal, 'options.signal');
  return o;
}

// The scopes using each signal. Node only reads `signal.aborted` between steps; we add one
// 'abort' listener per signal (not per call) so that an abort also cancels an operation blocked
// in the kernel (a FIFO, a socket), and none on a Proxy or a look-alike, which node also accepts.
const scopes = new WeakMap<AbortSignal, Set<AbortScope>>();

function onAbort(this: AbortSignal): void {
  const using = scopes.get(this);
  scopes.delete(this);
  if (using !== undefined) for (const scope of using) scope.cancel();
}

function listenable(signal: AbortSignal): boolean {
  return signal instanceof AbortSignal && !types.isProxy(signal);
}

/** Cancels the ring operation in flight when the signal aborts; the caller checks the signal after each step. */
export class AbortScope {
  #id = -1;
  #gen = 0;
  #cancelled = false;
  readonly #signal: AbortSignal | undefined;

  constructor(signal: AbortSignal | undefined) {
    if (signal === undefined || !listenable(signal)) return;
    let using = scopes.get(signal);
    if (using === undefined) {
      try {
        signal.addEventListener('abort', onAbort, { once: true });
      } catch {
        return; // not a signal we can listen to: only the checks between steps apply
      }
      using = new Set();
      scopes.set(signal, using);
    }
    using.add(this);
    this.#signal = signal;
  }

  /** Called by the operation itself right after it started (io.ts): it becomes the one to cancel. */
  track(): void {
    if (this.#signal === undefined) return;
    this.#id = lastId;
    this.#gen = lastGen;
    if (this.#signal.aborted) this.cancel(); // aborted while the operation waited its turn
  }

  cancel(): void {
    if (this.#id < 0) return;
    this.#cancelled = true;
    cancel(this.#id, this.#gen);
  }

  /** What a failed step rejects with: the abort if this scope cancelled it (ECANCELED, or EINTR in io-wq), else its own error. */
  failure(err: unknown): unknown {
    if (!this.#cancelled || !this.#signal?.aborted) return err;
    return new AbortError(undefined, { cause: this.#signal.reason });
  }

  dispose(): void {
    this.#id = -1;
    const signal = this.#signal;
    if (signal === undefined) return;
    const using = scopes.get(signal);
    if (using === undefined || !using.delete(this) || using.size > 0) return;
    scopes.delete(signal);
    signal.removeEventListener('abort', onAbort);
  }
}
