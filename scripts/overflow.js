'use strict';
// No lost work: a producer that outruns reaping (more NOPs in flight than the CQ holds, so
// the kernel parks completions on its overflow list) must still see every completion once.
//   node scripts/overflow.js [--ops 1000000] [--entries 64] [--backlog 4]
const { Ring } = require('..');

const { arg } = require('./args');
const OPS = arg('ops', 1_000_000);
const ENTRIES = arg('entries', 64);
const BACKLOG = arg('backlog', 4); // reap only once this many CQs' worth are in flight

const ring = new Ring({ entries: ENTRIES });
const seen = new Uint8Array(OPS);
let delivered = 0;
let duplicates = 0;
let foreign = 0;
let failed = 0;
let maxInFlight = 0;
let reaps = 0;
let overflowed = 0;
const onCqe = (ud, res) => {
  if (!Number.isInteger(ud) || ud < 0 || ud >= OPS) { foreign++; return; }
  if (seen[ud]) duplicates++;
  seen[ud] = 1;
  delivered++;
  if (res !== 0) failed++;
};

const start = process.hrtime.bigint();
let next = 0;
while (next < OPS) {
  while (ring.sqSpace > 0 && next < OPS) ring.prepNop(next++);
  ring.submit();
  if (ring.inFlight > maxInFlight) maxInFlight = ring.inFlight;
  if (ring.inFlight >= BACKLOG * ring.cqEntries) {
    // The CQ is full and more completions are owed: they wait on the kernel's overflow list.
    if (ring.cqReady === ring.cqEntries && ring.inFlight - ring.sqReady > ring.cqEntries) overflowed++;
    ring.reap(onCqe);
    reaps++;
  }
}
// Drain: wait for whatever is still owed.
for (let guard = 0; ring.inFlight > 0 && guard < 1_000_000; guard++) {
  ring.submit(Math.min(1, ring.inFlight));
  ring.reap(onCqe);
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
let missing = 0;
for (let i = 0; i < OPS; i++) if (!seen[i]) missing++;
const report = {
  ops: OPS, delivered, missing, duplicates, foreign, failed, leftInFlight: ring.inFlight,
  cqEntries: ring.cqEntries, maxInFlight, reaps, overflowed, seconds: Number(seconds.toFixed(3)),
  opsPerSecond: Math.round(OPS / seconds),
};
ring.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exitCode = missing === 0 && duplicates === 0 && foreign === 0 && failed === 0 && report.leftInFlight === 0 &&
  overflowed > 0 ? 0 : 1;
