// The doctor's "every opcode uring/promises uses" covers every opcode lib/promises submits:
// the ones it names (opcodes.X) and the ones its engine submits through the Ring's builders.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROMISES_OPCODES } from '../lib/doctor';

const dir = path.join(__dirname, '..', 'lib', 'promises');
const source = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');

// What each Ring builder submits, for the builders lib/promises calls.
const BUILDER_OPCODE: Record<string, string> = {
  Read: 'READ', Write: 'WRITE', Readv: 'READV', Writev: 'WRITEV', Fsync: 'FSYNC', Openat: 'OPENAT', Close: 'CLOSE',
  OpenatDirect: 'OPENAT', CloseDirect: 'CLOSE', Statx: 'STATX', Renameat: 'RENAMEAT', Linkat: 'LINKAT', Symlinkat: 'SYMLINKAT', Unlinkat: 'UNLINKAT',
  Mkdirat: 'MKDIRAT', Ftruncate: 'FTRUNCATE', Cancel: 'ASYNC_CANCEL',
};

test('every opcode lib/promises names or submits is in the doctor\'s list', () => {
  const named = [...source.matchAll(/opcodes\.([A-Z0-9_]+)/g)].map((m) => m[1]);
  const builders = [...new Set([...source.matchAll(/\.prep([A-Z][A-Za-z0-9]*)\(/g)].map((m) => m[1]))];
  for (const b of builders) expect(BUILDER_OPCODE).toHaveProperty([b]);
  const used = new Set([...named, ...builders.map((b) => BUILDER_OPCODE[b])]);
  expect([...used].sort()).toEqual([...PROMISES_OPCODES].sort());
});
