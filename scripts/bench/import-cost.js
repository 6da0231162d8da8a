'use strict';
// npm run bench:import [-- --runs=N] [--no-write]
// What importing uring/promises, and preloading uring/register, costs a process: whole
// `node -e` runs with and without the import, interleaved so that noise from other jobs falls
// on both, median of each (wall clock), and the difference. CommonJS require and ESM import
// (whose baseline imports an empty CommonJS module: node's ESM loader costs a few ms of its
// own); `-r uring/register` and `--import uring/register`, as an application starts with them
// (from the package's directory, so that the name resolves to this checkout). Each process also
// reports the CPU time it used up to its main script, which other jobs on the machine disturb far
// less than the wall clock. Writes benchmarks/import.json for BENCHMARKS.md.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./stats');

const ROOT = path.join(__dirname, '..', '..');
const PROMISES = path.join(ROOT, 'dist', 'promises', 'index.js');

// The main script's last statement: the CPU time (user + system, all threads) the process used so far, in µs.
const CPU = 'const u = process.cpuUsage(); process.stdout.write(String(u.user + u.system));';

/** A whole process: its wall-clock time and the CPU time it reports, in ms. */
function timed(args) {
  const t = process.hrtime.bigint();
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], cwd: ROOT });
  return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: Number(out) / 1000 };
}

function measure(runs) {
  const empty = path.join(os.tmpdir(), `uring-import-empty-${process.pid}.cjs`);
  fs.writeFileSync(empty, 'module.exports = {};\n');
  const cases = {
    bare: ['-e', CPU],
    require: ['-e', `require(${JSON.stringify(PROMISES)}); ${CPU}`],
    esmBaseline: ['--input-type=module', '-e', `import ${JSON.stringify(empty)}; ${CPU}`],
    esm: ['--input-type=module', '-e', `import * as fsp from ${JSON.stringify(PROMISES)}; fsp.backend; ${CPU}`],
    registerRequire: ['-r', 'uring/register', '-e', CPU],
    importBaseline: ['--import', empty, '-e', CPU],
    registerImport: ['--import', 'uring/register', '-e', CPU],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const load = os.loadavg()[0];
  try {
    for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) times[k].push(timed(args));
  } finally {
    fs.rmSync(empty, { force: true });
  }
  const costs = (field) => {
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v.map((x) => x[field]))]));
    return {
      bareMs: m.bare,
      requireOverBareMs: m.require - m.bare,
      esmOverEmptyModuleMs: m.esm - m.esmBaseline,
      esmOverBareMs: m.esm - m.bare,
      registerRequireOverBareMs: m.registerRequire - m.bare,
      registerImportOverBareMs: m.registerImport - m.bare,
      registerImportOverEmptyModuleMs: m.registerImport - m.importBaseline,
    };
  };
  return { date: new Date().toISOString().slice(0, 10), node: process.versions.node, runs, loadAverage: load, cores: os.cpus().length, ...costs('wall'), cpu: costs('cpu') };
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
  const c = r.cpu;
  console.log(`CPU time up to the main script (load average ${r.loadAverage.toFixed(1)}): bare ${c.bareMs.toFixed(1)} ms; require('uring/promises') +${c.requireOverBareMs.toFixed(1)}; ` +
    `ESM import +${c.esmOverEmptyModuleMs.toFixed(1)} over an empty module; -r uring/register +${c.registerRequireOverBareMs.toFixed(1)}; ` +
    `--import uring/register +${c.registerImportOverBareMs.toFixed(1)} (+${c.registerImportOverEmptyModuleMs.toFixed(1)} over --import of an empty module)`);
  if (write) {
    fs.mkdirSync(path.join(ROOT, 'benchmarks'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'benchmarks', 'import.json'), `${JSON.stringify(r, null, 2)}\n`);
    console.log('wrote benchmarks/import.json');
  }
}

if (require.main === module) main();
module.exports = { measure };
