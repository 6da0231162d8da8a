'use strict';
// npm run test:matrix [-- --majors=22,24] [jest args...]
// Runs the whole jest suite once per supported Node major (20, 22, 24, 26) with the one
// Node-API build: each major's binary comes from scripts/node-versions.js. Child processes
// of the tests (process.execPath, and `node` on PATH for npm) are that major too. Exits
// non-zero if any major failed, after running them all.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { SUPPORTED, nodeFor } = require('./node-versions');

const ROOT = path.join(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

function main() {
  let majors = SUPPORTED;
  const jestArgs = [];
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--majors=')) majors = a.slice(9).split(',').map(Number);
    else jestArgs.push(a);
  }
  const outcome = [];
  for (const major of majors) {
    const node = nodeFor(major);
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`\n=== Node ${version} (${node}) ===`);
    const r = spawnSync(node, [JEST, ...jestArgs], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` },
    });
    outcome.push([version, r.status === 0 ? 'passed' : `failed (${r.status ?? r.signal})`]);
  }
  console.log('\n=== test:matrix ===');
  for (const [version, result] of outcome) console.log(`Node ${version}: ${result}`);
  process.exit(outcome.every(([, result]) => result === 'passed') ? 0 : 1);
}

main();
