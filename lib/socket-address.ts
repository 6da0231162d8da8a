// socketAddress(): the bytes of a struct sockaddr_in / sockaddr_in6 / sockaddr_un for
// prepConnect, built in JS (no native call): family in host order (little-endian on every
// platform this package builds for), port in network order.
import { isIPv4, isIPv6 } from 'node:net';
import { invalidArgType, invalidArgValue } from './errors';
import { validateInteger, validateOptionKeys } from './validate';

const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
// sizeof(struct sockaddr_un.sun_path): the path and its NUL.
const SUN_PATH = 108;

/** An IPv4 or IPv6 address and port (`family` 'IPv4' / 'IPv6' or 4 / 6, as node:net names them; default: from `address`). */
export interface InetSocketAddress {
  family?: 'IPv4' | 'IPv6' | 4 | 6;
  address: string;
  port: number;
}

/** A unix socket path (a leading '\0' names the abstract namespace). */
export interface UnixSocketAddress {
  path: string;
}

/**
 * Encodes a socket address for prepConnect: `{ address, port, family? }` gives a struct
 * sockaddr_in (16 bytes) or sockaddr_in6 (28 bytes; no zone index), `{ path }` a struct
 * sockaddr_un (the path's UTF-8 bytes and a NUL, at most 107 bytes). Throws node's
 * ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE / ERR_OUT_OF_RANGE for anything else.
 */
export function socketAddress(options: InetSocketAddress | UnixSocketAddress): Uint8Array {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
  if ('path' in options) {
    validateOptionKeys(options, ['path'], 'a unix socket address');
    return unixAddress(options.path);
  }
  validateOptionKeys(options, ['family', 'address', 'port'], 'a socket address');
  const { family, address, port } = options as InetSocketAddress;
  if (typeof address !== 'string') throw invalidArgType('options.address', 'of type string', address);
  validateInteger(port, 'options.port', 0, 65535);
  const v6 = family === 'IPv6' || family === 6;
  if (family !== undefined && !v6 && family !== 'IPv4' && family !== 4) {
    throw invalidArgValue('options.family', family, "must be 'IPv4', 'IPv6', 4 or 6");
  }
  if (family === undefined ? isIPv4(address) : !v6) {
    if (!isIPv4(address)) throw invalidArgValue('options.address', address, 'is not an IPv4 address');
    const out = new Uint8Array(16);
    header(out, AF_INET, port);
    out.set(address.split('.').map(Number), 4);
    return out;
  }
  if (!isIPv6(address) || address.includes('%')) {
    throw invalidArgValue('options.address', address, family === undefined ? 'is not an IP address' : 'is not an IPv6 address (without a zone index)');
  }
  const out = new Uint8Array(28);
  header(out, AF_INET6, port);
  out.set(ipv6Bytes(address), 8); // after sin6_family, sin6_port, sin6_flowinfo
  return out;
}

function header(out: Uint8Array, family: number, port: number): void {
  out[0] = family;
  out[2] = port >> 8;
  out[3] = port & 0xff;
}

function unixAddress(path: unknown): Uint8Array {
  if (typeof path !== 'string') throw invalidArgType('options.path', 'of type string', path);
  const bytes = Buffer.from(path, 'utf8');
  const abstract = bytes.length > 0 && bytes[0] === 0;
  if (bytes.length === 0 || (!abstract && bytes.includes(0))) {
    throw invalidArgValue('options.path', path, 'must be a non-empty path without NUL bytes');
  }
  if (bytes.length > SUN_PATH - 1) throw invalidArgValue('options.path', path, `must be at most ${SUN_PATH - 1} bytes long`);
  // An abstract name's length is the address length; a path ends at its NUL.
  const out = new Uint8Array(2 + bytes.length + (abstract ? 0 : 1));
  out[0] = AF_UNIX;
  out.set(bytes, 2);
  return out;
}

/** The 16 bytes of a valid IPv6 address (node:net.isIPv6 said so): groups, one '::', an optional dotted IPv4 tail. */
function ipv6Bytes(address: string): Uint8Array {
  const words: number[] = [];
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const groups = part.split(':');
    const last = groups[groups.length - 1];
    const tail: number[] = [];
    if (last.includes('.')) {
      groups.pop();
      const [a, b, c, d] = last.split('.').map(Number);
      tail.push((a << 8) | b, (c << 8) | d);
    }
    return [...groups.map((g) => parseInt(g, 16)), ...tail];
  };
  const gap = address.indexOf('::');
  if (gap === -1) {
    words.push(...parse(address));
  } else {
    const head = parse(address.slice(0, gap));
    const tail = parse(address.slice(gap + 2));
    words.push(...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail);
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[i * 2] = words[i] >> 8;
    out[i * 2 + 1] = words[i] & 0xff;
  }
  return out;
}
