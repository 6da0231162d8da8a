// Errors made where the engine reaped a completion carry none of the caller's frames (only
// the reap's). Taken again in a rejection handler, as node:fs/promises does, the stack gets the
// caller's await chain: V8 adds the async frames of whoever awaits the handler's promise. Only
// the error path runs this; an error that already has async frames keeps its stack.
export function callerStack(err: unknown): never {
  if (err instanceof Error && !String(err.stack).includes('\n    at async ')) Error.captureStackTrace(err, callerStack);
  throw err;
}
