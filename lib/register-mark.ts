// What uring/register did in this thread, kept on node:fs's module object (one per thread):
// 'active' when it replaced node:fs's functions, else why it left them; undefined before it ran.
// The doctor reads it without loading register (which would act).
const MARK = Symbol.for('uring.register');

type Marked = Record<symbol, unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = (): Marked => require('node:fs') as Marked;

export function registerMark(): string | undefined {
  return nodeFs()[MARK] as string | undefined;
}

export function setRegisterMark(state: string): void {
  Object.defineProperty(nodeFs(), MARK, { value: state, configurable: true });
}
