// Which fs/promises implementation the drop-in tests exercise: the built `uring/promises`
// (dist/promises, as users get it) or, with URING_PROMISES_TARGET=node, node:fs/promises
// itself, which proves the tests against the reference.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Fsp } from './fs-ops';

export const repoRoot = path.join(__dirname, '..', '..');
export const builtPromises = path.join(repoRoot, 'dist', 'promises');

export type DropIn = Fsp & { backend?: string; backendReason?: string };

export const targetIsNode = process.env.URING_PROMISES_TARGET === 'node';
export const targetPath = targetIsNode ? 'node:fs/promises' : builtPromises;
export const targetLabel = targetIsNode ? 'node:fs/promises' : 'uring/promises';

/** Whether the target can be loaded (dist/promises exists once lib/promises is built). */
export function targetAvailable(): boolean {
  return targetIsNode || existsSync(path.join(builtPromises, 'index.js'));
}

export function loadTarget(): DropIn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(targetPath) as DropIn;
}
