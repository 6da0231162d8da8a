// Options objects as node:fs reads them (getOptions), and AbortSignal handling.
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

/** Cancels the ring operation in flight when the signal aborts; the caller checks the signal after each step. */
export class AbortScope {
  #id = -1;
  #gen = 0;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => {
    if (this.#id >= 0) cancel(this.#id, this.#gen);
  };

  constructor(signal: AbortSignal | undefined) {
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Call right after starting an operation: it becomes the one to cancel. */
  track(): void {
    if (this.#signal !== undefined) {
      this.#id = lastId;
      this.#gen = lastGen;
    }
  }

  dispose(): void {
    this.#id = -1;
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }
}
