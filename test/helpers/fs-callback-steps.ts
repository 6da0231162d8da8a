// How the differential runner runs a step against the callback API (node:fs, or uring/fs):
// each call with a callback that records what it was given, whether it came before the call
// returned and how often; a synchronous throw is an outcome too. fds show as the handle ids
// the generator knows them by; streams show their events, data and errors.
import { promisify, types } from 'node:util';
import { CallbackRef, CallbackStepGenerator, describeCallbackStep, NO_FD, type CallbackStep } from './fs-callback-ops';
import type { Api } from './fs-differential';
import { normaliseError, normaliseValue, type NormaliseContext } from './fs-normalise';
import { HandleRef, type Call, type HandleState } from './fs-ops';
import { context, describeSettled, resolveArgs, settleStarted, startPromise, withTimeout, cpStatRace, type Resolved } from './fs-promises-steps';

type Fs = typeof import('node:fs');
type AnyFn = (...args: unknown[]) => unknown;

export interface CallbackSide {
  label: string;
  fs: Fs;
  root: string;
  handles: (HandleState & { fd: number })[];
}

function resolve(args: unknown[], s: CallbackSide): Resolved {
  return resolveArgs(args, s, (id) => (s.handles[id] && !s.handles[id].closed ? s.handles[id].fd : NO_FD));
}

function ctx(s: CallbackSide, made: ArrayBufferView[]): NormaliseContext {
  return context(s.root, () => undefined, made);
}

const tick = () => new Promise<void>((done) => setImmediate(done));

interface Called {
  threw?: unknown;
  args?: unknown[];
  early?: boolean;
  returned?: unknown;
  calls: () => number;
}

/** Calls fs[method] with a recording callback where the arguments have a CallbackRef; waits for the first callback. */
async function callWithCallback(s: CallbackSide, method: string, args: unknown[], timeoutMs: number): Promise<Called> {
  let returned = false;
  let calls = 0;
  let first: ((args: unknown[]) => void) | undefined;
  const called = new Promise<{ args: unknown[]; early: boolean }>((done) => {
    first = (a) => done({ args: a, early: !returned });
  });
  const cb = (...a: unknown[]) => {
    if (calls++ === 0) first!(a);
  };
  let value: unknown;
  try {
    value = ((s.fs as unknown as Record<string, AnyFn>)[method]).apply(s.fs, args.map((a) => (a instanceof CallbackRef ? cb : a)));
  } catch (threw) {
    return { threw, calls: () => calls };
  }
  returned = true;
  if (!args.some((a) => a instanceof CallbackRef)) return { returned: value, calls: () => calls };
  try {
    const c = await withTimeout(called, timeoutMs);
    return { ...c, returned: value, calls: () => calls };
  } catch (err) {
    return { threw: err, returned: value, calls: () => calls };
  }
}

/** An error as plain data, and whether its stack has frames (libuv's callback errors have none; util.inspect shows them). */
function describeError(e: unknown, context: NormaliseContext): unknown {
  const stack = (e as { stack?: unknown } | null)?.stack;
  return { ...(normaliseError(e, context) as object), stackFrames: typeof stack === 'string' && stack.includes('\n    at ') };
}

/** `handle`: the id of the fd an open called back with. */
function describeCalled(c: Called, s: CallbackSide, r: Resolved, handle: number | undefined): unknown {
  const context = ctx(s, r.made);
  const out: Record<string, unknown> = {};
  if ('threw' in c) out.threw = describeError(c.threw, context);
  if (c.args) out.callback = c.args.map((v, i) => (i === 1 && handle !== undefined ? { fd: handle } : types.isNativeError(v) ? describeError(v, context) : normaliseValue(v, context)));
  if (c.early) out.calledBeforeReturning = true;
  if (c.calls() > 1) out.calledBack = c.calls();
  if (c.returned !== undefined) out.returned = normaliseValue(c.returned, context);
  if (r.made.length > 0) out.inputBuffersAfter = r.made.map((v) => normaliseValue(v, { root: s.root, handleId: () => undefined }));
  return out;
}

/** Runs calls together; new fds become handles in call order (so ids agree across sides). */
async function runCalls(calls: Call[], s: CallbackSide, timeoutMs: number): Promise<unknown[]> {
  const resolved = calls.map((c) => resolve(c.args, s));
  for (const c of calls) {
    if (c.method === 'close' && c.args[0] instanceof HandleRef) s.handles[c.args[0].id].closed = true;
  }
  const outs = await Promise.all(calls.map((c, i) => callWithCallback(s, c.method, resolved[i].args, timeoutMs)));
  await tick();
  const handles = calls.map((c, i) => {
    const fd = outs[i].args?.[1];
    if (c.method !== 'open' || outs[i].args?.[0] != null || typeof fd !== 'number') return undefined;
    s.handles.push({ fd, append: c.opens?.append ?? false, writable: c.opens?.writable ?? false, closed: false });
    return s.handles.length - 1;
  });
  return outs.map((o, i) => describeCalled(o, s, resolved[i], handles[i]));
}

async function promisified(call: Call, s: CallbackSide, timeoutMs: number): Promise<unknown> {
  const r = resolve(call.args, s);
  const fn = promisify((s.fs as unknown as Record<string, AnyFn>)[call.method]) as AnyFn;
  const out = await settleStarted(startPromise(() => fn(...r.args)), timeoutMs);
  return { promisified: `${fn.name}/${fn.length}`, ...describeSettled(out, ctx(s, r.made), r.made) };
}

