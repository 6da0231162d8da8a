// Seeded generator of fs/promises calls for the differential test. A call is described
// once (method + arguments with placeholders) and resolved per side: paths under that
// side's root, that side's FileHandle, fresh buffers with the same bytes.
import { constants, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { FileHandle } from 'node:fs/promises';
import { Prng } from './prng';

export type Fsp = typeof import('node:fs/promises');

/** What the generator knows of an open handle (a FileHandle, or an fd for the callback API). */
export interface HandleState {
  append: boolean;
  writable: boolean;
  closed: boolean;
}

export interface HandleEntry extends HandleState {
  fh: FileHandle;
}

export interface Side {
  label: string;
  fsp: Fsp;
  root: string;
  handles: HandleEntry[];
}

// ---- argument placeholders, resolved per side ----

export class PathRef {
  constructor(readonly name: string, readonly form: 'string' | 'buffer' | 'url' | 'relative' = 'string') {}
  resolve(s: Side): string | Buffer | URL {
    // Relative paths resolve against process.cwd(), which the runner sets to the side's root.
    if (this.form === 'relative') return this.name;
    const full = path.join(s.root, this.name);
    if (this.form === 'buffer') return Buffer.from(full);
    if (this.form === 'url') return pathToFileURL(full);
    return full;
  }
  toString(): string {
    return this.form === 'string' ? `<${this.name}>` : `${this.form}<${this.name}>`;
  }
}

export class HandleRef {
  constructor(readonly id: number) {}
  toString(): string {
    return `fh#${this.id}`;
  }
}

export const VIEW_KINDS = ['Buffer', 'Uint8Array', 'DataView', 'Uint16Array', 'Float64Array'] as const;
type ViewKind = (typeof VIEW_KINDS)[number];

/** A buffer made fresh for each side from the same bytes. */
export class BufRef {
  constructor(readonly bytes: Buffer, readonly kind: ViewKind = 'Buffer') {}
  make(): ArrayBufferView {
    const copy = new Uint8Array(this.bytes.length);
    copy.set(this.bytes);
    const ab = copy.buffer;
    switch (this.kind) {
      case 'Buffer': return Buffer.from(ab);
      case 'Uint8Array': return copy;
      case 'DataView': return new DataView(ab);
      case 'Uint16Array': return new Uint16Array(ab, 0, this.bytes.length >> 1);
      case 'Float64Array': return new Float64Array(ab, 0, this.bytes.length >> 3);
    }
  }
  toString(): string {
    const head = this.bytes.subarray(0, 8).toString('hex');
    return `${this.kind}(${this.bytes.length}:${head}${this.bytes.length > 8 ? '…' : ''})`;
  }
}

/** AbortSignal.abort(), made per side. */
export class AbortedSignal {
  toString(): string {
    return 'AbortSignal.abort()';
  }
}

export function describeArg(a: unknown): string {
  if (a instanceof PathRef || a instanceof HandleRef || a instanceof BufRef || a instanceof AbortedSignal) return a.toString();
  if (Array.isArray(a)) return `[${a.map(describeArg).join(', ')}]`;
  if (a instanceof Date) return `new Date(${a.getTime()})`;
  // Other placeholders (the callback API's) name themselves.
  if (a && typeof a === 'object' && Object.getPrototypeOf(a) !== Object.prototype && a.toString !== Object.prototype.toString) return String(a);
  if (a && typeof a === 'object') {
    return `{ ${Object.entries(a).map(([k, v]) => `${k}: ${describeArg(v)}`).join(', ')} }`;
  }
  return inspect(a);
}

// ---- calls ----

export interface Call {
  /** 'fsp', a handle id, or 'fs' (the callback API, handles as HandleRef arguments). */
  on: 'fsp' | 'fs' | number;
  method: string;
  args: unknown[];
  /** open: how the new handle was opened (for steps that need a deterministic outcome). */
  opens?: { append: boolean; writable: boolean };
}

export type Step =
  | { kind: 'call'; call: Call }
  | { kind: 'parallel'; calls: Call[]; burst?: boolean }
  | { kind: 'readThenClose'; handle: number; length: number; position: number };

export function describeCall(c: Call): string {
  const target = typeof c.on === 'number' ? `fh#${c.on}` : c.on;
  return `${target}.${c.method}(${c.args.map(describeArg).join(', ')})`;
}

export function describeStep(step: Step): string {
  if (step.kind === 'call') return describeCall(step.call);
  if (step.kind === 'parallel' && step.burst) {
    const counts = new Map<string, number>();
    for (const c of step.calls) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
    return `burst of ${step.calls.length} concurrent read-only calls (${[...counts].map(([m, n]) => `${n} ${m}`).join(', ')}), in order:\n      ${step.calls.map(describeCall).join(',\n      ')}`;
  }
  if (step.kind === 'parallel') return `Promise.allSettled([\n      ${step.calls.map(describeCall).join(',\n      ')}])`;
  return `Promise.allSettled([fh#${step.handle}.read(Buffer(${step.length}), 0, ${step.length}, ${step.position}), fh#${step.handle}.close()])`;
}

// ---- the generator ----

// Paths: existing and missing files, folders, a missing parent, a file used as a folder, links.
const FILES = ['f0', 'f1', 'f2', 'd0/f3', 'd0/d1/f4', 'd2/f6', 'l0', 'f7', 'ü €.txt'];
export const NEW = ['f7', 'f8', 'd2/f9', 'd0/d1/f4', 'ü €.txt'];
const ODD = ['d0', 'd0/d1', 'nx/f5', 'l1', 'f0/x', 'd0/../f2', 'd2', 'f0/', 'd0/', 'l0/', 'd0//f3'];

/** The tree every run starts from (made with node:fs in both folders). */
export function seedTree(root: string): void {
  mkdirSync(path.join(root, 'd0', 'd1'), { recursive: true });
  mkdirSync(path.join(root, 'd2'));
  writeFileSync(path.join(root, 'f0'), 'zero\n'.repeat(40));
  writeFileSync(path.join(root, 'f1'), Buffer.from([...Array(300).keys()].map((i) => (i * 7) & 0xff)));
  writeFileSync(path.join(root, 'd0', 'f3'), 'three');
  symlinkSync('f0', path.join(root, 'l0'));
  symlinkSync('missing', path.join(root, 'l1'));
}
const DIRS = ['d0', 'd0/d1', 'd2', 'd2/d3', 'nx/d4/d5', 'f0', 'd0/d1/d6'];

const STRING_FLAGS = [
  'r', 'rs', 'sr', 'r+', 'rs+', 'sr+', 'w', 'wx', 'xw', 'w+', 'wx+', 'xw+',
  'a', 'ax', 'xa', 'as', 'sa', 'a+', 'ax+', 'xa+', 'as+', 'sa+',
];
// O_TMPFILE (with O_DIRECTORY) | O_RDWR: an unnamed file in a folder; fs.constants lacks it.
const O_TMPFILE_RDWR = 0o20200000 | 0o2;
const {
  O_NONBLOCK, O_NOATIME, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW, O_SYNC, O_DSYNC,
} = constants;
const NUMERIC_FLAGS = [
  O_RDONLY, O_WRONLY | O_CREAT, O_RDWR | O_CREAT | O_TRUNC, O_WRONLY | O_APPEND | O_CREAT, O_RDWR | O_CREAT | O_EXCL,
  O_RDONLY | O_DIRECTORY, O_RDONLY | O_NOFOLLOW, O_RDWR | O_NOFOLLOW, O_WRONLY | O_SYNC | O_CREAT, O_RDWR | O_DSYNC,
  O_RDWR | O_APPEND, O_RDONLY | O_NONBLOCK, O_RDWR | O_CREAT | O_NOATIME,
  O_TMPFILE_RDWR,
];
const MODES = [undefined, 0o644, 0o600, 0o755, '640', 0o444];
export const ENCODINGS = ['utf8', 'hex', 'base64', 'latin1', 'utf16le', 'ascii', 'base64url', 'binary', 'ucs2'];
const TEXT = ['', 'a', 'hello', 'é€😀', 'line\nline\n', '0123456789abcdef', 'ÿ\u0000z', 'x'.repeat(300)];

export class StepGenerator {
  protected readonly rng: Prng;
  protected fresh = 0;

  /** relativePaths: also use paths relative to process.cwd() (not possible on worker threads). */
  constructor(seed: number, protected readonly side: { handles: readonly HandleState[] }, protected readonly relativePaths = true) {
    this.rng = new Prng(seed);
  }

  protected path(names?: readonly string[]): PathRef {
    const r = this.rng;
    names ??= r.chance(0.8) ? FILES : ODD;
    const k = r.int(0, 19);
    const form = k < 12 ? 'string' : k < 15 ? 'buffer' : k < 17 || !this.relativePaths ? 'url' : 'relative';
    return new PathRef(r.pick(names), form);
  }

  /** A name no earlier step used (so that creating it succeeds). */
  protected freshName(): PathRef {
    return new PathRef(`n${this.fresh++}`, this.rng.chance(0.8) || !this.relativePaths ? 'string' : 'relative');
  }

  /** A destination: often a name that does not exist yet. */
  protected dest(): PathRef {
    return this.path(this.rng.chance(0.6) ? NEW : undefined);
  }

  protected liveHandles(): number[] {
    const ids: number[] = [];
    this.side.handles.forEach((h, i) => { if (!h.closed) ids.push(i); });
    return ids;
  }

  /** A handle id, usually a live one, sometimes a closed one (use after close). */
  protected handle(write = false): number | undefined {
    const n = this.side.handles.length;
    if (n === 0) return undefined;
    const live = this.liveHandles();
    const usable = write ? live.filter((i) => this.side.handles[i].writable) : live;
    if (usable.length > 0 && this.rng.chance(0.85)) return this.rng.pick(usable);
    if (live.length > 0 && this.rng.chance(0.6)) return this.rng.pick(live);
    return this.rng.int(0, n - 1);
  }

  protected position(size = 400): unknown {
    const r = this.rng;
    const k = r.int(0, 9);
    if (k === 0) return null;
    if (k === 1) return -1;
    if (k === 2) return undefined;
    if (k === 3) return BigInt(r.int(0, size));
    return r.int(0, size);
  }

  protected dataBytes(): Buffer {
    const r = this.rng;
    const n = r.chance(0.02) ? r.int(65536, 140000) : r.chance(0.1) ? 0 : r.int(1, 300);
    return r.bytes(n);
  }

  protected buf(len?: number): BufRef {
    const r = this.rng;
    const n = len ?? r.int(1, 200);
    const kind = r.chance(0.75) ? 'Buffer' : r.pick(VIEW_KINDS);
    return new BufRef(Buffer.alloc(n, 0xa5 ^ (n & 0xff)), kind);
  }

  protected text(): string {
    return this.rng.pick(TEXT);
  }

  protected fileData(): unknown {
    const r = this.rng;
    const k = r.int(0, 5);
    if (k <= 1) return this.text() + r.int(0, 999);
    if (k === 2) return new BufRef(this.dataBytes());
    if (k === 3) return new BufRef(r.bytes(r.int(0, 100)), 'Uint8Array');
    if (k === 4) return [this.text(), `${r.int(0, 99)}`];
    return new BufRef(this.dataBytes());
  }

  protected readOpts(): unknown {
    const r = this.rng;
    return r.pick([undefined, 'utf8', { encoding: r.pick(ENCODINGS) }, { flag: r.pick(['r', 'r+', 'a+', 'w+']) }, { encoding: null }, 'latin1']);
  }

  protected writeOpts(): unknown {
    const r = this.rng;
    return r.pick([
      undefined, 'utf8', { encoding: r.pick(ENCODINGS) }, { mode: r.pick([0o600, 0o640]) }, { flag: 'a' }, { flag: 'wx' },
      { flag: 'r+' }, { flag: 'a+', encoding: 'latin1' }, { flush: true },
    ]);
  }

  next(): Step {
    const r = this.rng;
    // Keep the number of open handles bounded: close one when there are many.
    const live = this.liveHandles();
    if (live.length > 10 && r.chance(0.5)) return this.single(r.pick(live), 'close', []);
    const weights: [number, () => Step][] = [
      [12, () => this.open()],
      [12, () => this.read()],
      [10, () => this.write()],
      [4, () => this.readv()],
      [4, () => this.writev()],
      [6, () => this.stat()],
      [5, () => this.truncate()],
      [3, () => this.sync()],
      [6, () => this.close()],
      [6, () => this.readFile()],
      [6, () => this.writeFile('writeFile')],
      [4, () => this.writeFile('appendFile')],
      [18, () => this.namespace()],
      [8, () => this.badArgs()],
      [5, () => this.parallel()],
      [1, () => this.readThenClose()],
      [0.4, () => this.burst()],
      [1, () => this.aborted()],
    ];
    const total = weights.reduce((a, [w]) => a + w, 0);
    let pick = r.next() * total;
    for (const [w, make] of weights) {
      if ((pick -= w) < 0) return make();
    }
    return this.open();
  }

  protected single(on: 'fsp' | number, method: string, args: unknown[]): Step {
    return { kind: 'call', call: { on, method, args } };
  }

  protected withHandle(make: (h: number) => Step, write = false): Step {
    const h = this.handle(write);
    return h === undefined ? this.open() : make(h);
  }

  private open(): Step {
    const r = this.rng;
    const k = r.int(0, 9);
    let flags: unknown;
    if (k < 6) flags = r.pick(STRING_FLAGS);
    else if (k < 9) flags = r.pick(NUMERIC_FLAGS);
    const mode = r.pick(MODES);
    const args: unknown[] = [this.path()];
    if (flags !== undefined || mode !== undefined) args.push(flags);
    if (mode !== undefined) args.push(mode);
    const append = typeof flags === 'string' ? flags.includes('a') : typeof flags === 'number' && (flags & O_APPEND) !== 0;
    const writable = typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & (O_WRONLY | O_RDWR)) !== 0;
    return { kind: 'call', call: { on: 'fsp', method: 'open', args, opens: { append, writable } } };
  }

  private read(): Step {
    return this.withHandle((h) => {
      const r = this.rng;
      const b = this.buf();
      const n = b.bytes.length;
      const offset = r.int(0, n - 1);
      const length = r.int(0, n - offset);
      switch (r.int(0, 6)) {
        case 0: return this.single(h, 'read', [b, offset, length, this.position()]);
        case 1: return this.single(h, 'read', [b, { offset, length, position: this.position() }]);
        case 2: return this.single(h, 'read', [{ buffer: b, offset, length, position: this.position() }]);
        case 3: return this.single(h, 'read', []);
        case 4: return this.single(h, 'read', [b]);
        case 5: return this.single(h, 'read', [b, offset]);
        default: return this.single(h, 'read', [{ length: r.int(0, 50), position: this.position() }]);
      }
    });
  }

  private write(): Step {
    return this.withHandle((h) => {
      const r = this.rng;
      const b = new BufRef(this.dataBytes(), r.chance(0.8) ? 'Buffer' : 'Uint8Array');
      const n = b.bytes.length;
      const offset = r.int(0, n);
      const length = r.int(0, n - offset);
      switch (r.int(0, 5)) {
        case 0: return this.single(h, 'write', [b, offset, length, this.position()]);
        case 1: return this.single(h, 'write', [b, { offset, length, position: this.position() }]);
        case 2: return this.single(h, 'write', [b]);
        case 3: return this.single(h, 'write', [this.text() + r.int(0, 99)]);
        case 4: return this.single(h, 'write', [this.text(), this.position()]);
        default: return this.single(h, 'write', [this.text(), this.position(), r.pick(ENCODINGS)]);
      }
    }, true);
  }

  protected bufs(): BufRef[] {
    const r = this.rng;
    const out: BufRef[] = [];
    for (let i = r.chance(0.05) ? 0 : r.int(1, 4); i > 0; i--) out.push(this.buf(r.int(0, 64)));
    return out;
  }

  private readv(): Step {
    return this.withHandle((h) => {
      const args: unknown[] = [this.bufs()];
      if (this.rng.chance(0.7)) args.push(this.position());
      return this.single(h, 'readv', args);
    });
  }

  private writev(): Step {
    return this.withHandle((h) => {
      const r = this.rng;
      const bufs: BufRef[] = [];
      for (let i = r.chance(0.05) ? 0 : r.int(1, 4); i > 0; i--) bufs.push(new BufRef(r.bytes(r.int(0, 100))));
      const args: unknown[] = [bufs];
      if (r.chance(0.7)) args.push(this.position());
      return this.single(h, 'writev', args);
    }, true);
  }

  private stat(): Step {
    const r = this.rng;
    const opts = r.pick([undefined, { bigint: true }, { bigint: false }]);
    const k = r.int(0, 2);
    if (k === 2) return this.withHandle((h) => this.single(h, 'stat', opts ? [opts] : []));
    return this.single('fsp', k === 0 ? 'stat' : 'lstat', opts ? [this.path(), opts] : [this.path()]);
  }

  private truncate(): Step {
    const r = this.rng;
    const len = r.pick([undefined, 0, r.int(0, 500), r.int(0, 70000), -3]);
    if (r.chance(0.5)) return this.single('fsp', 'truncate', len === undefined ? [this.path()] : [this.path(), len]);
    return this.withHandle((h) => this.single(h, 'truncate', len === undefined ? [] : [len]), true);
  }

  private sync(): Step {
    return this.withHandle((h) => this.single(h, this.rng.chance(0.5) ? 'sync' : 'datasync', []));
  }

  private close(): Step {
    // Any handle, closed ones included: a second close resolves, as Node's does.
    const n = this.side.handles.length;
    if (n === 0) return this.open();
    return this.single(this.rng.int(0, n - 1), 'close', []);
  }

  private readFile(): Step {
    const opts = this.readOpts();
    if (this.rng.chance(0.3)) return this.withHandle((h) => this.single(h, 'readFile', opts === undefined ? [] : [opts]));
    // The top-level function given a FileHandle instead of a path.
    if (this.rng.chance(0.15)) return this.withHandle((h) => this.single('fsp', 'readFile', opts === undefined ? [new HandleRef(h)] : [new HandleRef(h), opts]));
    return this.single('fsp', 'readFile', opts === undefined ? [this.path()] : [this.path(), opts]);
  }

  private writeFile(method: 'writeFile' | 'appendFile'): Step {
    const data = this.fileData();
    const opts = this.writeOpts();
    if (this.rng.chance(0.3)) {
      return this.withHandle((h) => this.single(h, method, opts === undefined ? [data] : [data, opts]), true);
    }
    if (this.rng.chance(0.15)) {
      return this.withHandle((h) => this.single('fsp', method, opts === undefined ? [new HandleRef(h), data] : [new HandleRef(h), data, opts]), true);
    }
    return this.single('fsp', method, opts === undefined ? [this.path(), data] : [this.path(), data, opts]);
  }

  private namespace(): Step {
    const r = this.rng;
    switch (r.int(0, 18)) {
      case 0: case 1: return this.single('fsp', 'rename', [this.path(), this.dest()]);
      case 2: return this.single('fsp', 'unlink', [this.path()]);
      case 3: case 4: {
        const opts = r.pick([undefined, { recursive: true }, { recursive: false, mode: 0o700 }, 0o750, { recursive: true, mode: 0o711 }]);
        return this.single('fsp', 'mkdir', opts === undefined ? [this.path(DIRS)] : [this.path(DIRS), opts]);
      }
      case 5: return this.single('fsp', 'rmdir', [this.path(r.chance(0.5) ? DIRS : undefined)]);
      case 6: {
        const opts = r.pick([undefined, { recursive: true }, { force: true }, { recursive: true, force: true }]);
        return this.single('fsp', 'rm', opts === undefined ? [this.path()] : [this.path(), opts]);
      }
      case 7: return this.single('fsp', 'link', [this.path(), r.chance(0.4) ? this.freshName() : this.dest()]);
      case 8: {
        // Relative targets that never climb out of the side's root (a shared file would couple the sides).
        const target = r.pick(['f0', 'f1', 'd0', 'missing', 'd0/../f2', 'd0/f3']);
        const where = r.chance(0.4) ? this.freshName() : this.dest();
        return this.single('fsp', 'symlink', r.chance(0.8) ? [target, where] : [target, where, r.pick(['file', 'dir', 'junction'])]);
      }
      case 9: return this.single('fsp', 'readdir', r.chance(0.5) ? [this.path(DIRS)] : [this.path(DIRS), { withFileTypes: true }]);
      case 10: return this.single('fsp', 'access', r.chance(0.5) ? [this.path()] : [this.path(), r.pick([constants.R_OK, constants.W_OK, constants.X_OK])]);
      case 11: return this.single('fsp', 'copyFile', [this.path(), this.dest()]);
      case 12: return this.single('fsp', 'readlink', [this.path()]);
      case 13: return this.single('fsp', 'chmod', [this.path(), r.pick([0o600, 0o644, 0o755, '700'])]);
      case 14: return this.single('fsp', r.pick(['utimes', 'lutimes']), [this.path(), r.pick([0, 1e9, new Date(5000)]), r.pick([0, 2e9, '1000'])]);
      case 15: return this.single('fsp', r.pick(['chown', 'lchown']), [this.path(), process.getuid?.() ?? 0, process.getgid?.() ?? 0]);
      case 16: return this.single('fsp', 'realpath', [this.path()]);
      case 17: return this.single('fsp', 'cp', [this.path(), this.dest(), r.pick([undefined, { recursive: true }, { force: false, errorOnExist: true }])]);
      default: return this.withHandle((h) => {
        const k = r.int(0, 2);
        if (k === 0) return this.single(h, 'chmod', [r.pick([0o600, 0o644, '755'])]);
        if (k === 1) return this.single(h, 'utimes', [r.pick([0, 1e9, new Date(5000)]), r.pick([0, 2e9])]);
        return this.single(h, 'chown', [process.getuid?.() ?? 0, process.getgid?.() ?? 0]);
      });
    }
  }

  private badArgs(): Step {
    const r = this.rng;
    const p = this.path();
    const h = this.handle();
    const onFsp: unknown[][] = [
      ['open', p, 'bogus'], ['open', p, {}], ['open', p, 'r', 'bogus'], ['open', p, 'r', 1.5], ['open', 123],
      ['open', new PathRef('f0\u0000x')], ['open', p, 1.5], ['open', undefined], ['open', p, null, null],
      ['open', p, '2'], ['open', p, 'r', '0o644'], ['open', p, 'r', 2 ** 32], ['open', p, NaN], ['open', p, 2 ** 31],
      ['open', new PathRef('')], ['open', new PathRef('d0/f3'), 'r', -1], ['open', p, 'R'],
      ['truncate', p, 1n], ['truncate', p, NaN], ['mkdir', p, { mode: -1 }], ['readFile', p, { flag: 'bogus' }],
      ['appendFile', p, 'x', { flag: 'r' }], ['writeFile', p, 'x', { flag: 'r' }], ['stat', p, { bigint: 'x' }],
      ['readFile', p, { signal: 'x' }], ['writeFile', p, 'x', { signal: {} }],
      ['stat', undefined], ['stat', 42], ['stat', {}], ['lstat', null], ['stat', new PathRef('a\u0000b')],
      ['readFile', p, { encoding: 'nope' }], ['readFile', p, 5], ['readFile', 42],
      ['writeFile', p, 42], ['writeFile', p, 'x', { mode: 'bad' }], ['appendFile', p, null], ['writeFile', p, { a: 1 }],
      ['writeFile', p, 'x', { encoding: 'nope' }], ['writeFile', p, 'x', { flag: 'q' }],
      ['truncate', p, 'x'], ['truncate', p, 1.5], ['truncate', p, 2 ** 53],
      ['mkdir', p, { mode: 'z' }], ['mkdir', p, { recursive: 'yes' }], ['rename', p, 5], ['link', p, undefined],
      ['symlink', 5, p], ['unlink', null], ['rmdir', null], ['rmdir', p, { recursive: 'x' }], ['readdir', 1],
    ];
    const onHandle: unknown[][] = [
      ['read', 'x'], ['read', this.buf(8), -1], ['read', this.buf(8), 0, 9, 0], ['read', this.buf(8), 0, 1, 'x'],
      ['read', this.buf(8), 1.5], ['read', new BufRef(Buffer.alloc(0)), 0, 1, 0], ['read', this.buf(8), { position: -2 }],
      ['read', this.buf(8), 0, 4, 2 ** 63], ['read', this.buf(8), 0, 4, -2n], ['read', this.buf(8), 9, 0, 0],
      ['read', this.buf(8), 0, -1, 0], ['read', { buffer: 'x' }], ['read', null],
      ['read', this.buf(8), 0, 4, NaN], ['read', this.buf(8), 0, 4, 1.5], ['read', this.buf(8), 0, 4, 2 ** 53],
      ['read', this.buf(8), 0, 4, -1n], ['read', this.buf(8), 0, 4, 2n ** 63n], ['read', this.buf(8), 0, 2 ** 31, 0],
      ['read', this.buf(8), { offset: 9 }], ['read', this.buf(8), { length: 9 }], ['read', this.buf(8), 'x'],
      ['read', { buffer: this.buf(8), offset: -1 }], ['read', this.buf(8), 8, 0, 0], ['read', this.buf(8), NaN],
      ['write', this.buf(8), 0, 4, NaN], ['write', this.buf(8), 0, 4, 1.5], ['write', this.buf(8), 0, 4, -2],
      ['write', this.buf(8), 0, 4, 2 ** 53], ['write', this.buf(8), { position: 'x' }], ['write', this.buf(8), 8, 1],
      ['write', 'str', 1.5], ['write', 'str', -2], ['write', 'str', null, 'nope'], ['write', 'str', { position: 0 }],
      ['writev', [this.buf(8)], 1.5], ['writev', [this.buf(8)], -2], ['readv', [this.buf(8)], NaN], ['writev', 'x'],
      ['readv', [this.buf(8)], 2n], ['writev', [], 0], ['readv', [], 0], ['truncate', -1], ['truncate', 2 ** 53],
      ['truncate', 1n], ['stat', { bigint: 1 }], ['readFile', { signal: 'x' }], ['chmod', 'x'], ['chmod', -1],
      ['write', 123], ['write', this.buf(8), 0, 99], ['write', this.buf(8), -1], ['write', {}], ['write', this.buf(8), 0, 1, 'x'],
      ['write', 'str', 'x'], ['write', 'str', 0, 'nope'], ['write', this.buf(8), 1.5], ['write', null],
      ['readv', 'x'], ['readv', [1]], ['writev', ['a']], ['writev', this.bufs(), 'x'], ['readv', this.bufs(), -2],
      ['truncate', 'x'], ['truncate', 1.5], ['stat', 'x'], ['readFile', { encoding: 'nope' }], ['writeFile', 42],
      ['appendFile', null], ['writeFile', 'x', { encoding: 'nope' }],
    ];
    if (h !== undefined && r.chance(0.5)) {
      const [method, ...args] = r.pick(onHandle);
      return this.single(h, method as string, args);
    }
    const [method, ...args] = r.pick(onFsp);
    return this.single('fsp', method as string, args);
  }

  /** Calls whose outcome does not depend on their order. */
  private parallel(): Step {
    const r = this.rng;
    const calls: Call[] = [];
    const count = r.int(2, 6);
    const k = r.int(0, 3);
    const live = this.liveHandles();
    if (k === 0 && live.length > 0) {
      // Read-only: positional reads on handles, stats, readFile of paths.
      for (let i = 0; i < count; i++) {
        const which = r.int(0, 3);
        if (which === 0) calls.push({ on: r.pick(live), method: 'read', args: [this.buf(64), 0, 64, r.int(0, 300)] });
        else if (which === 1) calls.push({ on: 'fsp', method: 'stat', args: [this.path()] });
        else if (which === 2) calls.push({ on: 'fsp', method: 'readFile', args: [this.path()] });
        else calls.push({ on: r.pick(live), method: 'stat', args: [] });
      }
      return { kind: 'parallel', calls };
    }
    const writable = live.filter((i) => this.side.handles[i].writable && !this.side.handles[i].append);
    if (k === 1 && writable.length > 0) {
      // Positional writes to disjoint ranges of one handle, then nothing else touches it.
      const h = r.pick(writable);
      for (let i = 0; i < count; i++) {
        calls.push({ on: h, method: 'write', args: [new BufRef(r.bytes(r.int(1, 64))), 0, undefined, i * 64] });
      }
      for (const c of calls) c.args[2] = (c.args[0] as BufRef).bytes.length;
      return { kind: 'parallel', calls };
    }
    // Fresh files, one call chain each: writeFile / appendFile / mkdir / open of distinct names.
    for (let i = 0; i < count; i++) {
      const name = `p${this.fresh++}`;
      const which = r.int(0, 3);
      if (which === 0) calls.push({ on: 'fsp', method: 'writeFile', args: [new PathRef(name), this.fileData()] });
      else if (which === 1) calls.push({ on: 'fsp', method: 'appendFile', args: [new PathRef(name), this.text()] });
      else if (which === 2) calls.push({ on: 'fsp', method: 'mkdir', args: [new PathRef(`${name}/q`), { recursive: true }] });
      else calls.push({ on: 'fsp', method: 'open', args: [new PathRef(name), 'wx+'], opens: { append: false, writable: true } });
    }
    return { kind: 'parallel', calls };
  }

  /** More concurrent read-only calls than the shared ring has SQ entries (256): back-pressure. */
  private burst(): Step {
    const r = this.rng;
    const live = this.liveHandles();
    const calls: Call[] = [];
    for (let i = r.int(300, 600); i > 0; i--) {
      const which = r.int(0, 4);
      if (which === 0 && live.length > 0) calls.push({ on: r.pick(live), method: 'read', args: [this.buf(32), 0, 32, r.int(0, 400)] });
      else if (which === 1 && live.length > 0) calls.push({ on: r.pick(live), method: 'stat', args: [] });
      else if (which === 2) calls.push({ on: 'fsp', method: 'readFile', args: [this.path()] });
      else if (which === 3) calls.push({ on: 'fsp', method: 'lstat', args: [this.path()] });
      else calls.push({ on: 'fsp', method: 'stat', args: [this.path()] });
    }
    return { kind: 'parallel', calls, burst: true };
  }

  /** Closing with a read in flight: the read completes first, as in Node. */
  private readThenClose(): Step {
    const live = this.liveHandles();
    if (live.length === 0) return this.open();
    return { kind: 'readThenClose', handle: this.rng.pick(live), length: this.rng.int(1, 64), position: this.rng.int(0, 100) };
  }

  private aborted(): Step {
    const r = this.rng;
    const signal = new AbortedSignal();
    switch (r.int(0, 2)) {
      case 0: return this.single('fsp', 'readFile', [this.path(), { signal }]);
      case 1: return this.single('fsp', 'writeFile', [this.path(), 'x', { signal }]);
      default: return this.withHandle((h) => this.single(h, 'readFile', [{ signal }]));
    }
  }
}
