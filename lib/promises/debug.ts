// NODE_DEBUG=uring: which backend uring/promises chose and why, each replacement of the shared
// ring, and each call that goes to node:fs because the kernel lacks its opcode (stderr, through
// node's own util.debuglog; nothing is printed without it).
import { debuglog } from 'node:util';

export const debug = debuglog('uring');
