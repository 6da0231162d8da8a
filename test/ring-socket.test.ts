// Socket builders round trips against node:net on 127.0.0.1, ::1 and a unix socket in a temp
// folder: SOCKET, CONNECT, SEND, RECV, SHUTDOWN, ACCEPT; and their argument errors.
import net from 'node:net';
import { closeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { Ring, socketAddress } from '../lib';
import { next } from './helpers/ring-events';
import { listenTcp } from './helpers/ring-listen';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-socket-');
const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
const SOCK_STREAM = 1;
const SOCK_CLOEXEC = 0o2000000;

let ring: Ring;
beforeEach(() => {
  ring = new Ring({ entries: 16 });
});
afterEach(() => ring.close());

function echoServer(listen: (s: net.Server, ready: () => void) => void): Promise<net.Server> {
  const server = net.createServer((s) => s.pipe(s));
  return new Promise((resolve) => listen(server, () => resolve(server)));
}

async function roundTrip(domain: number, address: Uint8Array): Promise<void> {
  ring.prepSocket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0, 1);
  const [sock] = await next(ring, 1);
  expect(sock.res).toBeGreaterThan(0);
  const fd = sock.res;
  try {
    ring.prepConnect(fd, address, 2);
    expect((await next(ring, 2))[0].res).toBe(0);
    ring.prepSend(fd, Buffer.from('ping over io_uring'), 3);
    expect((await next(ring, 3))[0].res).toBe(18);
    const buf = Buffer.alloc(64);
    let got = '';
    while (got.length < 18) {
      ring.prepRecv(fd, buf.subarray(got.length), 4);
      const [r] = await next(ring, 4);
      expect(r.res).toBeGreaterThan(0);
      got += buf.toString('utf8', got.length, got.length + r.res);
    }
    expect(got).toBe('ping over io_uring');
    ring.prepShutdown(fd, 1, 5); // SHUT_WR: the echo server ends its side too
    expect((await next(ring, 5))[0].res).toBe(0);
    ring.prepRecv(fd, buf, 6);
    expect((await next(ring, 6))[0].res).toBe(0); // end of stream
  } finally {
    closeSync(fd);
  }
}

test.each([
  ['127.0.0.1', AF_INET],
  ['::1', AF_INET6],
])('%s: socket, connect, send, recv, shutdown against a node:net echo server', async (host, domain) => {
  const server = await echoServer((s, ready) => s.listen(0, host, ready));
  try {
    await roundTrip(domain, socketAddress({ address: host, port: (server.address() as net.AddressInfo).port }));
  } finally {
    server.close();
  }
});

test('unix socket round trip', async () => {
  const file = tmp('echo.sock');
  const server = await echoServer((s, ready) => s.listen(file, ready));
  try {
    await roundTrip(AF_UNIX, socketAddress({ path: file }));
  } finally {
    server.close();
  }
});

test('bind, listen and accept: a node:net client connects to the ring\'s listening socket', async () => {
  const { fd: listenFd, port } = await listenTcp(ring);
  try {
    ring.prepAccept(listenFd, 7);
    const client = net.connect(port, '127.0.0.1');
    client.on('error', () => {});
    const [c] = await next(ring, 7);
    expect(c.res).toBeGreaterThan(0);
    ring.prepSend(c.res, Buffer.from('hi'), 8);
    const data = new Promise<string>((resolve) => client.once('data', (d) => resolve(String(d))));
    expect((await next(ring, 8))[0].res).toBe(2);
    expect(await data).toBe('hi');
    client.destroy();
    closeSync(c.res);
  } finally {
    closeSync(listenFd);
  }
});

test('connect to a closed port fails with -ECONNREFUSED in the CQE', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  ring.prepSocket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 1);
  const fd = (await next(ring, 1))[0].res;
  ring.prepConnect(fd, socketAddress({ address: '127.0.0.1', port }), 2);
  expect((await next(ring, 2))[0].res).toBe(-osConstants.errno.ECONNREFUSED);
  closeSync(fd);
});

test('the address is copied at prep: changing it afterwards changes nothing', async () => {
  const server = await echoServer((s, ready) => s.listen(0, '127.0.0.1', ready));
  const address = socketAddress({ address: '127.0.0.1', port: (server.address() as net.AddressInfo).port });
  ring.prepSocket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 1);
  const fd = (await next(ring, 1))[0].res;
  try {
    ring.prepConnect(fd, address, 2);
    address.fill(0);
    expect((await next(ring, 2))[0].res).toBe(0);
  } finally {
    closeSync(fd);
    server.close();
  }
});

