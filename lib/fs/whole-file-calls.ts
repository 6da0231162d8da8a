// uring/fs's writeFile, appendFile and truncate of a path: node:fs's own algorithms (open,
// write until done, close; open, ftruncate, close), each step one of uring/fs's ring calls,
// so no promise either. Options beyond encoding, mode and flag (signal, flush), fds and
// unusual values are node:fs's own calls.
import { fs } from '../node-fs';
import { aggregate } from '../promises/whole-file';
import { plainPath } from '../promises/paths';
import { close, ftruncate, open, write } from './fd-calls';
import { lengthArg, lengthCallback } from './ring-calls';

type Callback = (err: unknown) => void;

/** The options object node's getOptions would give, when it is one we take; undefined otherwise. */
function plainOptions(options: unknown, flag: string): { encoding: BufferEncoding; mode: unknown; flag: string } | undefined {
  if (options == null || typeof options === 'function') return { encoding: 'utf8', mode: 0o666, flag };
  if (typeof options === 'string') return Buffer.isEncoding(options) ? { encoding: options, mode: 0o666, flag } : undefined;
  if (typeof options !== 'object') return undefined;
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) if (key !== 'encoding' && key !== 'mode' && key !== 'flag') return undefined;
  if (o.encoding != null && (typeof o.encoding !== 'string' || !Buffer.isEncoding(o.encoding))) return undefined;
  if (o.flag != null && typeof o.flag !== 'string') return undefined;
  return { encoding: (o.encoding ?? 'utf8') as BufferEncoding, mode: o.mode ?? 0o666, flag: (o.flag || flag) as string };
}

function writeAll(fd: number, buffer: ArrayBufferView, offset: number, length: number, callback: Callback): void {
  write(fd, buffer, offset, length, null, (writeErr: unknown, written: number) => {
    if (writeErr) {
      close(fd, (err: unknown) => callback(aggregate(err, writeErr)));
    } else if (written === length) {
      close(fd, callback);
    } else {
      writeAll(fd, buffer, offset + written, length - written, callback);
    }
  });
}

function writeWhole(path: unknown, data: unknown, options: unknown, callback: unknown, flag: string, own: (...a: never[]) => unknown, args: IArguments): unknown {
  const cb = callback || options;
  const o = plainOptions(options, flag);
  if (typeof cb !== 'function' || plainPath(path) === undefined || o === undefined || (typeof data !== 'string' && !ArrayBuffer.isView(data))) {
    return Reflect.apply(own, fs, args);
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, o.encoding) : data;
  open(path, o.flag, o.mode, (openErr: unknown, fd: number) => {
    if (openErr) (cb as Callback)(openErr);
    else writeAll(fd, bytes, 0, bytes.byteLength, cb as Callback);
  });
  return undefined;
}

export function writeFile(path: unknown, data: unknown, options: unknown, callback: unknown): unknown {
  return writeWhole(path, data, options, callback, 'w', fs.writeFile, arguments);
}

export function appendFile(path: unknown, data: unknown, options: unknown, callback: unknown): unknown {
  return writeWhole(path, data, options, callback, 'a', fs.appendFile, arguments);
}

export function truncate(path: unknown, len: unknown, callback: unknown): unknown {
  const length = lengthArg(len, callback);
  const cb = lengthCallback as Callback;
  // A number is an fd: node's deprecated ftruncate, with its warning.
  if (typeof path === 'number' || plainPath(path) === undefined || typeof cb !== 'function' || Number.isNaN(length)) {
    return Reflect.apply(fs.truncate, fs, arguments);
  }
  open(path, 'r+', undefined, (er: unknown, fd: number) => {
    if (er) return cb(er);
    ftruncate(fd, length, (er1: unknown) => {
      close(fd, (er2: unknown) => cb(aggregate(er2, er1)));
    });
  });
  return undefined;
}
