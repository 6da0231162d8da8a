'use strict';
// `npm run prebuild`: prebuildify for the running Node, offline. Left alone, prebuildify
// --napi targets the newest Node it knows and node-gyp downloads that version's headers;
// a Node-API addon builds the same against the local headers, so point node-gyp at them.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = { ...process.env };
const prefix = path.resolve(process.execPath, '..', '..');
if (!env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) {
  env.npm_config_nodedir = prefix;
}

const bin = require.resolve('prebuildify/bin.js', { paths: [root] });
const args = [bin, '--napi', '--strip', '--tag-libc', '--target', `node@${process.versions.node}`, ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
