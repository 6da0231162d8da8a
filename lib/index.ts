// Public entry of `uring`.
import * as constants from './constants';

export { Ring, probe } from './ring';
export type { RingOptions, CompletionCallback, RingPath } from './ring';
export { UringError, MemlockError, cqeError } from './errors';
export type { FsError } from './errors';
export { constants };
export * as promises from './promises';
