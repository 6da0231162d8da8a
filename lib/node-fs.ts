// node's own fs and fs/promises functions, captured when uring first loads: uring/register
// later replaces them on node's module objects, and every fallback of uring's must still reach
// node's, never the replacement (which would call back into uring). lib/ modules that call
// node:fs or node:fs/promises at run time take them from here.
import type * as NodeFs from 'node:fs';
import type * as NodeFsp from 'node:fs/promises';

// Descriptors, not values: node's lazy getters (promises, ReadStream, …) stay lazy.
const copy = <T extends object>(source: T): T => Object.defineProperties({}, Object.getOwnPropertyDescriptors(source)) as T;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const fs: typeof NodeFs = copy(require('node:fs') as typeof NodeFs);
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const fsp: typeof NodeFsp = copy(require('node:fs/promises') as typeof NodeFsp);
