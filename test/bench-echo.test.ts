// npm run bench's loopback echo: `--only=echo` measures examples/echo-server.js and a node:net
// echo server at 64 connections over 127.0.0.1, prints messages/s for both, and with --write
// puts its section into BENCHMARKS.md and results.json, leaving the other rows as committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from './helpers/child';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-bench-echo-'));
  for (const d of ['scripts', 'benchmarks']) fs.cpSync(path.join(packageRoot, d), path.join(root, d), { recursive: true });
  fs.copyFileSync(path.join(packageRoot, 'BENCHMARKS.md'), path.join(root, 'BENCHMARKS.md'));
  for (const l of ['dist', 'build', 'node_modules', 'package.json', 'examples']) fs.symlinkSync(path.join(packageRoot, l), path.join(root, l));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test('--quick --only=echo prints both servers; --write adds the echo section and keeps the rest', () => {
  const run = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'scripts', 'bench', 'index.js'), '--quick', '--only=echo', ...args],
    { encoding: 'utf8', timeout: 120000 });
  const out = run();
  expect(out).toMatch(/echo over 127\.0\.0\.1, 64 connections: Ring [\d,]+ messages\/s \([\d.]+x node:net\), node:net [\d,]+ messages\/s/);
  expect(out).toContain('not written');
  const committed = JSON.parse(fs.readFileSync(path.join(root, 'benchmarks', 'results.json'), 'utf8'));
  run('--write');
  const results = JSON.parse(fs.readFileSync(path.join(root, 'benchmarks', 'results.json'), 'utf8'));
  expect(results.echo.profile).toMatchObject({ connections: 64, quick: true });
  expect(results.echo.cells.ring.median).toBeGreaterThan(0);
  expect(results.echo.cells.net.median).toBeGreaterThan(0);
  expect(results.cells).toEqual(committed.cells);
  const md = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
  expect(md).toMatch(/### Loopback echo: Ring vs node:net \(.*--quick\)/);
  expect(md).toMatch(/\| Ring \(examples\/echo-server\.js\) \| [\d,]+ \| [\d.]+x \|/);
});
