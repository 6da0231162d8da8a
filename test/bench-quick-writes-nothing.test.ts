// `npm run bench -- --quick` leaves the committed BENCHMARKS.md, results and chart as they
// are (a quick run is noisy); `--write` writes them: a partial run only the cells it measured,
// the rest kept, BENCHMARKS.md saying which run they came from. Run on a copy of the package's
// files so that a failure cannot dirty the work tree.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from './helpers/child';

const COMMITTED = ['BENCHMARKS.md', 'benchmarks/results.json', 'benchmarks/chart.svg'];
let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-bench-root-'));
  for (const d of ['scripts', 'benchmarks']) fs.cpSync(path.join(packageRoot, d), path.join(root, d), { recursive: true });
  fs.copyFileSync(path.join(packageRoot, 'BENCHMARKS.md'), path.join(root, 'BENCHMARKS.md'));
  for (const l of ['dist', 'build', 'node_modules', 'package.json']) fs.symlinkSync(path.join(packageRoot, l), path.join(root, l));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const snapshot = () => COMMITTED.map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
const bench = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'scripts', 'bench', 'index.js'),
  '--quick', '--only=read4k-qd1', '--backends=ring,fsp', '--rounds=1', '--ms=20', ...args], { encoding: 'utf8', timeout: 60000 });

test('--quick prints its table and writes nothing; --quick --write writes the cells it measured', () => {
  const before = snapshot();
  const out = bench();
  expect(out).toMatch(/^4 KiB random read, QD 1 /m);
  expect(out).toContain('not written');
  expect(snapshot()).toEqual(before);

  const committed = JSON.parse(before[1]);
  bench('--write');
  const results = JSON.parse(fs.readFileSync(path.join(root, 'benchmarks', 'results.json'), 'utf8'));
  expect(results.rowRuns['read4k-qd1']).toMatchObject({ quick: true, rounds: 1, ms: 20, backends: ['ring', 'fsp'] });
  expect(results.cells['read4k-qd1'].ring.rounds).toHaveLength(1);
  // The other cells, and the other rows, are the committed run's.
  expect(results.cells['read4k-qd1']['uring-promises']).toEqual(committed.cells['read4k-qd1']['uring-promises']);
  expect(results.cells.stat).toEqual(committed.cells.stat);
  expect(results.date).toBe(committed.date);
  const md = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
  expect(md).toMatch(/In the row "4 KiB random read, QD 1", Ring batch API, node:fs\/promises are from a later run, .*--write` --quick, 1 rounds of 20 ms/);
});
