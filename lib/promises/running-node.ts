// Where Node majors differ in argument rules and error shapes, what the running node:fs/promises
// does, learnt by asking it (not from its version string): once per thread, only when a call
// reaches a case where majors differ, on the root directory, which every system has and whose
// reads fail (EISDIR) after node's argument checks.
import * as fsp from 'node:fs/promises';

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
