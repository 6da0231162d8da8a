'use strict';
// `--name value` numeric options of the scripts (fuzz, overflow, soak), with a default when absent.
const argv = process.argv.slice(2);

function arg(name, dflt) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
}

module.exports = { arg };
