'use strict';
// npm run bench:node [-- --majors=24,26] [bench options...]
// The benchmark on other Node majors (default: the LTS lines 24 and 26), each with that
// Node's own binary from scripts/node-versions.js, each written to its own block of
// BENCHMARKS.md. Options after the majors go to every run (default --quick).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { nodeFor } = require('../node-versions');

let majors = [24, 26];
const rest = [];
for (const a of process.argv.slice(2)) {
  if (a.startsWith('--majors=')) majors = a.slice(9).split(',').map(Number);
  else rest.push(a);
}
const args = rest.length > 0 ? rest : ['--quick'];
let failed = false;
for (const major of majors) {
  const node = nodeFor(major);
  console.log(`\n=== npm run bench ${args.join(' ')} on Node ${major} (${node}) ===`);
  const r = spawnSync(node, [path.join(__dirname, 'index.js'), '--node-block', ...args], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` },
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
