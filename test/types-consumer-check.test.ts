// A TypeScript consumer type-checks against the built declarations (dist/*.d.ts) as an
// installed package: node's FileHandle type with node's parameter types, string/URL paths
// for the Ring, cqeError. The @ts-expect-error lines fail the check when a type is too loose.
import { typeCheckConsumer } from './helpers/type-check';

const consumer = `
import { Ring, cqeError, constants } from 'uring';
import type { FsError, RingPath } from 'uring';
import { open } from 'uring/promises';
import type { FileHandle } from 'uring/promises';
import type { FileHandle as NodeFileHandle } from 'node:fs/promises';

export async function opened(file: string): Promise<FileHandle> {
  const fh: FileHandle = await open(file);
  const asNode: NodeFileHandle = fh;
  const back: FileHandle = asNode;
  // @ts-expect-error node's FileHandle.read takes a buffer or an options object, not a number
  await fh.read(42);
  return back;
}

export function prepared(ring: Ring, url: URL): FsError {
  const paths: RingPath[] = ['/tmp/x', url, Buffer.from('/tmp/x\\0')];
  ring.prepMkdirat(-100, '/tmp/x', 0o755, 1, constants.sqeFlags.IO_LINK);
  ring.prepOpenat(-100, url, 0, 0, 2);
  ring.prepUnlinkat(-100, paths[2], 0, 3);
  ring.prepRenameat(-100, 'a', -100, url, 0, 4);
  // @ts-expect-error a path is not a number
  ring.prepMkdirat(-100, 42, 0o755, 5);
  // @ts-expect-error a misspelt option
  new Ring({ entires: 8 });
  const err: FsError = cqeError(-2, 'open', url);
  const code: string | undefined = err.code;
  return code === undefined ? err : cqeError(-2, 'rename', 'a', 'b');
}
`;

test('a strict node16 consumer type-checks against dist/*.d.ts, with node\'s FileHandle type', () => {
  expect(typeCheckConsumer(consumer)).toEqual([]);
});
