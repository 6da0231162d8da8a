'use strict';
// Whether a command is on PATH (the set-up and build scripts ask before they use or install one).
const { spawnSync } = require('node:child_process');

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

module.exports = { has };
