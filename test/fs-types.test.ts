// uring/fs is typed as node:fs: a consumer swapping the import type-checks the same, default,
// namespace and named imports alike, and node's parameter types still reject wrong calls.
import { typeCheckConsumer } from './helpers/type-check';

const consumer = `
import fs from 'uring/fs';
import * as ns from 'uring/fs';
import { read, promises, Stats } from 'uring/fs';
import type * as nodeFs from 'node:fs';

export function used(fd: number): void {
  const same: typeof nodeFs = fs;
  read(fd, Buffer.alloc(4), 0, 4, null, (err: NodeJS.ErrnoException | null, bytesRead: number, buffer: Buffer) => {
    if (err === null) console.log(bytesRead, buffer.length);
  });
  ns.stat('/tmp', { bigint: true }, (_err, st) => console.log(st.size + 1n));
  fs.writeFile('/tmp/x', 'data', { mode: 0o600 }, (err) => console.log(err?.code));
  void promises.readFile('/tmp/x', 'utf8').then((s: string) => s.length);
  console.log(same, Stats);
  // @ts-expect-error a path is not a number
  fs.unlink(42, () => {});
  // @ts-expect-error read's callback is required
  fs.read(fd, Buffer.alloc(4), 0, 4, null);
}
`;

test('a strict node16 consumer of uring/fs type-checks as one of node:fs', () => {
  expect(typeCheckConsumer(consumer, { esModuleInterop: true })).toEqual([]);
});
