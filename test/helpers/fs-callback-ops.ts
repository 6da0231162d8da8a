// Seeded generator of node:fs callback calls for the differential test: fs/promises' sequence
// of operations (StepGenerator's), each made the callback call that does the same
// (fh.read(...) becomes fs.read(fd, ..., cb)), mixed with what only the callback API has:
// exists, util.promisify'd read/write/readv/writev/exists, read and write streams, and hostile
// arguments (a missing or wrong callback, bad fds) whose synchronous throws compare too.
import { BufRef, ENCODINGS, HandleRef, NEW, PathRef, StepGenerator, VIEW_KINDS, describeArg, describeCall, describeStep, type Call } from './fs-ops';

/** Where the callback goes in a call's arguments. */
export class CallbackRef {
  toString(): string {
    return 'cb';
  }
}
export const CB = new CallbackRef();

/** An fd nothing has open: what a closed handle's fd becomes (a real closed fd may be reused by then). */
export const NO_FD = 2 ** 30;

// Whole-file functions take an fd where fs/promises takes a path (or rejects a number).
const TAKES_FD = new Set(['readFile', 'writeFile', 'appendFile']);

export type CallbackStep =
  | { kind: 'call'; call: Call }
  | { kind: 'parallel'; calls: Call[]; burst?: boolean }
  /** Calls made one after the other (each after the previous one called back). */
  | { kind: 'sequence'; calls: Call[] }
  /** util.promisify(fs[method])(...args). */
  | { kind: 'promisified'; call: Call }
  | { kind: 'readStream'; args: unknown[] }
  | { kind: 'writeStream'; args: unknown[]; chunks: unknown[] };

// FileHandle methods and the fd functions that do the same.
const FD_FUNCTION: Record<string, string> = {
  stat: 'fstat', truncate: 'ftruncate', sync: 'fsync', datasync: 'fdatasync', chmod: 'fchmod', utimes: 'futimes', chown: 'fchown',
};

/** The callback call doing what an fs/promises call does: a handle's method becomes fs.<fn>(fd, ...). */
function asCallback(c: Call): Call {
  if (c.on === 'fsp' || c.on === 'fs') {
    const args = TAKES_FD.has(c.method) && typeof c.args[0] === 'number' ? [NO_FD, ...c.args.slice(1)] : c.args;
    return { on: 'fs', method: c.method, args: [...args, CB], opens: c.opens };
  }
  return { on: 'fs', method: FD_FUNCTION[c.method] ?? c.method, args: [new HandleRef(c.on), ...c.args, CB] };
}

export function describeCallbackStep(step: CallbackStep): string {
  switch (step.kind) {
    case 'call': case 'parallel': return describeStep(step);
    case 'sequence': return step.calls.map(describeCall).join(', then ');
    case 'promisified': return `util.promisify(fs.${step.call.method})(${step.call.args.map(describeArg).join(', ')})`;
    case 'readStream': return `fs.createReadStream(${step.args.map(describeArg).join(', ')}) read to its end`;
    default: return `fs.createWriteStream(${step.args.map(describeArg).join(', ')}) given ${step.chunks.map(describeArg).join(', ')}, then end()`;
  }
}

const HIGH_WATER_MARKS = [1, 7, 64, 1000, 16384, 65536];

export class CallbackStepGenerator extends StepGenerator {
  nextCallbackStep(): CallbackStep {
    const r = this.rng;
    if (r.chance(0.3)) {
      const k = r.int(0, 16);
      if (k < 2) return this.fsCall('exists', [this.path(), CB]);
      if (k === 15) return this.viewWrite();
      if (k < 5) return this.promisified();
      if (k < 8) return this.readStream();
      if (k < 11) return this.writeStream();
      return this.hostile();
    }
    const step = this.next();
    if (step.kind === 'call') return { kind: 'call', call: asCallback(step.call) };
    if (step.kind === 'parallel') return { ...step, calls: step.calls.map(asCallback) };
    // fs has no FileHandle read/close ordering: a close racing a read is the thread pool's choice.
    const read: Call = { on: step.handle, method: 'read', args: [new BufRef(Buffer.alloc(step.length)), 0, step.length, step.position] };
    return { kind: 'sequence', calls: [asCallback(read), asCallback({ on: step.handle, method: 'close', args: [] })] };
  }

  private fsCall(method: string, args: unknown[]): CallbackStep {
    return { kind: 'call', call: { on: 'fs', method, args } };
  }

  /** An fd: a handle's (a closed one's is an fd nothing has open), or a number nothing has open. */
  private fd(write = false): unknown {
    const h = this.handle(write);
    return h === undefined ? NO_FD : new HandleRef(h);
  }

