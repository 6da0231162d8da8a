// Where Node majors differ in argument rules and error shapes, what the running node:fs/promises
// does, learnt by asking it (not from its version string): once per thread, only when a call
// reaches a case where majors differ, on the root directory, which every system has and whose
// reads fail (EISDIR) after node's argument checks.
import { fsp } from '../node-fs';

const ROOT = '/';

/** A yes/no about node, learnt once by `probe`; `otherwise` if the probe cannot run. */
class Trait {
  #value: boolean | undefined;
  #learning: Promise<boolean> | undefined;

  constructor(readonly probe: () => Promise<boolean>, readonly otherwise: boolean) {}

  /** The answer, or undefined until learnt. */
  get known(): boolean | undefined {
    return this.#value;
  }

  learn(): Promise<boolean> {
    this.#learning ??= this.probe().catch(() => this.otherwise).then((v) => (this.#value = v));
    return this.#learning;
  }
}

const code = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/**
 * FileHandle.read() validates a position other than null or an integer >= -1 (Node 22+: a
 * bigint is a position, anything else an argument error) rather than reading at the current
 * position (Node 20).
 */
export const readValidatesPosition = new Trait(async () => {
  const handle = await fsp.open(ROOT, 'r');
  try {
    return await handle.read(Buffer.alloc(1), 0, 1, 0.5).then(() => false, (err) => code(err) === 'ERR_OUT_OF_RANGE');
  } finally {
    await handle.close();
  }
}, true);

/** FileHandle.read() truncates a length to an int32 (`length |= 0`) before checking it (Node 24+; 20 and 22 check it as given). */
export const readTruncatesLength = new Trait(async () => {
  const handle = await fsp.open(ROOT, 'r');
  try {
    // A length that fails either way, so that no read reaches the binding (20 and 22 abort on a non-int32 there).
    return await handle.read(Buffer.alloc(1), 0, -1.5, 0).then(() => false, (err: Error) => err.message.endsWith('Received -1'));
  } finally {
    await handle.close();
  }
}, true);

/** A write to a closed handle's fd (-1) fails node's fd check, ERR_OUT_OF_RANGE (Node 22+), not EBADF from the kernel (Node 20). */
export const writeValidatesFd = new Trait(async () => {
  const handle = await fsp.open(ROOT, 'r');
  await handle.close();
  return fsp.writeFile(handle, 'x').then(() => false, (err) => code(err) === 'ERR_OUT_OF_RANGE');
}, true);

/** stat()/lstat()/FileHandle.stat() refuse options that are not an object (Node 26) rather than read `bigint` off them. */
export const statValidatesOptions = new Trait(
  () => fsp.stat(ROOT, 1 as never).then(() => false, (err) => code(err) === 'ERR_INVALID_ARG_TYPE'),
  true,
);

/** readFile(path) names the path in an error of its read step (Node 26: `EISDIR: …, read '<path>'`). */
export const readFileNamesPathOnRead = new Trait(
  () => fsp.readFile(ROOT).then(() => false, (err: NodeJS.ErrnoException) => err.syscall === 'read' && err.path !== undefined),
  true,
);
