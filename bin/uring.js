#!/usr/bin/env node
'use strict';
// The `uring` command: `uring doctor [--json]` explains whether io_uring is usable here.
const path = require('node:path');

const USAGE = 'usage: uring doctor [--json]\n';
const [command, ...rest] = process.argv.slice(2);

if (command === 'doctor') {
  const { main } = require(path.join(__dirname, '..', 'dist', 'doctor.js'));
  process.exitCode = main(rest);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(USAGE);
  process.exitCode = command === undefined ? 2 : 0;
} else {
  process.stderr.write(`uring: unknown command ${command}\n${USAGE}`);
  process.exitCode = 2;
}