  /** A write from a typed array or DataView (offset and length count bytes whatever the view's elements). */
  private viewWrite(): CallbackStep {
    const r = this.rng;
    const n = r.int(8, 200) & ~7;
    const offset = r.int(0, n - 1);
    const view = new BufRef(r.bytes(n), r.pick(VIEW_KINDS));
    return this.fsCall('write', [this.fd(true), view, offset, r.int(1, n - offset), this.position(), CB]);
  }

  private promisified(): CallbackStep {
    const r = this.rng;
    const b = this.buf();
    const n = b.bytes.length;
    const call = (method: string, args: unknown[]): CallbackStep => ({ kind: 'promisified', call: { on: 'fs', method, args } });
    switch (r.int(0, 6)) {
      case 0: return call('read', [this.fd(), b, 0, r.int(0, n), this.position()]);
      case 1: return call('read', [this.fd(), { buffer: b, position: this.position() }]);
      case 2: return call('write', [this.fd(true), new BufRef(this.dataBytes()), 0, undefined, this.position()].slice(0, r.int(2, 5)));
      case 3: return call('write', [this.fd(true), this.text(), this.position()]);
      case 4: return call('readv', [this.fd(), this.bufs(), this.position()]);
      case 5: return call('writev', [this.fd(true), [new BufRef(this.dataBytes())], this.position()]);
      default: return call('exists', [this.path()]);
    }
  }

  private readStream(): CallbackStep {
    const r = this.rng;
    const o: Record<string, unknown> = {};
    if (r.chance(0.5)) o.start = r.int(0, 400);
    if (r.chance(0.4)) o.end = ((o.start as number | undefined) ?? 0) + r.int(-2, 300);
    if (r.chance(0.3)) o.encoding = r.pick(ENCODINGS);
    if (r.chance(0.5)) o.highWaterMark = r.pick(HIGH_WATER_MARKS);
    // Small chunks of a short range only (files grow past 100 KiB).
    if ((o.highWaterMark as number) < 1000 && o.end === undefined) o.end = ((o.start as number | undefined) ?? 0) + r.int(0, 300);
    if (r.chance(0.05)) Object.assign(o, r.pick([{ start: -1 }, { end: 'x' }, { start: 1.5 }, { highWaterMark: 'x' }, { encoding: 'nope' }, { flags: 'bogus' }]));
    // An fd the stream does not close (autoClose: false), read at its position or from `start`.
    if (r.chance(0.15)) return { kind: 'readStream', args: [null, { ...o, fd: this.fd(), autoClose: false }] };
    const k = r.int(0, 9);
    return { kind: 'readStream', args: k < 6 ? [this.path(), o] : k < 8 ? [this.path()] : [this.path(), r.pick(['utf8', 'hex', 'latin1'])] };
  }

  private writeStream(): CallbackStep {
    const r = this.rng;
    const o: Record<string, unknown> = {};
    const flags = r.pick([undefined, 'w', 'a', 'r+', 'wx', 'a+']);
    if (flags !== undefined) o.flags = flags;
    if (r.chance(0.4)) o.start = r.int(0, 300);
    if (r.chance(0.2)) o.encoding = r.pick(ENCODINGS);
    if (r.chance(0.2)) o.highWaterMark = r.pick(HIGH_WATER_MARKS);
    if (r.chance(0.05)) Object.assign(o, r.pick([{ start: -1 }, { start: 'x' }, { flags: 'bogus' }, { mode: 'bad' }, { encoding: 'nope' }]));
    const chunks: unknown[] = [];
    for (let i = r.int(0, 4); i > 0; i--) chunks.push(r.chance(0.5) ? this.text() + r.int(0, 9) : new BufRef(this.dataBytes()));
    if (r.chance(0.15)) return { kind: 'writeStream', args: [null, { ...o, fd: this.fd(true), autoClose: false }], chunks };
    const where = r.chance(0.5) ? this.path(NEW) : this.path();
    return { kind: 'writeStream', args: r.chance(0.85) ? [where, o] : [where], chunks };
  }

