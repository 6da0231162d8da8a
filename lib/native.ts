// Typed loader of the native addon. The only module that touches the binding directly.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface RingLayout {
  sqRing: ArrayBuffer;
  cqRing: ArrayBuffer;
  sqes: ArrayBuffer;
  fd: number;
  flags: number;
  features: number;
  sqEntries: number;
  cqEntries: number;
  sqHead: number;
  sqTail: number;
  sqFlags: number;
  sqDropped: number;
  sqArray: number;
  cqHead: number;
  cqTail: number;
  cqOverflow: number;
  cqes: number;
  /** Byte offset of the CQ flags word, or -1 when the kernel has none (before 5.8). */
  cqFlags: number;
  cqeSize: number;
  sqeSize: number;
}

export interface NativeRing {
  /** 0 or -errno. */
  setup(entries: number, flags: number, cqEntries: number, sqThreadIdle: number, wake: () => void, resource?: object): number;
  layout(): RingLayout;
  /** SQEs consumed, or -errno. */
  enter(toSubmit: number, minComplete: number, flags: number): number;
  /** enter() whose wait lasts at most `ms` (IORING_ENTER_EXT_ARG): SQEs consumed, or -errno (-ETIME: the time passed, nothing submitted). */
  enterTimed(toSubmit: number, minComplete: number, flags: number, ms: number): number;
  /** JS reaped a CQE with IORING_CQE_F_MORE: close()'s drain then does not count it as an operation that ended. */
  noteMore(): void;
  /** Whether the process uid/gid/groups differ from the ring's (asked before an SQPOLL ring publishes). */
  credentialsChanged(): boolean;
  setActive(rooted: boolean, loopRef: boolean): void;
  registerBuffers(views: ArrayBufferView[]): number;
  unregisterBuffers(): number;
  registerFiles(fds: Int32Array): number;
  unregisterFiles(): number;
  /** Registers a provided buffer ring in `view` (page-aligned, entries * 16 bytes) as group `groupId`: 0 or -errno. */
  registerBufferRing(view: ArrayBufferView, entries: number, groupId: number): number;
  unregisterBufferRing(groupId: number): number;
  probe(): Uint8Array | number;
  /** Drains (cancel, then waits up to drainMs without progress) and frees; false: operations outlived the wait and the ring was leaked. */
  close(drainMs?: number): boolean;
  /** Waits up to `ms` for a CQE without submitting: 0 or -errno (-ETIME). */
  waitCompletions(ms: number): number;
}

export interface Binding {
  NativeRing: new () => NativeRing;
  /** Address of a view's first byte (internal: never part of the public API). */
  addressOf(view: ArrayBufferView): number;
  /** 0 when this process may create rings, else io_uring_setup's -errno (creates no ring). */
  setupCheck(): number;
  /** [soft RLIMIT_MEMLOCK in bytes, -1 when unlimited; CAP_IPC_LOCK in the effective set]. Absent from binaries before it. */
  memlock?(): [number, boolean];
  CREDENTIALS_CHANGED: number;
}

// What a user can do about it; node-gyp-build's own message says what was looked for.
const BUILD_HINT = 'uring ships prebuilt binaries for linux-x64 and linux-arm64 (glibc 2.34+) only. Elsewhere, build it from source: ' +
  'install liburing-dev (Debian/Ubuntu) and run `npm rebuild uring`. `npx uring doctor` checks this machine.';

let binding: Binding | undefined;
let loadError: Error | undefined;

const ROOT = path.join(__dirname, '..');

/**
 * The addon's file as node-gyp-build picks it on a glibc Linux without its overriding variables
 * (build/Release first, then the prebuild for this architecture), found with a stat or two: its own
 * search reads package.json and lists directories, a millisecond and more of every start.
 * Undefined: ask node-gyp-build (its search, its error message).
 */
export function directAddonPath(): string | undefined {
  const env = process.env;
  if (env.PREBUILDS_ONLY || env.npm_config_arch || env.npm_config_platform || env.LIBC || env.URING_PREBUILD) return undefined;
  const built = path.join(ROOT, 'build', 'Release', 'uring.node');
  if (existsSync(built)) return built;
  if (existsSync('/etc/alpine-release')) return undefined; // musl: node-gyp-build looks for a musl build
  const prebuilt = path.join(ROOT, 'prebuilds', `linux-${process.arch}`, 'uring.glibc.node');
  return existsSync(prebuilt) ? prebuilt : undefined;
}

/** The file the addon is loaded from, or undefined when there is none. */
export function addonPath(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return directAddonPath() ?? (require('node-gyp-build') as { resolve(dir: string): string }).resolve(ROOT);
  } catch {
    return undefined;
  }
}

/** The native binding, or undefined with the reason in loadFailure(). Loaded once, lazily. */
export function tryBinding(): Binding | undefined {
  if (binding === undefined && loadError === undefined) {
    try {
      const direct = directAddonPath();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      binding = direct !== undefined ? (require(direct) as Binding) : (require('node-gyp-build') as (dir: string) => Binding)(ROOT);
    } catch (err) {
      // Addons disabled (--permission without --allow-addons, --no-addons): building would not help.
      const disabled = (err as { code?: unknown }).code === 'ERR_DLOPEN_DISABLED';
      loadError = new Error(disabled ? (err as Error).message.trimEnd() : `${(err as Error).message.trimEnd()}\n    ${BUILD_HINT}`, { cause: err });
    }
  }
  return binding;
}

export function loadFailure(): Error | undefined {
  tryBinding();
  return loadError;
}
