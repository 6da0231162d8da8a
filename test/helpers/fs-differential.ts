// Differential runner: the same seeded steps against two fs/promises implementations in
// twin temp folders, in lockstep, comparing normalised results, errors and both trees.
// Also a CLI (`node fs-differential.js --target=<module> --seeds=1,2 --steps=300
// [--max-differences-per-seed=N] [--in-worker=1]`) for child processes, e.g. under the
// seccomp helper, on a worker thread, and for longer exploratory runs; it prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, types } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { AbortedSignal, BufRef, HandleRef, PathRef, StepGenerator, seedTree, describeStep, type Call, type Fsp, type Side, type Step } from './fs-ops';
import { normaliseError, normaliseValue, snapshotTree, type NormaliseContext } from './fs-normalise';

export interface Difference {
  seed: number;
  step: number;
  what: string;
  expected: unknown;
  actual: unknown;
}

export interface RunResult {
  steps: number;
  differences: Difference[];
}

export interface RunOptions {
  seeds: number[];
  steps: number;
  /** Compare both trees every this many steps (and always at the end). */
  treeEvery?: number;
  /** An operation that has not settled after this long counts as a hang. */
  timeoutMs?: number;
  /** Use paths relative to process.cwd() (default true; chdir is impossible on worker threads). */
  relativePaths?: boolean;
  /** Stop a seed after this many differences (default 1: the trees may diverge after one). */
  maxDifferencesPerSeed?: number;
  /** Sees every step with node's normalised outcome (used to measure what a run covers). */
  onStep?: (step: Step, expected: unknown) => void;
}

// ---- per-side resolution of placeholders ----

interface Resolved {
  args: unknown[];
  made: ArrayBufferView[];
}

function resolveArg(a: unknown, s: Side, made: ArrayBufferView[]): unknown {
  if (a instanceof PathRef) return a.resolve(s);
  if (a instanceof HandleRef) return s.handles[a.id]?.fh;
  if (a instanceof BufRef) {
    const view = a.make();
    made.push(view);
    return view;
  }
  if (a instanceof AbortedSignal) return AbortSignal.abort();
  if (Array.isArray(a)) return a.map((x) => resolveArg(x, s, made));
  if (a && typeof a === 'object' && Object.getPrototypeOf(a) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a)) out[k] = resolveArg(v, s, made);
    return out;
  }
  return a;
}

function resolveCall(c: Call, s: Side): Resolved {
  const made: ArrayBufferView[] = [];
  return { args: c.args.map((a) => resolveArg(a, s, made)), made };
}

type AnyFn = (...args: unknown[]) => unknown;