  /** Arguments node rejects (most synchronously), and callbacks that are missing or not functions. */
  private hostile(): CallbackStep {
    const r = this.rng;
    const p = this.path();
    const fd = this.fd();
    const b = this.buf(8);
    const nul = new PathRef('a\u0000b');
    const cases: unknown[][] = [
      ['read', fd, b, 0, 4, 0], ['write', fd, b, 0, 4, 0, 'nope'], ['open', p, 'r', 0o644, 42], ['fsync', fd, null],
      ['fstat', fd, {}, 'x'], ['stat', p], ['lstat', p, { bigint: true }], ['exists', p], ['mkdir', p, {}], ['rename', p, p], ['readFile', p],
      ['close', -1, CB], ['close', 1.5, CB], ['close', '3', CB], ['close', 2 ** 31, CB], ['close', null, CB], ['fstat', -1, CB],
      ['fsync', 'x', CB], ['fdatasync', 1.5, CB], ['ftruncate', fd, 'x', CB], ['ftruncate', fd, 1.5, CB], ['ftruncate', fd, 2 ** 53, CB],
      ['ftruncate', -1, 0, CB], ['ftruncate', fd, -1, CB], ['ftruncate', fd, 1n, CB],
      ['read', -1, b, 0, 4, 0, CB], ['read', fd, b, 0, 4, 1n << 63n, CB], ['read', fd, b, 0, 4, -2, CB], ['read', fd, b, 0, 9, 0, CB],
      ['read', fd, b, 'x', 4, 0, CB], ['read', fd, 'str', 0, 1, 0, CB], ['read', fd, { buffer: b, position: -1n }, CB], ['read', fd, b, null, CB],
      ['read', fd, undefined, CB], ['read', fd, b, undefined, CB], ['read', fd, b, 0, 0, 0, CB], ['read', fd, b, 8, 0, 0, CB], ['read', fd, b, 0, 4, 2 ** 53, CB],
      ['read', fd, b, 0, 4, 1.5, CB], ['read', fd, b, 0, 4, '1', CB], ['read', fd, b, 2 ** 53, 0, 0, CB], ['read', fd, { buffer: 'x' }, CB],
      ['write', fd, b, -1, 1, 0, CB], ['write', fd, b, 0, 9, 0, CB], ['write', fd, 'str', 0, 'nope', CB], ['write', fd, 42, CB],
      ['write', fd, b, 0, 4, 'x', CB], ['write', fd, b, { offset: 9 }, CB], ['write', '1', b, CB], ['write', fd, b, 0, 0, 0, CB],
      ['write', fd, '', 0, CB], ['write', fd, 'abc', 0, 'hex', CB], ['write', fd, b, 1.5, CB], ['write', fd, b, 0, 4, 1n, CB],
      ['readv', fd, [b], 'x', CB], ['readv', fd, 'x', CB], ['writev', fd, [b], -1, CB], ['writev', fd, [1], CB], ['readv', 1.5, [b], CB],
      ['readv', fd, [b], 1n, CB], ['writev', fd, [b], 2 ** 53, CB], ['readv', fd, [], 0, CB], ['writev', fd, [new BufRef(Buffer.alloc(0))], 0, CB],
      ['truncate', p, 'x', CB], ['truncate', p, 1.5, CB], ['truncate', p, -1, CB], ['truncate', p, 1n, CB], ['truncate', nul, 0, CB],
      ['mkdir', p, { recursive: 1 }, CB], ['mkdir', p, 'xyz', CB], ['mkdir', p, -1, CB], ['mkdir', p, { mode: 1.5 }, CB], ['mkdir', p, null, CB],
      ['rmdir', p, undefined, CB], ['rmdir', p, {}, CB], ['rmdir', nul, CB],
      ['symlink', 'f0', p, 'bogus', CB], ['symlink', 'f0', p, 42, CB], ['link', p, 5, CB], ['rename', 5, p, CB], ['unlink', 5, CB], ['unlink', nul, CB],
      ['stat', p, null, CB], ['stat', p, 'x', CB], ['stat', p, { bigint: 1 }, CB], ['fstat', fd, null, CB], ['lstat', 42, CB], ['stat', nul, CB],
      ['open', p, 'r', null, CB], ['open', p, null, CB], ['open', p, undefined, undefined, CB], ['open', p, 'r', 'abc', CB], ['open', p, 1.5, CB],
      ['open', p, {}, CB], ['open', nul, CB], ['open', p, 'r', 2 ** 32, CB], ['open', p, CB, CB], ['open', p, CB, 0o644, CB],
      ['readFile', p, 'nope', CB], ['readFile', p, { flag: 'bogus' }, CB], ['readFile', p, null, CB], ['readFile', p, { encoding: 5 }, CB],
      ['readFile', p, { flag: 'r', encoding: null }, CB], ['readFile', nul, CB],
      ['writeFile', p, 42, CB], ['writeFile', p, 'x', 'nope', CB], ['writeFile', p, 'x', { mode: 'bad' }, CB], ['writeFile', p, 'x', { flag: 5 }, CB],
      ['appendFile', p, null, CB], ['appendFile', p, 'x', { encoding: 'nope' }, CB], ['writeFile', p, 'x', { flag: '' }, CB],
      ['writeFile', p, 'x', { mode: -1 }, CB], ['writeFile', nul, 'x', CB],
      ['exists', 42, CB], ['exists', undefined, CB], ['exists', nul, CB], ['exists', {}, CB],
    ];
    const [method, ...args] = r.pick(cases);
    const call: Call = { on: 'fs', method: method as string, args };
    if (method === 'open') call.opens = { append: false, writable: false };
    return { kind: 'call', call };
  }
}
