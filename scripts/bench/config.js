'use strict';
// What the benchmark runs: workloads, backends, and the two run profiles (default, --quick).

/** Backends, in table order. `c` is the liburing reference built at run time (the limit). */
const BACKENDS = [
  { id: 'ring', label: 'Ring batch API' },
  { id: 'uring-promises', label: 'uring/promises' },
  { id: 'fsp', label: 'node:fs/promises' },
  { id: 'fsp-uv-uring', label: 'fs/promises UV_USE_IO_URING=1' },
  { id: 'sync', label: 'sync fs' },
  { id: 'c', label: 'C liburing' },
  { id: 'uring-fs', label: 'uring/fs callbacks' },
  { id: 'fs-cb', label: 'node:fs callbacks' },
  { id: 'uring-sqpoll', label: 'uring/promises URING_SQPOLL=10' },
];

const ASYNC_FS = ['uring-promises', 'fsp', 'fsp-uv-uring'];
const ALL = ['ring', ...ASYNC_FS, 'sync', 'c'];
// node:fs's callback API, old and new, on the workloads its users issue most (a static file
// server's fs.stat among them).
const CALLBACKS = ['uring-fs', 'fs-cb'];
// uring/promises on an SQPOLL ring (opt-in; its kernel thread takes the second core).
const SQPOLL = ['uring-sqpoll'];

/**
 * kind: what the workers do; qd: operations kept in flight; bs: bytes per operation.
 * Sync calls have no queue depth, so they run only the queue-depth-1 variant.
 */
const WORKLOADS = [
  { id: 'nop-b1', label: 'NOP, batch 1', kind: 'nop', batch: 1, backends: ['ring', 'c'] },
  { id: 'nop-b32', label: 'NOP, batch 32', kind: 'nop', batch: 32, backends: ['ring', 'c'] },
  { id: 'nop-b256', label: 'NOP, batch 256', kind: 'nop', batch: 256, backends: ['ring', 'c'] },
  { id: 'read4k-qd1', label: '4 KiB random read, QD 1', kind: 'randread', qd: 1, bs: 4096, lat: true, backends: ALL },
  { id: 'read4k-qd16', label: '4 KiB random read, QD 16', kind: 'randread', qd: 16, bs: 4096, backends: ['ring', ...ASYNC_FS, 'c'] },
  { id: 'read4k-qd64', label: '4 KiB random read, QD 64', kind: 'randread', qd: 64, bs: 4096, backends: ['ring', ...ASYNC_FS, 'c', ...CALLBACKS, ...SQPOLL] },
  { id: 'read4k-qd256', label: '4 KiB random read, QD 256', kind: 'randread', qd: 256, bs: 4096, backends: ['ring', ...ASYNC_FS, 'c'] },
  { id: 'seqread-1m', label: '1 MiB sequential read, QD 4', kind: 'seqread', qd: 4, bs: 1 << 20, backends: ALL },
  { id: 'seqwrite-1m', label: '1 MiB sequential write, QD 4', kind: 'seqwrite', qd: 4, bs: 1 << 20, backends: ALL },
  { id: 'readfile', label: 'readFile 1-16 KiB files, 64 at once', kind: 'readfile', qd: 64, backends: [...ALL, ...CALLBACKS, ...SQPOLL] },
  { id: 'stat', label: 'stat storm, 64 at once', kind: 'stat', qd: 64, backends: [...ALL, ...CALLBACKS, ...SQPOLL] },
  { id: 'writefsync', label: 'writeFile 4 KiB + fsync, 16 at once', kind: 'writefsync', qd: 16, backends: ALL },
];

/** Worker-thread scaling of the Ring (one ring per worker). */
const SCALING = { workloads: ['nop-b256', 'read4k-qd64'], workers: [1, 2] };

const PROFILES = {
  default: { rounds: 5, ms: 400, warmMs: 100, bigFileMiB: 256, smallFiles: 10000 },
  quick: { rounds: 3, ms: 120, warmMs: 40, bigFileMiB: 64, smallFiles: 2000 },
};

module.exports = { BACKENDS, WORKLOADS, SCALING, PROFILES };
