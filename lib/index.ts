// Public entry of `uring`.
import * as constants from './constants';

export { Ring, probe } from './ring';
export type { RingOptions, CompletionCallback, RingPath } from './ring';
export { BufferRing } from './ring/buffer-ring';
export type { AcceptOptions, RecvOptions } from './ring/ops-socket';
export { socketAddress } from './socket-address';
export type { InetSocketAddress, UnixSocketAddress } from './socket-address';
export { UringError, MemlockError, cqeError } from './errors';
export type { FsError } from './errors';
export { constants };
export * as promises from './promises';
