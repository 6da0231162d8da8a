'use strict';
// npm run bench:import [-- --runs=N] [--no-write]
// What importing uring/promises, and preloading uring/register, costs a process: whole
// `node -e` runs with and without the import, interleaved so that noise from other jobs falls
// on both, median of each (wall clock), and the difference. CommonJS require and ESM import
// (whose baseline imports an empty CommonJS module: node's ESM loader costs a few ms of its
// own); `-r uring/register` and `--import uring/register`, as an application starts with them
// (from the package's directory, so that the name resolves to this checkout). Writes
// benchmarks/import.json for BENCHMARKS.md.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./stats');

const ROOT = path.join(__dirname, '..', '..');
const PROMISES = path.join(ROOT, 'dist', 'promises', 'index.js');

function wallMs(args) {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore', cwd: ROOT });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function measure(runs) {
  const empty = path.join(os.tmpdir(), `uring-import-empty-${process.pid}.cjs`);
  fs.writeFileSync(empty, 'module.exports = {};\n');
  const cases = {
    bare: ['-e', ''],
    require: ['-e', `require(${JSON.stringify(PROMISES)})`],
    esmBaseline: ['--input-type=module', '-e', `import ${JSON.stringify(empty)};`],
    esm: ['--input-type=module', '-e', `import * as fsp from ${JSON.stringify(PROMISES)}; fsp.backend;`],
    registerRequire: ['-r', 'uring/register', '-e', ''],
    importBaseline: ['--import', empty, '-e', ''],
    registerImport: ['--import', 'uring/register', '-e', ''],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  try {
    for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) times[k].push(wallMs(args));
  } finally {
    fs.rmSync(empty, { force: true });
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.versions.node,
    runs,
    bareMs: m.bare,
    requireOverBareMs: m.require - m.bare,
    esmOverEmptyModuleMs: m.esm - m.esmBaseline,
    esmOverBareMs: m.esm - m.bare,
    registerRequireOverBareMs: m.registerRequire - m.bare,
    registerImportOverBareMs: m.registerImport - m.bare,
    registerImportOverEmptyModuleMs: m.registerImport - m.importBaseline,
  };
}

function main() {
  let runs = 40;
  let write = true;
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--runs=')) runs = Number(a.slice(7));
    else if (a === '--no-write') write = false;
    else throw new Error(`unknown option ${a}`);
  }
  const r = measure(runs);
  console.log(`bare node -e '': ${r.bareMs.toFixed(1)} ms (median of ${runs})`);
  console.log(`require('uring/promises'): +${r.requireOverBareMs.toFixed(1)} ms over bare node`);
  console.log(`ESM import of uring/promises (reading backend): +${r.esmOverEmptyModuleMs.toFixed(1)} ms over importing an empty CommonJS module, +${r.esmOverBareMs.toFixed(1)} ms over bare node`);
  console.log(`node -r uring/register: +${r.registerRequireOverBareMs.toFixed(1)} ms over bare node`);
  console.log(`node --import uring/register: +${r.registerImportOverBareMs.toFixed(1)} ms over bare node, +${r.registerImportOverEmptyModuleMs.toFixed(1)} ms over --import of an empty CommonJS module`);
  if (write) {
    fs.mkdirSync(path.join(ROOT, 'benchmarks'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'benchmarks', 'import.json'), `${JSON.stringify(r, null, 2)}\n`);
    console.log('wrote benchmarks/import.json');
  }
}

if (require.main === module) main();
module.exports = { measure };
