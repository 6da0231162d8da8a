// Differential runner: the same seeded steps against two implementations of an fs API
// (fs/promises, or the callback API with --api=callback) in twin temp folders, in lockstep,
// comparing normalised results, errors and both trees.
// Also a CLI (`node fs-differential.js --target=<module> --seeds=1,2 --steps=300
// [--api=callback] [--max-differences-per-seed=N] [--in-worker=1]`) for child processes, e.g.
// under the seccomp helper, on a worker thread, and for longer exploratory runs; it prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { callbackApi } from './fs-callback-steps';
import { seedTree, type Fsp, type Step } from './fs-ops';
import { snapshotTree } from './fs-normalise';
import { promisesApi } from './fs-promises-steps';

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

/** How the runner drives one fs API: `Impl` the module, `S` one side's state, `St` a step. */
export interface Api<Impl, S extends { root: string }, St> {
  /** The reference's and the implementation's names, for reports. */
  labels: [string, string];
  side(label: string, impl: Impl, root: string): S;
  generator(seed: number, side: S, relativePaths: boolean): { next(): St };
  /** Runs a step on a side (process.cwd() is the side's root when paths are relative). */
  run(step: St, side: S, timeoutMs: number): Promise<unknown>;
  describe(step: St): string;
  closeAll(side: S): Promise<void>;
  /** Outcomes that differ only where node itself is nondeterministic. */
  equivalent?(step: St, expected: unknown, actual: unknown): boolean;
}

/** Runs a step with process.cwd() at the side's root (relative paths), restoring it after. */
async function runStep<S extends { root: string }, St>(api: Api<unknown, S, St>, step: St, s: S, timeoutMs: number, relativePaths: boolean): Promise<unknown> {
  if (!relativePaths) return api.run(step, s, timeoutMs);
  const cwd = process.cwd();
  process.chdir(s.root);
  try {
    return await api.run(step, s, timeoutMs);
  } finally {
    process.chdir(cwd);
  }
}

function treeDifference(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> | undefined {
  const diff: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!isDeepStrictEqual(a[key], b[key])) diff[key] = { expected: a[key] ?? '<absent>', actual: b[key] ?? '<absent>' };
  }
  return Object.keys(diff).length > 0 ? diff : undefined;
}

/** Runs one seed in lockstep; stops at the first difference(s) (the trees may diverge after one). */
export async function runSeed<Impl, S extends { root: string }, St>(api: Api<Impl, S, St>, expectedImpl: Impl, actualImpl: Impl, seed: number, steps: number, opts: RunOptions): Promise<{ steps: number; differences: Difference[] }> {
  const rootA = mkdtempSync(path.join(tmpdir(), 'uring-diff-a-'));
  const rootB = mkdtempSync(path.join(tmpdir(), 'uring-diff-b-'));
  const a = api.side('expected', expectedImpl, rootA);
  const b = api.side('actual', actualImpl, rootB);
  seedTree(rootA);
  seedTree(rootB);
  const relativePaths = opts.relativePaths ?? true;
  const gen = api.generator(seed, a, relativePaths);
  const run = api as Api<unknown, S, St>;
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
      const expected = await runStep(run, step, a, timeoutMs, relativePaths);
      const actual = await runStep(run, step, b, timeoutMs, relativePaths);
      done++;
      opts.onStep?.(step as Step, expected);
      if (!isDeepStrictEqual(expected, actual) && !api.equivalent?.(step, expected, actual)) {
        difference = { seed, step: i, what: api.describe(step), expected, actual };
      } else if ((i + 1) % treeEvery === 0 || i === steps - 1) {
        const tree = treeDifference(snapshotTree(rootA), snapshotTree(rootB));
        if (tree) difference = { seed, step: i, what: `trees differ after ${api.describe(step)}`, expected: 'same tree', actual: tree };
      }
      if (difference) differences.push(difference);
    }
    await api.closeAll(a);
    await api.closeAll(b);
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

/** Every seed in turn, with `api` (the callback API's, or fs/promises' by default). */
export async function runDifferentialWith<Impl, S extends { root: string }, St>(api: Api<Impl, S, St>, expected: Impl, actual: Impl, opts: RunOptions): Promise<RunResult> {
  const differences: Difference[] = [];
  let steps = 0;
  for (const seed of opts.seeds) {
    const r = await runSeed(api, expected, actual, seed, opts.steps, opts);
    steps += r.steps;
    differences.push(...r.differences);
  }
  return { steps, differences };
}

export function runDifferential(expectedFsp: Fsp, actualFsp: Fsp, opts: RunOptions): Promise<RunResult> {
  return runDifferentialWith(promisesApi, expectedFsp, actualFsp, opts);
}

/** A readable report: seed, step, the call, and both outcomes. */
export function formatDifferences(diffs: Difference[], labels = promisesApi.labels): string {
  const width = Math.max(...labels.map((l) => l.length)) + 1;
  return diffs
    .map((d) => [
      `seed ${d.seed} step ${d.step}: ${d.what}`,
      `  ${`${labels[0]}:`.padEnd(width)} ${JSON.stringify(d.expected, null, 2).replace(/\n/g, '\n  ')}`,
      `  ${`${labels[1]}:`.padEnd(width)} ${JSON.stringify(d.actual, null, 2).replace(/\n/g, '\n  ')}`,
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
  const callbacks = arg('api', 'promises') === 'callback';
  const reference = callbacks ? 'node:fs' : 'node:fs/promises';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const actual = require(arg('target', reference)) as Fsp & { backend?: string; promises?: { backend?: string } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const expected = require(reference) as Fsp;
  const api = (callbacks ? callbackApi : promisesApi) as unknown as Api<Fsp, { root: string }, unknown>;
  const result = await runDifferentialWith(api, expected, actual, {
    seeds: arg('seeds', '1').split(',').map(Number),
    steps: Number(arg('steps', '300')),
    maxDifferencesPerSeed: Number(arg('max-differences-per-seed', '1')),
    relativePaths: isMainThread,
  });
  // uring/fs's backend is its shared ring's, which uring/promises reports.
  const backend = callbacks ? actual.promises?.backend : actual.backend;
  process.stdout.write(`${JSON.stringify({ backend, ...result, report: formatDifferences(result.differences, api.labels) })}\n`);
}

if (require.main === module || (!isMainThread && process.argv.some((a) => a.startsWith('--target=')))) {
  main().catch((err) => {
    process.stdout.write(`${JSON.stringify({ crashed: String(err?.stack ?? err) })}\n`);
    process.exitCode = 1;
  });
}
