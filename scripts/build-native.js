'use strict';
// `npm run build:native`: node-gyp rebuild against the running Node's headers (no download).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { nodeHeadersEnv } = require('./node-headers');

const root = path.join(__dirname, '..');
const gyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] });
const r = spawnSync(process.execPath, [gyp, 'rebuild', ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, ...nodeHeadersEnv() },
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
