// A listening TCP socket made through the ring (SOCKET, BIND to port 0, LISTEN), and its port,
// read from /proc/net/tcp by the socket's inode (no getsockname op exists).
import { readFileSync, statSync } from 'node:fs';
import { Ring, socketAddress } from '../../lib';
import { next } from './ring-events';

const SOCK_STREAM = 1;
const SOCK_CLOEXEC = 0o2000000;

export function portOf(fd: number, v6 = false): number {
  const ino = String(statSync(`/proc/self/fd/${fd}`).ino);
  for (const line of readFileSync(v6 ? '/proc/self/net/tcp6' : '/proc/self/net/tcp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[9] === ino) return parseInt(cols[1].split(':')[1], 16);
  }
  throw new Error(`socket ${fd} is not in /proc/net/tcp`);
}

export async function listenTcp(ring: Ring, address = '127.0.0.1'): Promise<{ fd: number; port: number }> {
  const v6 = address.includes(':');
  ring.prepSocket(v6 ? 10 : 2, SOCK_STREAM | SOCK_CLOEXEC, 0, 0x7001);
  const [s] = await next(ring, 0x7001);
  if (s.res < 0) throw new Error(`socket: ${s.res}`);
  ring.prepBind(s.res, socketAddress({ address, port: 0 }), 0x7002);
  ring.prepListen(s.res, 128, 0x7003);
  const cqes = await next(ring, 0x7003);
  for (const c of cqes) if (c.res !== 0) throw new Error(`bind/listen: ${c.res}`);
  return { fd: s.res, port: portOf(s.res, v6) };
}
