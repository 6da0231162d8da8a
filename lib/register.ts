// uring/register: `node --import uring/register app.mjs` (or `-r uring/register`, or either in
// NODE_OPTIONS) moves a whole application onto io_uring. It replaces, in place, the async
// functions of node:fs that uring/fs implements (and createReadStream/createWriteStream), and
// the functions of node:fs/promises (which is also fs.promises) that uring/promises implements,
// then updates ESM named imports of both. Every library that uses node:fs then goes through
// the shared ring. Synchronous calls, watchers and everything else stay node's.
// It changes nothing when URING_DISABLE=1 is set, or when io_uring cannot be used here
// (`backend`/`backendReason` say why). Worker threads started by the application get it too.
// What it acts with loads once it knows it will act: a process with URING_DISABLE=1 pays for
// little more than reading this file.
import { currentBackend } from './promises/backend';
import { registerChildren } from './register-children';
import { registerMark, setRegisterMark } from './register-mark';
import { registerWorkers } from './register-workers';

/** The node:fs functions replaced by uring/fs's. @internal */
export const FS_NAMES = ['open', 'close', 'read', 'write', 'readv', 'writev', 'fstat', 'stat', 'lstat', 'fsync',
  'fdatasync', 'ftruncate', 'truncate', 'rename', 'unlink', 'rmdir', 'mkdir', 'link', 'symlink', 'exists',
  'readFile', 'writeFile', 'appendFile', 'createReadStream', 'createWriteStream'] as const;

/** The node:fs/promises functions replaced by uring/promises'. @internal */
export const PROMISES_NAMES = ['open', 'stat', 'lstat', 'rename', 'unlink', 'rmdir', 'mkdir', 'link', 'symlink',
  'readFile', 'writeFile', 'appendFile', 'truncate'] as const;

/** Why register left node:fs as it is; undefined when it replaced its functions. */
function skipReason(): string | undefined {
  if (process.env.URING_DISABLE === '1') return 'URING_DISABLE=1 is set: node:fs is left as it is';
  const b = currentBackend();
  if (b.name !== 'io_uring') return `io_uring is unavailable (${b.reason}): node:fs is left as it is`;
  return undefined;
}

function install(): string | undefined {
  const done = registerMark();
  if (done !== undefined) return done === 'active' ? undefined : done; // once per thread
  const why = skipReason();
  setRegisterMark(why ?? 'active');
  if (why !== undefined) return why;
  /* eslint-disable @typescript-eslint/no-require-imports */
  // Captures node's own functions before anything is replaced: uring's fallbacks call those.
  require('./node-fs');
  const nodeFs = require('node:fs') as Record<string, unknown>;
  const ufs = require('./fs') as Record<string, unknown>;
  const promises = require('./promises') as Record<string, unknown>;
  const nodeFsp = require('node:fs/promises') as Record<string, unknown>;
  for (const name of FS_NAMES) nodeFs[name] = ufs[name];
  for (const name of PROMISES_NAMES) nodeFsp[name] = promises[name];
  registerWorkers(__filename);
  (require('node:module') as typeof import('node:module')).syncBuiltinESMExports();
  /* eslint-enable @typescript-eslint/no-require-imports */
  return undefined;
}

// Whether it acts or not, children must find it wherever they start.
registerChildren(__filename);
const skipped = install();

// Live, as uring/promises' own: a ring that fails at the first call (RLIMIT_MEMLOCK) turns
// the replaced functions to node's, and `backend` says so from then on.
/** 'io_uring' when node:fs's calls go through the shared ring; 'fs' when they are node's. */
export declare const backend: 'io_uring' | 'fs';
/** One line: the ring in use, or why node:fs's calls are node's own. */
export declare const backendReason: string;
const active = skipped === undefined;
const live = {
  get backend(): 'io_uring' | 'fs' {
    return active ? currentBackend().name : 'fs';
  },
  get backendReason(): string {
    return active ? currentBackend().reason : skipped!;
  },
};
// In the one getter shape ESM's named-import detection (cjs-module-lexer) reads from the source.
Object.defineProperty(exports, 'backend', { enumerable: true, get: function () { return live.backend; } });
Object.defineProperty(exports, 'backendReason', { enumerable: true, get: function () { return live.backendReason; } });

