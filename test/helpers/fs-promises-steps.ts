// How the differential runner runs a step against fs/promises: placeholders resolved per side,
// each call's promise settled (with a timeout), the outcome normalised; also the pieces the
// callback API's runner shares (resolving arguments, normalising an outcome).
import { types } from 'node:util';
import { AbortedSignal, BufRef, HandleRef, PathRef, StepGenerator, describeStep, type Call, type Fsp, type Side, type Step } from './fs-ops';
import { normaliseError, normaliseValue, type NormaliseContext } from './fs-normalise';
import type { Api } from './fs-differential';

// ---- per-side resolution of placeholders ----

export interface Resolved {
  args: unknown[];
  made: ArrayBufferView[];
}

/** A placeholder's value on one side; `handle` gives what a HandleRef stands for there. */
function resolveArg(a: unknown, s: { root: string }, handle: (id: number) => unknown, made: ArrayBufferView[]): unknown {
  if (a instanceof PathRef) return a.resolve(s as Side);
  if (a instanceof HandleRef) return handle(a.id);
  if (a instanceof BufRef) {
    const view = a.make();
    made.push(view);
    return view;
  }
  if (a instanceof AbortedSignal) return AbortSignal.abort();
  if (Array.isArray(a)) return a.map((x) => resolveArg(x, s, handle, made));
  if (a && typeof a === 'object' && Object.getPrototypeOf(a) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a)) out[k] = resolveArg(v, s, handle, made);
    return out;
  }
  return a;
}

export function resolveArgs(args: unknown[], s: { root: string }, handle: (id: number) => unknown): Resolved {
  const made: ArrayBufferView[] = [];
  return { args: args.map((a) => resolveArg(a, s, handle, made)), made };
}

function resolveCall(c: Call, s: Side): Resolved {
  return resolveArgs(c.args, s, (id) => s.handles[id]?.fh);
}

type AnyFn = (...args: unknown[]) => unknown;

/** Starts the call; returns how it started (a sync throw is a difference from Node). */
function startCall(c: Call, s: Side, r: Resolved): { promise?: Promise<unknown>; syncThrow?: unknown; notPromise?: unknown } {
  const target: Record<string, unknown> = c.on === 'fsp' ? (s.fsp as unknown as Record<string, unknown>) : (s.handles[c.on as number].fh as unknown as Record<string, unknown>);
  if (c.on !== 'fsp' && c.method === 'close') s.handles[c.on as number].closed = true;
  return startPromise(() => (target[c.method] as AnyFn).apply(target, r.args));
}

/** Runs `start`, which should return a native promise (realm-independent check). */
export function startPromise(start: () => unknown): { promise?: Promise<unknown>; syncThrow?: unknown; notPromise?: unknown } {
  try {
    const p = start();
    if (!types.isPromise(p)) return { notPromise: p };
    return { promise: p };
  } catch (err) {
    return { syncThrow: err };
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function context(root: string, handleId: (v: object) => number | undefined, made: ArrayBufferView[]): NormaliseContext {
  return {
    root,
    handleId,
    inputId: (v) => {
      const m = made.indexOf(v as ArrayBufferView);
      return m >= 0 ? m : undefined;
    },
  };
}

/** Prototype and own key order of a result (what util.inspect and JSON show). */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value);
  const kind = proto === null ? 'null-prototype' : proto.constructor?.name;
  return kind === 'FileHandle' ? kind : `${kind} {${Object.keys(value).join(',')}}`;
}

export type Settled = { ok: true; value: unknown } | { ok: false; error: unknown; sync?: boolean; notPromise?: boolean };

/** Waits for a started call's promise (or reports how it failed to start). */
export async function settleStarted(started: ReturnType<typeof startPromise>, timeoutMs: number): Promise<Settled> {
  if ('syncThrow' in started) return { ok: false, error: started.syncThrow, sync: true };
  if ('notPromise' in started) return { ok: false, error: started.notPromise, notPromise: true };
  try {
    return { ok: true, value: await withTimeout(started.promise!, timeoutMs) };
  } catch (error) {
    return { ok: false, error };
  }
}

function settle(c: Call, s: Side, r: Resolved, timeoutMs: number): Promise<Settled> {
  return settleStarted(startCall(c, s, r), timeoutMs);
}

