'use strict';
// The C liburing reference: compiled at run time from ref.c, run once per round.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function pkgConfig(arg) {
  return execFileSync('pkg-config', [arg, 'liburing'], { encoding: 'utf8' }).trim();
}

/** Compiles ref.c into `dir`; returns {bin} or {reason}. */
function build(dir) {
  try {
    const bin = path.join(dir, 'ref');
    const archive = path.join(pkgConfig('--variable=libdir'), 'liburing.a');
    const cflags = pkgConfig('--cflags').split(/\s+/).filter(Boolean);
    execFileSync('cc', ['-O2', '-o', bin, path.join(__dirname, 'ref.c'), ...cflags, archive], { stdio: 'pipe' });
    return { bin };
  } catch (err) {
    return { reason: `could not build the C reference: ${String(err.stderr || err.message).split('\n')[0]}` };
  }
}

function args(w, fx) {
  switch (w.kind) {
    case 'nop': return ['nop', `batch=${w.batch}`];
    case 'randread': return ['randread', `file=${fx.bigFile}`, `qd=${w.qd}`, `bs=${w.bs}`];
    case 'seqread': return ['seqread', `file=${fx.bigFile}`, `qd=${w.qd}`, `bs=${w.bs}`];
    case 'seqwrite': return ['seqwrite', `file=${fx.writeTarget}`, `qd=${w.qd}`, `bs=${w.bs}`];
    case 'readfile': return ['readfile', `list=${fx.listFile}`, `qd=${w.qd}`];
    case 'stat': return ['stat', `list=${fx.listFile}`, `qd=${w.qd}`];
    case 'writefsync': return ['writefsync', `dir=${fx.writeDir}`, `qd=${w.qd}`];
    default: throw new Error(`unknown workload kind ${w.kind}`);
  }
}

/** One round: {ops, secs, p50us?, p99us?}. `extra` adds key=value options (levers). */
function run(bin, w, fx, ms, warmMs, extra = []) {
  const argv = [...args(w, fx), `ms=${ms}`, `warm=${warmMs}`, ...(w.lat ? ['lat=1'] : []), ...extra];
  const r = spawnSync(bin, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ref ${argv.join(' ')}: ${r.stderr.trim() || r.status}`);
  return JSON.parse(r.stdout);
}

module.exports = { build, run, exists: (bin) => fs.existsSync(bin) };
