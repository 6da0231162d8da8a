// An application run under uring/register (--import, -r, NODE_OPTIONS) as users run one:
// test/fixtures/register-app/app.mjs, resolving `uring` by package name from its own
// node_modules. Its ESM and CommonJS importers of node:fs (default and named imports,
// fs.promises, node:fs/promises), its static file server (fs.stat + fs.createReadStream over
// node:http; open/write/fsync/close of uploads; each request's callbacks in its own
// AsyncLocalStorage context) and its worker threads all get uring's functions and the same
// results as without register; strace shows the served files read through io_uring_enter only.
// URING_DISABLE=1 and a seccomp filter that refuses io_uring leave node:fs as node's.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { appReport, runApp, useAppDir, type AppRun } from './helpers/app-dir';
import { lastJson } from './helpers/child';
import { noIoUring } from './helpers/no-io-uring';
import { parseStrace } from './helpers/strace-log';

interface Report {
  register?: { backend: string; backendReason: string };
  importers: Record<string, { uring: boolean }>;
  http: Record<string, string>;
  workers: Record<'file' | 'eval', { uring: boolean; failed?: string }>;
}

const app = useAppDir('register-app');
const run = (options: AppRun = {}): Report => appReport<Report>(app(), 'app.mjs', [], options);

// What the app saw, less which functions it held: the same with and without register.
function results(r: Report): unknown {
  const strip = (o: Record<string, { uring: boolean }>) => Object.fromEntries(Object.entries(o).map(([k, { uring: _, ...v }]) => [k, v]));
  return { importers: strip(r.importers), http: r.http, workers: strip(r.workers) };
}

const uringFlags = (r: Report) => ({
  ...Object.fromEntries(Object.entries(r.importers).map(([k, v]) => [k, v.uring])),
  'worker from a file': r.workers.file.uring,
  'worker from eval': r.workers.eval.uring,
});
const allUring = (r: Report, value: boolean) => Object.fromEntries(Object.keys(uringFlags(r)).map((k) => [k, value]));

let baseline: Report;
beforeAll(() => {
  baseline = run();
}, 120000);

test('without register, the app runs on node:fs: every body identical, results as expected', () => {
  expect(baseline.register).toBeUndefined();
  expect(uringFlags(baseline)).toEqual(allUring(baseline, false));
  expect(baseline.http).toEqual({
    '4k': '200 4096 identical',
    '64k': '200 65536 identical',
    '1m': '200 1048576 identical',
    saved: '200 saved, 200 saved, 200 saved, 200 saved',
    missing: '404 ENOENT',
    'callbacks in another request\'s context': 0,
  });
  expect(baseline.importers['esm named imports']).toEqual({ uring: false, text: 'written by callbacks, appended', size: 30, pread: [7, 'callbac'], missing: 'ENOENT stat' });
  expect(baseline.importers['cjs fs/promises']).toEqual({ uring: false, text: 'written by promises, appended', size: 29, pread: [8, 'promises'], missing: 'ENOENT stat' });
  expect(baseline.workers.file).toEqual({ uring: false, cb: expect.any(Object), p: expect.any(Object) });
});

test.each([
  ['node -r uring/register', { preload: ['-r', 'uring/register'] }],
  ['NODE_OPTIONS=-r uring/register', { env: { NODE_OPTIONS: '-r uring/register' } }],
  ['node --import uring/register', { preload: ['--import', 'uring/register'] }],
  ['NODE_OPTIONS=--import uring/register', { env: { NODE_OPTIONS: '--import uring/register' } }],
])('%s: every importer and worker thread is on io_uring, with the same results', (_, options) => {
  const r = run(options);
  expect(r.register).toEqual({ backend: 'io_uring', backendReason: expect.stringMatching(/^io_uring ring of 256 entries/) });
  expect(uringFlags(r)).toEqual(allUring(r, true));
  expect(results(r)).toEqual(results(baseline));
}, 120000);

test('URING_DISABLE=1: register leaves node:fs as node\'s and says why', () => {
  const r = run({ preload: ['--import', 'uring/register'], env: { URING_DISABLE: '1' } });
  expect(r.register).toEqual({ backend: 'fs', backendReason: 'URING_DISABLE=1 is set: node:fs is left as it is' });
  expect(uringFlags(r)).toEqual(allUring(r, false));
  expect(results(r)).toEqual(results(baseline));
}, 120000);

test('io_uring_setup refused by seccomp: register changes nothing, says why, and the app still works', () => {
  const r = run({ preload: ['--import', 'uring/register'], prefix: noIoUring() });
  expect(r.register).toEqual({ backend: 'fs', backendReason: expect.stringMatching(/^io_uring is unavailable \(EPERM: .*io_uring_setup.*seccomp/) });
  expect(uringFlags(r)).toEqual(allUring(r, false));
  expect(results(r)).toEqual(results(baseline));
}, 120000);

// strace -y names each fd's file, including those io_uring opened, which openat never shows.
const STRACE = '/usr/bin/strace';
const READS = ['read', 'pread64', 'readv', 'preadv', 'preadv2'];
const noStrace = spawnSync(STRACE, ['-f', '-o', '/dev/null', 'true']).status === 0 ? undefined : `${STRACE} cannot run or ptrace here`;
if (noStrace) console.warn(`register-app strace tests skipped: ${noStrace}`);

function traced(preload: string[]): { report: Report; calls: Record<string, number> } {
  const log = path.join(app(), `strace-${preload.length}.log`);
  const child = runApp(app(), 'app.mjs', [], { preload, prefix: [STRACE, '-f', '-y', '-o', log, '-e', `trace=io_uring_enter,${READS.join(',')}`] });
  try {
    const served = path.join(child.work, 'served') + '/';
    const calls: Record<string, number> = { io_uring_enter: 0, 'reads of served files': 0 };
    for (const e of parseStrace(readFileSync(log, 'utf8'))) {
      if (e.syscall === 'io_uring_enter') calls.io_uring_enter++;
      else if (READS.includes(e.syscall) && /^\d+<([^>]*)>/.exec(e.args)?.[1].startsWith(served)) calls['reads of served files']++;
    }
    return { report: lastJson<Report>(child), calls };
  } finally {
    rmSync(log, { force: true });
  }
}

(noStrace ? describe.skip : describe)('strace -f of the app', () => {
  test('without register, node reads the served files with read(2) on its thread pool', () => {
    const { report, calls } = traced([]);
    expect(results(report)).toEqual(results(baseline));
    expect(calls['reads of served files']).toBeGreaterThan(0);
  }, 120000);

  test('with --import uring/register, every read of a served file goes through io_uring_enter', () => {
    const { report, calls } = traced(['--import', 'uring/register']);
    expect(report.register?.backend).toBe('io_uring');
    expect(results(report)).toEqual(results(baseline));
    expect(calls).toEqual({ io_uring_enter: expect.any(Number), 'reads of served files': 0 });
    expect(calls.io_uring_enter).toBeGreaterThan(0);
  }, 120000);
});