/** Registers a handle an open call produced (in call order, so ids agree across sides). */
function adopt(c: Call, s: Side, out: Settled): void {
  if (c.on === 'fsp' && c.method === 'open' && out.ok && out.value && typeof out.value === 'object') {
    s.handles.push({ fh: out.value as Side['handles'][number]['fh'], append: c.opens?.append ?? false, writable: c.opens?.writable ?? false, closed: false });
  }
}

/** A settled promise as plain data: its value or error, and the buffers it was given as they are after. */
export function describeSettled(out: Settled, ctx: NormaliseContext, made: ArrayBufferView[]): Record<string, unknown> {
  const result: Record<string, unknown> = out.ok
    ? { resolved: normaliseValue(out.value, ctx), shape: shape(out.value) }
    : { rejected: normaliseError(out.error, ctx), ...(out.sync ? { threwSynchronously: true } : {}), ...(out.notPromise ? { returnedNonPromise: true } : {}) };
  if (made.length > 0) result.inputBuffersAfter = made.map((v) => normaliseValue(v, { root: ctx.root, handleId: () => undefined }));
  return result;
}

function describeOutcome(out: Settled, s: Side, r: Resolved): unknown {
  const handleId = (v: object) => {
    const i = s.handles.findIndex((h) => h.fh === v);
    return i >= 0 ? i : undefined;
  };
  return describeSettled(out, context(s.root, handleId, r.made), r.made);
}

async function runStep(step: Step, s: Side, timeoutMs: number): Promise<unknown> {
  if (step.kind === 'call') {
    const r = resolveCall(step.call, s);
    const out = await settle(step.call, s, r, timeoutMs);
    adopt(step.call, s, out);
    return describeOutcome(out, s, r);
  }
  if (step.kind === 'parallel') {
    const resolved = step.calls.map((c) => resolveCall(c, s));
    const outs = await Promise.all(step.calls.map((c, i) => settle(c, s, resolved[i], timeoutMs)));
    step.calls.forEach((c, i) => adopt(c, s, outs[i]));
    return outs.map((o, i) => describeOutcome(o, s, resolved[i]));
  }
  const entry = s.handles[step.handle];
  const buffer = Buffer.alloc(step.length);
  const read = { on: step.handle, method: 'read', args: [] } as Call;
  const close = { on: step.handle, method: 'close', args: [] } as Call;
  const [a, b] = await Promise.all([
    settle(read, s, { args: [buffer, 0, step.length, step.position], made: [buffer] }, timeoutMs),
    settle(close, s, { args: [], made: [] }, timeoutMs),
  ]);
  entry.closed = true;
  return [describeOutcome(a, s, { args: [], made: [buffer] }), describeOutcome(b, s, { args: [], made: [] })];
}

async function closeAll(s: Side): Promise<void> {
  for (const h of s.handles) {
    try {
      await h.fh.close();
    } catch {
      // Already closed or failing: the run's comparison has reported what matters.
    }
  }
}

/**
 * node's own cp() (which uring/promises delegates to) lstats source and destination at once
 * (getStats in lib/internal/fs/cp/cp.js, a SafePromiseAll of two lstats): when both fail,
 * whichever the thread pool finishes first is the error, on either side. Such a pair is not a
 * difference.
 */
export function cpStatRace(call: Call | undefined, expected: unknown, actual: unknown): boolean {
  if (call?.method !== 'cp') return false;
  // A rejection (promises), or the error a callback got first (the callback API).
  const statError = (o: unknown) => {
    const outcome = o as { rejected?: { syscall?: string }; callback?: [{ syscall?: string } | null] } | undefined;
    const e = outcome?.rejected ?? outcome?.callback?.[0] ?? undefined;
    return e !== undefined && e !== null && (e.syscall === 'lstat' || e.syscall === 'stat');
  };
  return statError(expected) && statError(actual);
}

/** fs/promises (node's, and a drop-in) as the runner drives it. */
export const promisesApi: Api<Fsp, Side, Step> = {
  labels: ['node:fs/promises', 'uring/promises'],
  side: (label, fsp, root) => ({ label, fsp, root, handles: [] }),
  generator: (seed, side, relativePaths) => new StepGenerator(seed, side, relativePaths),
  run: runStep,
  describe: describeStep,
  closeAll,
  equivalent: (step, expected, actual) => step.kind === 'call' && cpStatRace(step.call, expected, actual),
};
