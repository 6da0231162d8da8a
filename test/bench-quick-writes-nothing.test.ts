// `npm run bench -- --quick` leaves the committed BENCHMARKS.md, results and chart as they
// are (a quick run is noisy); `--write` writes them. Run on a copy of the package's files so
// that a failure cannot dirty the work tree.
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

test('--quick prints its table and writes nothing; --quick --write writes the results', () => {
  const before = snapshot();
  const out = bench();
  expect(out).toMatch(/^4 KiB random read, QD 1 /m);
  expect(out).toContain('not written');
  expect(snapshot()).toEqual(before);

  bench('--write');
  const results = JSON.parse(fs.readFileSync(path.join(root, 'benchmarks', 'results.json'), 'utf8'));
  expect(results.profile.quick).toBe(true);
  expect(results.workloads.map((w: { id: string }) => w.id)).toEqual(['read4k-qd1']);
  expect(fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8')).toContain('npm run bench -- --quick');
});
