'use strict';
// A worker thread with its own Ring, for the scaling benchmark: warm up, wait until every
// worker is ready, then run the workload and post the result.
const { parentPort, workerData } = require('node:worker_threads');
const ring = require('./backend-ring');

const { workload, ms, warmMs, fx, gate, workers } = workerData;
ring.run(workload, warmMs, fx);
Atomics.add(gate, 0, 1);
Atomics.notify(gate, 0);
while (Atomics.load(gate, 0) < workers) Atomics.wait(gate, 0, Atomics.load(gate, 0), 50);
parentPort.postMessage(ring.run(workload, ms, fx));