test('an address whose own buffer/byteOffset properties lie is copied from its real memory', async () => {
  const server = await echoServer((s, ready) => s.listen(0, '127.0.0.1', ready));
  const real = socketAddress({ address: '127.0.0.1', port: (server.address() as net.AddressInfo).port });
  const backing = new Uint8Array(64);
  backing.set(real, 16);
  const address = backing.subarray(16, 32);
  Object.defineProperty(address, 'buffer', { value: new ArrayBuffer(4) });
  Object.defineProperty(address, 'byteOffset', { value: 0 });
  ring.prepSocket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 1);
  const fd = (await next(ring, 1))[0].res;
  try {
    ring.prepConnect(fd, address, 2);
    expect((await next(ring, 2))[0].res).toBe(0);
  } finally {
    closeSync(fd);
    server.close();
  }
});

test.each([
  ['prepSocket domain', () => ring.prepSocket(-1, 1, 0, 1), 'ERR_OUT_OF_RANGE'],
  ['prepSocket type', () => ring.prepSocket(2, '1' as never, 0, 1), 'ERR_INVALID_ARG_TYPE'],
  ['prepConnect fd', () => ring.prepConnect(-1, new Uint8Array(16), 1), 'ERR_OUT_OF_RANGE'],
  ['prepConnect address', () => ring.prepConnect(3, 'x' as never, 1), 'ERR_INVALID_ARG_TYPE'],
  ['prepConnect address length', () => ring.prepConnect(3, new Uint8Array(129), 1), 'ERR_OUT_OF_RANGE'],
  ['prepAccept options', () => ring.prepAccept(3, 1, { multishot: 1 } as never), 'ERR_INVALID_ARG_TYPE'],
  ['prepAccept unknown option', () => ring.prepAccept(3, 1, { multi: true } as never), 'ERR_INVALID_ARG_VALUE'],
  ['prepAccept sqeFlags', () => ring.prepAccept(3, 1, { sqeFlags: 1 << 5 }), 'ERR_OUT_OF_RANGE'],
  ['prepSend buffer', () => ring.prepSend(3, {} as never, 1), 'ERR_INVALID_ARG_TYPE'],
  ['prepSend sendFlags', () => ring.prepSend(3, Buffer.alloc(1), 1, -1), 'ERR_OUT_OF_RANGE'],
  ['prepSend CQE_SKIP_SUCCESS', () => ring.prepSend(3, Buffer.alloc(1), 1, 0, 1 << 6), 'ERR_OUT_OF_RANGE'],
  ['prepRecv target', () => ring.prepRecv(3, null as never, 1), 'ERR_INVALID_ARG_TYPE'],
  ['prepRecv unregistered group', () => ring.prepRecv(3, { bufferGroup: 9 }, 1), 'ERR_OUT_OF_RANGE'],
  ['prepRecv multishot without a group', () => ring.prepRecv(3, Buffer.alloc(4), 1, { multishot: true }), 'ERR_INVALID_ARG_VALUE'],
  ['prepRecv BUFFER_SELECT without a group', () => ring.prepRecv(3, Buffer.alloc(4), 1, { sqeFlags: 1 << 5 }), 'ERR_OUT_OF_RANGE'],
  ['prepBind address', () => ring.prepBind(3, new Uint8Array(1), 1), 'ERR_OUT_OF_RANGE'],
  ['prepListen backlog', () => ring.prepListen(3, -1, 1), 'ERR_OUT_OF_RANGE'],
  ['prepShutdown how', () => ring.prepShutdown(3, 3, 1), 'ERR_OUT_OF_RANGE'],
  ['prepShutdown userData', () => ring.prepShutdown(3, 0, -1), 'ERR_OUT_OF_RANGE'],
])('%s: %s', (_name, call, code) => {
  expect(call).toThrow(expect.objectContaining({ code }));
  expect(ring.inFlight).toBe(0);
});

test('a closed ring refuses them with ERR_URING_CLOSED', () => {
  const r = new Ring({ entries: 2 });
  r.close();
  expect(() => r.prepSocket(2, 1, 0, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
  expect(() => r.prepRecv(3, Buffer.alloc(1), 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
});