/** Data as read: its length and contents (text as text, bytes as a summary). */
function joined(chunks: unknown[], context: NormaliseContext): unknown {
  if (chunks.every((c) => typeof c === 'string')) {
    const text = chunks.join('');
    return text.length <= 200 ? text : { length: text.length, text: normaliseValue(Buffer.from(text), context) };
  }
  return normaliseValue(Buffer.concat(chunks as Buffer[]), context);
}

type Stream = import('node:stream').Readable | import('node:stream').Writable;

/** Waits until the stream is done: 'close', or (without autoClose) 'end', 'finish' or 'error'; notes every event but data. */
function watch(stream: Stream, autoClose: boolean, events: string[], timeoutMs: number): Promise<unknown> {
  let error: unknown;
  const done = new Promise<void>((resolve) => {
    for (const name of ['open', 'ready', 'end', 'finish', 'error', 'close']) {
      stream.on(name, (e?: unknown) => {
        events.push(name);
        if (name === 'error') error = e;
        if (name === 'close' || (!autoClose && name !== 'open' && name !== 'ready')) resolve();
      });
    }
  });
  return withTimeout(done, timeoutMs).then(tick, (e: unknown) => {
    events.push(String(e));
  }).then(() => error);
}

type StreamStep = Extract<CallbackStep, { kind: 'readStream' | 'writeStream' }>;

/**
 * Creates the step's stream (a synchronous throw is the outcome), lets `use` start it, waits
 * until it is done, and gives its events, error and what `use`'s report says.
 */
async function streamStep(step: StreamStep, s: CallbackSide, timeoutMs: number, use: (stream: Stream, context: NormaliseContext) => () => Record<string, unknown>): Promise<unknown> {
  const r = resolve(step.args, s);
  const context = ctx(s, r.made);
  let stream: Stream;
  try {
    stream = (s.fs[step.kind === 'readStream' ? 'createReadStream' : 'createWriteStream'] as AnyFn)(...r.args) as Stream;
  } catch (err) {
    return { threw: describeError(err, context) };
  }
  const events: string[] = [];
  const o = step.args[1] as { autoClose?: unknown } | undefined;
  const autoClose = o === null || typeof o !== 'object' || o.autoClose !== false;
  const done = watch(stream, autoClose, events, timeoutMs);
  const report = use(stream, context);
  const error = await done;
  return { events, ...report(), ...(error === undefined ? {} : { error: describeError(error, context) }) };
}

function readStream(step: StreamStep, s: CallbackSide, timeoutMs: number): Promise<unknown> {
  return streamStep(step, s, timeoutMs, (stream, context) => {
    const chunks: unknown[] = [];
    stream.on('data', (c) => chunks.push(c));
    return () => ({
      chunkLengths: chunks.map((c) => (c as string | Buffer).length),
      data: joined(chunks, context),
      bytesRead: (stream as import('node:fs').ReadStream).bytesRead,
    });
  });
}

function writeStream(step: Extract<StreamStep, { kind: 'writeStream' }>, s: CallbackSide, timeoutMs: number): Promise<unknown> {
  const chunks = resolve(step.chunks, s).args;
  return streamStep(step, s, timeoutMs, (stream) => {
    const ws = stream as import('node:fs').WriteStream;
    const accepted = chunks.map((c) => ws.write(c as string));
    ws.end();
    return () => ({ accepted, bytesWritten: ws.bytesWritten });
  });
}

async function runStep(step: CallbackStep, s: CallbackSide, timeoutMs: number): Promise<unknown> {
  switch (step.kind) {
    case 'call': return (await runCalls([step.call], s, timeoutMs))[0];
    case 'parallel': return runCalls(step.calls, s, timeoutMs);
    case 'sequence': {
      const outs: unknown[] = [];
      for (const c of step.calls) outs.push((await runCalls([c], s, timeoutMs))[0]);
      return outs;
    }
    case 'promisified': return promisified(step.call, s, timeoutMs);
    case 'readStream': return readStream(step, s, timeoutMs);
    default: return writeStream(step, s, timeoutMs);
  }
}

/** Closes the fds still open with the side's own close (node warns, on a worker, of an fd it did not open). */
async function closeAll(s: CallbackSide): Promise<void> {
  for (const h of s.handles) {
    // Errors (an fd a stream closed) do not matter here: the run's comparison has reported what does.
    if (!h.closed) await new Promise((done) => s.fs.close(h.fd, done));
  }
}

/** The callback API (node:fs, and a drop-in) as the runner drives it. */
export const callbackApi: Api<Fs, CallbackSide, CallbackStep> = {
  labels: ['node:fs', 'uring/fs'],
  side: (label, fs, root) => ({ label, fs, root, handles: [] }),
  generator: (seed, side, relativePaths) => {
    const gen = new CallbackStepGenerator(seed, side, relativePaths);
    return { next: () => gen.nextCallbackStep() };
  },
  run: runStep,
  describe: describeCallbackStep,
  closeAll,
  equivalent: (step, expected, actual) => step.kind === 'call' && cpStatRace(step.call, expected, actual),
};
