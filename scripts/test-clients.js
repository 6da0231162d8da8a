'use strict';
// npm run test:clients [-- jest args...]
// The whole-application tests: real libraries (send, serve-static, write-file-atomic,
// fs-extra, and tar-fs's own test suite; test/clients/) and an application
// (test/register-app.test.ts) run as child processes with and without
// `--import uring/register`, compared. They are part of `npm test`
// too; this runs them alone, on the built package (npm runs `build` first).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

const r = spawnSync(process.execPath, [JEST, 'test/clients/', 'test/register-app.test.ts', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
