'use strict';
// Longer differential runs than the tests make, and replays of a reported seed:
//   node scripts/promises-differential.js --seeds=1,2,3 --steps=1000 [--max-differences-per-seed=20]
//       [--in-worker=1] [--target=node:fs/promises] [--api=callback] [--report]
// Compares node:fs/promises with the built uring/promises (npm run build first), or with
// --api=callback node:fs's callbacks and streams with the built uring/fs, in twin temp
// folders, using the test harness (test/helpers, transpiled here), and prints a summary
// (with --report, every difference in full). Run it under the seccomp helper to test the
// fallback. Exit code 1 when there are differences.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const root = path.join(__dirname, '..');
const helpers = path.join(root, 'test', 'helpers');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-differential-'));
try {
  for (const file of fs.readdirSync(helpers).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(helpers, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  const args = process.argv.slice(2).filter((a) => a !== '--report');
  const dist = args.includes('--api=callback') ? 'fs' : 'promises';
  if (!args.some((a) => a.startsWith('--target='))) args.push(`--target=${path.join(root, 'dist', dist)}`);
  const line = execFileSync(process.execPath, [path.join(out, 'fs-differential.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const r = JSON.parse(line.trim().split('\n').pop());
  if (r.crashed) throw new Error(r.crashed);
  process.stdout.write(`backend ${r.backend ?? '(node)'}: ${r.steps} steps, ${r.differences.length} difference(s)\n`);
  for (const d of r.differences) process.stdout.write(`  seed ${d.seed} step ${d.step}: ${d.what.split('\n')[0].slice(0, 160)}\n`);
  if (process.argv.includes('--report') && r.report) process.stdout.write(`\n${r.report}\n`);
  process.exitCode = r.differences.length > 0 ? 1 : 0;
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
