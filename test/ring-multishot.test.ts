// Multishot ACCEPT and RECV: one operation posts a CQE per connection or message with
// IORING_CQE_F_MORE, and keeps its slot (inFlight, its id for prepCancel) and its pins until
// the CQE without it.
import net from 'node:net';
import { closeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { constants, Ring } from '../lib';
import { until } from './helpers/ring-events';
import { listenTcp } from './helpers/ring-listen';
import { packageRoot, runChild } from './helpers/child';

const { MORE, BUFFER } = constants.cqeFlags;

let ring: Ring;
beforeEach(() => {
  ring = new Ring({ entries: 16 });
});
afterEach(() => ring.close());

test('multishot accept: a CQE per connection with F_MORE, one slot throughout, a last CQE after the cancel', async () => {
  const { fd: listenFd, port } = await listenTcp(ring);
  const clients: net.Socket[] = [];
  const accepted: number[] = [];
  try {
    const id = ring.prepAccept(listenFd, 10, { multishot: true });
    const inFlightSeen: number[] = [];
    let connected = 0;
    const connect = (): void => {
      const c = net.connect(port, '127.0.0.1');
      c.on('error', () => {});
      clients.push(c);
      connected++;
    };
    connect();
    await until(ring, (c) => {
      expect(c.ud).toBe(10);
      expect(c.flags & MORE).toBe(MORE);
      expect(c.res).toBeGreaterThan(0);
      accepted.push(c.res);
      inFlightSeen.push(ring.inFlight);
      if (connected < 3) connect();
      return accepted.length === 3;
    });
    expect(inFlightSeen).toEqual([1, 1, 1]);
    expect(new Set(accepted).size).toBe(3);
    ring.prepCancel(id, 11);
    const last: number[][] = [];
    await until(ring, (c) => {
      last.push([c.ud, c.res, c.flags & MORE]);
      return last.length === 2;
    });
    expect(last).toContainEqual([10, -osConstants.errno.ECANCELED, 0]);
    expect(last).toContainEqual([11, 0, 0]);
    expect(ring.inFlight).toBe(0);
  } finally {
    for (const c of clients) c.destroy();
    for (const fd of accepted) closeSync(fd);
    closeSync(listenFd);
  }
});

test('multishot recv into a buffer ring: a CQE per message until end of stream', async () => {
  const { fd: listenFd, port } = await listenTcp(ring);
  const group = ring.registerBufferRing(1, 4, 256);
  const client = net.connect(port, '127.0.0.1');
  client.on('error', () => {});
  try {
    ring.prepAccept(listenFd, 1);
    let fd = -1;
    await until(ring, (c) => ((fd = c.res), true));
    expect(fd).toBeGreaterThan(0);
    ring.prepRecv(fd, { bufferGroup: 1 }, 2, { multishot: true });
    const words = ['one', 'two', 'three', 'four', 'five'];
    let sent = 0;
    const send = (): void => void client.write(words[sent++]);
    send();
    let text = '';
    let messages = 0;
    await until(ring, (c) => {
      expect(c.ud).toBe(2);
      if (c.res === 0) {
        expect(c.flags & MORE).toBe(0); // end of stream ends the operation
        return true;
      }
      expect(c.flags & (MORE | BUFFER)).toBe(MORE | BUFFER);
      expect(ring.inFlight).toBe(1);
      const b = group.take(c.flags, c.res)!;
      text += b.toString();
      group.release(b);
      messages++;
      if (sent < words.length) send();
      else client.end();
      return false;
    });
    expect(text).toBe(words.join(''));
    expect(messages).toBe(words.length);
    expect(ring.inFlight).toBe(0);
    closeSync(fd);
  } finally {
    client.destroy();
    closeSync(listenFd);
  }
});

// A child's ring that listens on 127.0.0.1 with a multishot accept in flight (user_data 4); `port` is its port.
const listening = `
const fs = require('fs'), net = require('net');
const ring = new uring.Ring({ entries: 8 });
ring.prepSocket(2, 1, 0, 1);
ring.submit(1);
let fd; ring.reap((ud, res) => { fd = res; });
ring.prepBind(fd, uring.socketAddress({ address: '127.0.0.1', port: 0 }), 2);
ring.prepListen(fd, 16, 3);
ring.submit(2);
ring.reap(() => {});
ring.prepAccept(fd, 4, { multishot: true });
ring.submit();
const ino = String(fs.statSync('/proc/self/fd/' + fd).ino);
const port = parseInt(fs.readFileSync('/proc/self/net/tcp', 'utf8').split('\\n').map((l) => l.trim().split(/\\s+/)).find((c) => c[9] === ino)[1].split(':')[1], 16);
`;

test('close() with a multishot operation in flight cancels it and frees the ring (nothing leaked)', () => {
  const r = runChild(`${listening}
let n = 0;
const connect = () => net.connect(port, '127.0.0.1').on('error', () => {});
connect(); connect();
const finals = [];
ring.onReady(() => ring.reap((ud, res, flags) => {
  if ((flags & 2) && ++n === 2) ring.close((u, r2, f) => finals.push([u, r2, f & 2]));
}));
process.on('exit', () => console.log(JSON.stringify({ n, finals, closed: ring.closed })));
setTimeout(() => process.exit(0), 3000).unref();
`);
  expect(r.stderr).not.toContain('leaked');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim());
  expect(out.n).toBe(2);
  expect(out.closed).toBe(true);
  expect(out.finals).toEqual([[4, -osConstants.errno.ECANCELED, 0]]);
});

test('a worker that exits with a multishot accept in flight (after a connection) ends', () => {
  const r = runChild(`
const { Worker } = require('worker_threads');
const w = new Worker(${'`'}const uring = require(${JSON.stringify(packageRoot)});${'$'}{${JSON.stringify(listening)}}
require('net').connect(port, '127.0.0.1').on('error', () => {}).on('connect', function () {
  ring.onReady(() => ring.reap((ud, res, flags) => { if (flags & 2) { this.destroy(); process.exit(0); } }));
});${'`'}, { eval: true });
w.on('exit', (code) => console.log('worker exit', code));
`, [], 20000);
  expect(r.signal).toBeNull();
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('worker exit 0');
});