/** Starts the call; returns how it started (a sync throw is a difference from Node). */
function startCall(c: Call, s: Side, r: Resolved): { promise?: Promise<unknown>; syncThrow?: unknown; notPromise?: unknown } {
  const target: Record<string, unknown> = c.on === 'fsp' ? (s.fsp as unknown as Record<string, unknown>) : (s.handles[c.on].fh as unknown as Record<string, unknown>);
  if (c.on !== 'fsp' && c.method === 'close') s.handles[c.on].closed = true;
  try {
    const p = (target[c.method] as AnyFn).apply(target, r.args);
    // A native promise, as every fs/promises function returns (realm-independent check).
    if (!types.isPromise(p)) return { notPromise: p };
    return { promise: p };
  } catch (err) {
    return { syncThrow: err };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function context(s: Side, made: ArrayBufferView[]): NormaliseContext {
  return {
    root: s.root,
    handleId: (v) => {
      const i = s.handles.findIndex((h) => h.fh === v);
      return i >= 0 ? i : undefined;
    },
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

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown; sync?: boolean; notPromise?: boolean };

async function settle(c: Call, s: Side, r: Resolved, timeoutMs: number): Promise<Settled> {
  const started = startCall(c, s, r);
  if ('syncThrow' in started) return { ok: false, error: started.syncThrow, sync: true };
  if ('notPromise' in started) return { ok: false, error: started.notPromise, notPromise: true };
  try {
    return { ok: true, value: await withTimeout(started.promise!, timeoutMs) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Registers a handle an open call produced (in call order, so ids agree across sides). */
function adopt(c: Call, s: Side, out: Settled): void {
  if (c.on === 'fsp' && c.method === 'open' && out.ok && out.value && typeof out.value === 'object') {
    s.handles.push({ fh: out.value as Side['handles'][number]['fh'], append: c.opens?.append ?? false, writable: c.opens?.writable ?? false, closed: false });
  }
}

function describeOutcome(out: Settled, s: Side, r: Resolved): unknown {
  const ctx = context(s, r.made);
  const result: Record<string, unknown> = out.ok
    ? { resolved: normaliseValue(out.value, ctx), shape: shape(out.value) }
    : { rejected: normaliseError(out.error, ctx), ...(out.sync ? { threwSynchronously: true } : {}), ...(out.notPromise ? { returnedNonPromise: true } : {}) };
  if (r.made.length > 0) result.inputBuffersAfter = r.made.map((v) => normaliseValue(v, { root: s.root, handleId: () => undefined }));
  return result;
}

/** Runs a step with process.cwd() at the side's root (relative paths), restoring it after. */
async function runStep(step: Step, s: Side, timeoutMs: number, relativePaths: boolean): Promise<unknown> {
  if (!relativePaths) return runStepHere(step, s, timeoutMs);
  const cwd = process.cwd();
  process.chdir(s.root);
  try {
    return await runStepHere(step, s, timeoutMs);
  } finally {
    process.chdir(cwd);
  }
}

async function runStepHere(step: Step, s: Side, timeoutMs: number): Promise<unknown> {
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

function treeDifference(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> | undefined {
  const diff: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!isDeepStrictEqual(a[key], b[key])) diff[key] = { expected: a[key] ?? '<absent>', actual: b[key] ?? '<absent>' };
  }
  return Object.keys(diff).length > 0 ? diff : undefined;
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
function cpStatRace(step: Step, expected: unknown, actual: unknown): boolean {
  if (step.kind !== 'call' || step.call.method !== 'cp') return false;
  const statError = (o: unknown) => {
    const e = (o as { rejected?: { syscall?: string } } | undefined)?.rejected;
    return e !== undefined && (e.syscall === 'lstat' || e.syscall === 'stat');
  };
  return statError(expected) && statError(actual);
}

/** Runs one seed in lockstep; stops at the first difference(s) (the trees may diverge after one). */
export async function runSeed(expectedFsp: Fsp, actualFsp: Fsp, seed: number, steps: number, opts: RunOptions): Promise<{ steps: number; differences: Difference[] }> {
  const rootA = mkdtempSync(path.join(tmpdir(), 'uring-diff-a-'));
  const rootB = mkdtempSync(path.join(tmpdir(), 'uring-diff-b-'));
  const a: Side = { label: 'expected', fsp: expectedFsp, root: rootA, handles: [] };
  const b: Side = { label: 'actual', fsp: actualFsp, root: rootB, handles: [] };
  seedTree(rootA);
  seedTree(rootB);
  const relativePaths = opts.relativePaths ?? true;
  const gen = new StepGenerator(seed, a, relativePaths);
  const timeoutMs = opts.timeoutMs ?? 10000;
  const treeEvery = opts.treeEvery ?? 25;
  const maxDifferences = opts.maxDifferencesPerSeed ?? 1;
  let done = 0;
  const differences: Difference[] = [];
  let difference: Difference | undefined;
  try {
    for (let i = 0; i < steps && differences.length < maxDifferences; i++) {
      difference = undefined;
      const step = gen.next();
      const expected = await runStep(step, a, timeoutMs, relativePaths);
      const actual = await runStep(step, b, timeoutMs, relativePaths);
      done++;
      opts.onStep?.(step, expected);
      if (!isDeepStrictEqual(expected, actual) && !cpStatRace(step, expected, actual)) {
        difference = { seed, step: i, what: describeStep(step), expected, actual };
      } else if ((i + 1) % treeEvery === 0 || i === steps - 1) {
        const tree = treeDifference(snapshotTree(rootA), snapshotTree(rootB));
        if (tree) difference = { seed, step: i, what: `trees differ after ${describeStep(step)}`, expected: 'same tree', actual: tree };
      }
      if (difference) differences.push(difference);
    }
    await closeAll(a);
    await closeAll(b);
    if (differences.length === 0) {
      const tree = treeDifference(snapshotTree(rootA), snapshotTree(rootB));
      if (tree) differences.push({ seed, step: steps, what: 'trees differ after closing all handles', expected: 'same tree', actual: tree });
    }
  } finally {
    rmSync(rootA, { recursive: true, force: true });
    rmSync(rootB, { recursive: true, force: true });
  }
  return { steps: done, differences };
}

export async function runDifferential(expectedFsp: Fsp, actualFsp: Fsp, opts: RunOptions): Promise<RunResult> {
  const differences: Difference[] = [];
  let steps = 0;
  for (const seed of opts.seeds) {
    const r = await runSeed(expectedFsp, actualFsp, seed, opts.steps, opts);
    steps += r.steps;
    differences.push(...r.differences);
  }
  return { steps, differences };
}

/** A readable report: seed, step, the call, and both outcomes. */
export function formatDifferences(diffs: Difference[]): string {
  return diffs
    .map((d) => [
      `seed ${d.seed} step ${d.step}: ${d.what}`,
      `  node:fs/promises: ${JSON.stringify(d.expected, null, 2).replace(/\n/g, '\n  ')}`,
      `  uring/promises:   ${JSON.stringify(d.actual, null, 2).replace(/\n/g, '\n  ')}`,
    ].join('\n'))
    .join('\n\n');
}

async function main(): Promise<void> {
  const arg = (name: string, dflt: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  if (arg('in-worker', '0') === '1') {
    // The same run on a worker thread (its own ring); the worker prints the JSON line.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(__filename, { argv: process.argv.slice(2).filter((a) => !a.startsWith('--in-worker=')) });
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
    });
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const actual = require(arg('target', 'node:fs/promises')) as Fsp & { backend?: string; backendReason?: string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const expected = require('node:fs/promises') as Fsp;
  const seeds = arg('seeds', '1').split(',').map(Number);
  const result = await runDifferential(expected, actual, {
    seeds,
    steps: Number(arg('steps', '300')),
    maxDifferencesPerSeed: Number(arg('max-differences-per-seed', '1')),
    relativePaths: isMainThread,
  });
  process.stdout.write(`${JSON.stringify({ backend: actual.backend, ...result, report: formatDifferences(result.differences) })}\n`);
}

if (require.main === module || (!isMainThread && process.argv.some((a) => a.startsWith('--target=')))) {
  main().catch((err) => {
    process.stdout.write(`${JSON.stringify({ crashed: String(err?.stack ?? err) })}\n`);
    process.exitCode = 1;
  });
}
