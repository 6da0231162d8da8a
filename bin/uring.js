#!/usr/bin/env node
'use strict';
// The `uring` command: `uring doctor [--json]` says whether uring/promises will use io_uring here, and why not.
const path = require('node:path');

const USAGE = 'usage: uring doctor [--json] | uring --version\n';
const [command, ...rest] = process.argv.slice(2);

if (command === 'doctor') {
  const { main } = require(path.join(__dirname, '..', 'dist', 'doctor-cli.js'));
  process.exitCode = main(rest);
} else if (command === '--version' || command === '-v' || command === 'version') {
  process.stdout.write(`${require(path.join(__dirname, '..', 'package.json')).version}\n`);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(USAGE);
  process.exitCode = command === undefined ? 2 : 0;
} else {
  process.stderr.write(`uring: unknown command ${command}\n${USAGE}`);
  process.exitCode = 2;
}
