// struct statx (256 bytes, as STATX fills it) to NodeFs.Stats / BigIntStats, computed the way
// libuv and Node compute them from the same statx call, so every field is identical.
import { fs } from '../node-fs';
import type * as NodeFs from 'node:fs';
import { invalidArgType } from '../errors';
import { statValidatesOptions } from './running-node';

export const STATX_SIZE = 256;
/** STATX_BASIC_STATS | STATX_BTIME, the mask libuv asks for. */
export const STATX_MASK = 0xfff;

type StatsCtor = new (...fields: unknown[]) => NodeFs.Stats;
type BigIntStatsCtor = new (...fields: unknown[]) => NodeFs.BigIntStats;

let StatsClass: StatsCtor | undefined;
let BigIntStatsClass: BigIntStatsCtor | undefined;
/** Whether node's Stats takes each time as (seconds, nanoseconds), 18 fields (Node 26), not as milliseconds, 14. */
let timespecs = false;

// The classes node:fs itself instantiates (BigIntStats is not exported).
function classes(): void {
  StatsClass = fs.statSync('/').constructor as StatsCtor;
  BigIntStatsClass = fs.statSync('/', { bigint: true }).constructor as BigIntStatsCtor;
  timespecs = StatsClass.length >= 18;
}

const TWO_32 = 4294967296;
const TWO_20 = 1048576;
const TWO_44 = 17592186044416;

function u64(w: Uint32Array, i: number): number {
  return w[i] + w[i + 1] * TWO_32;
}

function i64(w: Uint32Array, i: number): number {
  return w[i] + (w[i + 1] | 0) * TWO_32;
}

/** glibc's makedev(major, minor) as a double. */
function makedev(major: number, minor: number): number {
  return (major >>> 12) * TWO_44 + (minor >>> 8) * TWO_20 + (major & 0xfff) * 256 + (minor & 0xff);
}

function makedevBig(major: number, minor: number): bigint {
  const maj = BigInt(major);
  const min = BigInt(minor);
  return BigInt.asIntN(64, ((maj & 0xfffff000n) << 32n) | ((maj & 0xfffn) << 8n) | ((min & 0xffffff00n) << 12n) | (min & 0xffn));
}

function ms(w: Uint32Array, i: number): number {
  return i64(w, i) * 1000 + w[i + 2] / 1000000;
}

/**
 * Whether stat options select BigIntStats: only `bigint: true`, as in node (its binding tests
 * IsTrue()). Options that are not an object are where majors differ (Node 26 refuses them,
 * earlier ones read `bigint` off them, failing on null): then a promise, rejecting as node does.
 */
export function wantsBigint(options: unknown): boolean | Promise<boolean> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const validates = statValidatesOptions.known;
    if (validates === undefined) return statValidatesOptions.learn().then(() => wantsBigint(options));
    if (validates) throw invalidArgType('options', 'of type object', options);
  }
  return (options as { bigint?: unknown }).bigint === true;
}

/** A Stats (or BigIntStats) from a filled statx buffer viewed as 64 u32 words. */
export function toStats(w: Uint32Array, bigint: boolean): NodeFs.Stats | NodeFs.BigIntStats {
  if (StatsClass === undefined) classes();
  const mode = w[7] & 0xffff;
  if (!bigint && timespecs) {
    return new StatsClass!(
      makedev(w[34], w[35]), mode, w[4], w[5], w[6], makedev(w[32], w[33]), w[1],
      u64(w, 8), u64(w, 10), u64(w, 12),
      i64(w, 16), w[18], i64(w, 28), w[30], i64(w, 24), w[26], i64(w, 20), w[22],
    );
  }
  if (!bigint) {
    return new StatsClass!(
      makedev(w[34], w[35]), mode, w[4], w[5], w[6], makedev(w[32], w[33]), w[1],
      u64(w, 8), u64(w, 10), u64(w, 12),
      ms(w, 16), ms(w, 28), ms(w, 24), ms(w, 20),
    );
  }
  const dv = new DataView(w.buffer, w.byteOffset, STATX_SIZE);
  const ns = (off: number) => dv.getBigInt64(off, true) * 1000000000n + BigInt(dv.getUint32(off + 8, true));
  return new BigIntStatsClass!(
    makedevBig(w[34], w[35]), BigInt(mode), BigInt(w[4]), BigInt(w[5]), BigInt(w[6]), makedevBig(w[32], w[33]),
    BigInt(w[1]), dv.getBigInt64(32, true), dv.getBigInt64(40, true), dv.getBigInt64(48, true),
    ns(64), ns(112), ns(96), ns(80),
  );
}

/** The reverse, for the node:fs executor: fills a statx buffer from BigIntStats. */
export function writeStatx(out: Uint32Array, st: NodeFs.BigIntStats): void {
  const dv = new DataView(out.buffer, out.byteOffset, STATX_SIZE);
  const split = (dev: bigint): [number, number] => {
    const d = BigInt.asUintN(64, dev);
    const major = Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn & 0xffffffffn));
    const minor = Number((d & 0xffn) | ((d >> 12n) & ~0xffn & 0xffffffffn));
    return [major, minor];
  };
  const time = (off: number, nsTotal: bigint) => {
    let sec = nsTotal / 1000000000n;
    let nsec = nsTotal % 1000000000n;
    if (nsec < 0n) {
      sec -= 1n;
      nsec += 1000000000n;
    }
    dv.setBigInt64(off, sec, true);
    dv.setUint32(off + 8, Number(nsec), true);
  };
  out.fill(0, 0, STATX_SIZE / 4);
  dv.setUint32(0, STATX_MASK, true);
  dv.setUint32(4, Number(st.blksize), true);
  dv.setUint32(16, Number(st.nlink), true);
  dv.setUint32(20, Number(st.uid), true);
  dv.setUint32(24, Number(st.gid), true);
  dv.setUint16(28, Number(st.mode), true);
  dv.setBigInt64(32, st.ino, true);
  dv.setBigInt64(40, st.size, true);
  dv.setBigInt64(48, st.blocks, true);
  time(64, st.atimeNs);
  time(80, st.birthtimeNs);
  time(96, st.ctimeNs);
  time(112, st.mtimeNs);
  const [rmaj, rmin] = split(st.rdev);
  const [dmaj, dmin] = split(st.dev);
  dv.setUint32(128, rmaj, true);
  dv.setUint32(132, rmin, true);
  dv.setUint32(136, dmaj, true);
  dv.setUint32(140, dmin, true);
}
