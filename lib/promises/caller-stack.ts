// Errors made where the engine reaped a completion carry none of the caller's frames (only
// the reap's). Taken again in a rejection handler, as node:fs/promises does, the stack gets the
// caller's await chain: V8 adds the async frames of whoever awaits the handler's promise. Only
// the error path runs this; an error that already has async frames keeps its stack.
export function callerStack(err: unknown): never {
  if (err instanceof Error && !String(err.stack).includes('\n    at async ')) Error.captureStackTrace(err, callerStack);
  throw err;
}

/**
 * Rejects an operation's promise (through its `resolve`) with `err` from inside that promise's
 * own chain: it is resolved with a promise that rejects through callerStack, and V8, walking the
 * chain from that handler, adds the frames of whoever awaits the operation. So a call needs no
 * `.then(undefined, callerStack)` of its own (a promise and a microtask on every success).
 * The handler's promise is resolved into the operation's before `err` is set off: the handler
 * then runs with the chain already in place.
 */
export function rejectWithCallerStack(resolve: (value: unknown) => void, err: unknown): void {
  let reject!: (reason: unknown) => void;
  const failing = new Promise<never>((_, r) => {
    reject = r;
  });
  resolve(failing.then(undefined, callerStack));
  reject(err);
}
