// util.promisify of uring/fs's read, write, readv, writev and exists gives functions named
// and sized as node:fs's (node copies read's descriptors onto its promisified read: 'read', 6).
import nodeFs from 'node:fs';
import { promisify } from 'node:util';
import ufs from '../lib/fs';

test.each(['read', 'write', 'readv', 'writev', 'exists'] as const)('promisify(fs.%s) has node:fs\'s name and length', (name) => {
  const expected = promisify(nodeFs[name]);
  const actual = promisify(ufs[name]);
  expect({ name: actual.name, length: actual.length }).toEqual({ name: expected.name, length: expected.length });
});
