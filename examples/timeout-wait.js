'use strict';
// A timeout-bounded wait: read a line from stdin through a Ring, but wait at most `ms`
// milliseconds for it (submit(waitFor, timeoutMs): io_uring_enter with IORING_ENTER_EXT_ARG,
// Linux 5.11+). When nothing came in time the read is cancelled and its CQE reaped, so that the
// kernel no longer holds the buffer.
//   node examples/timeout-wait.js [ms]     (default 500)
const { Ring } = require('..');

const ms = Number(process.argv[2] ?? 500);
const READ = 1;
const CANCEL = 2;
const ring = new Ring({ entries: 4 });
const buf = Buffer.alloc(4096);

const readId = ring.prepRead(0, buf, -1, READ); // fd 0: stdin, at its current position
const started = process.hrtime.bigint();
ring.submit(1, ms); // returns when the read completed or `ms` passed, whichever comes first
const waited = Number(process.hrtime.bigint() - started) / 1e6;

let result = null;
ring.reap((ud, res) => { if (ud === READ) result = res; });
if (result === null) {
  console.log(`no input within ${ms} ms (waited ${waited.toFixed(0)} ms)`);
  ring.prepCancel(readId, CANCEL);
  ring.submit(2); // the cancel's CQE and the read's (-ECANCELED, or its data if it won the race)
  ring.reap((ud, res) => { if (ud === READ && res >= 0) console.log(`read ${res} bytes as it was cancelled`); });
} else if (result < 0) {
  console.log(`read failed: errno ${-result}`);
} else {
  console.log(`read ${JSON.stringify(buf.toString('utf8', 0, result))} after ${waited.toFixed(0)} ms`);
}
ring.close();
