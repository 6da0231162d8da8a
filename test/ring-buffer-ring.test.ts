// Provided buffer rings: the kernel picks a buffer for a RECV with a buffer group, the CQE names
// it (IORING_CQE_F_BUFFER, id in the upper 16 bits), take() hands it out and release() gives it
// back; an empty ring fails the RECV with -ENOBUFS. Argument errors are node's.
import net from 'node:net';
import { closeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { BufferRing, constants, Ring } from '../lib';
import { next } from './helpers/ring-events';
import { listenTcp } from './helpers/ring-listen';

const { BUFFER } = constants.cqeFlags;

let ring: Ring;
let listenFd: number;
let fd: number;
let client: net.Socket;
beforeEach(async () => {
  ring = new Ring({ entries: 16 });
  const l = await listenTcp(ring);
  listenFd = l.fd;
  client = net.connect(l.port, '127.0.0.1');
  client.on('error', () => {});
  ring.prepAccept(listenFd, 1);
  fd = (await next(ring, 1))[0].res;
  expect(fd).toBeGreaterThan(0);
});
afterEach(() => {
  client.destroy();
  closeSync(fd);
  closeSync(listenFd);
  ring.close();
});

async function recvOne(group: number, ud: number): Promise<{ res: number; flags: number }> {
  ring.prepRecv(fd, { bufferGroup: group }, ud);
  const [c] = await next(ring, ud);
  return c;
}

test('a RECV with a buffer group lands in the buffer the CQE names; take and release hand it over', async () => {
  const group = ring.registerBufferRing(7, 4, 64);
  expect(group).toBeInstanceOf(BufferRing);
  expect([group.groupId, group.count, group.size]).toEqual([7, 4, 64]);
  client.write('hello');
  const c = await recvOne(7, 2);
  expect(c.res).toBe(5);
  expect(c.flags & BUFFER).toBe(BUFFER);
  const id = group.bufferId(c.flags);
  expect(id).toBe(c.flags >>> 16);
  const b = group.take(c.flags, c.res)!;
  expect(b.toString()).toBe('hello');
  expect(() => group.take(c.flags, c.res)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => group.release(Buffer.alloc(64))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  group.release(b);
  expect(() => group.release(b)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(() => group.release(id)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
  expect(group.take(0, 0)).toBeNull(); // flags without F_BUFFER name no buffer
});

test('an empty ring fails the RECV with -ENOBUFS; a released buffer is used again', async () => {
  const group = ring.registerBufferRing(3, 1, 16);
  client.write('a');
  const first = await recvOne(3, 2);
  expect(first.res).toBe(1);
  const held = group.take(first.flags, first.res)!;
  client.write('b');
  await new Promise((r) => setTimeout(r, 50)); // the byte is queued on the socket; the ring is empty
  const refused = await recvOne(3, 3);
  expect(refused.res).toBe(-osConstants.errno.ENOBUFS);
  group.release(held);
  const again = await recvOne(3, 4);
  expect(again.res).toBe(1);
  expect(group.bufferId(again.flags)).toBe(0);
  expect(group.take(again.flags, again.res)!.toString()).toBe('b');
});

test('buffers are reused round the ring: many messages through a ring of two', async () => {
  const group = ring.registerBufferRing(0, 2, 8);
  let text = '';
  for (let i = 0; i < 20; i++) {
    client.write(String(i % 10));
    const c = await recvOne(0, 10 + i);
    const b = group.take(c.flags, c.res)!;
    text += b.toString();
    group.release(b);
  }
  expect(text).toBe('01234567890123456789');
});

test('unregister removes the group: a RECV naming it is refused', async () => {
  const group = ring.registerBufferRing(5, 2, 8);
  group.unregister();
  expect(() => ring.prepRecv(fd, { bufferGroup: 5 }, 1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  const again = ring.registerBufferRing(5, 2, 8); // the id is free again
  client.write('z');
  const c = await recvOne(5, 2);
  expect(again.take(c.flags, c.res)!.toString()).toBe('z');
});

test.each([
  ['groupId', () => ring.registerBufferRing(65536, 2, 8), 'ERR_OUT_OF_RANGE'],
  ['groupId type', () => ring.registerBufferRing('1' as never, 2, 8), 'ERR_INVALID_ARG_TYPE'],
  ['count not a power of two', () => ring.registerBufferRing(1, 3, 8), 'ERR_OUT_OF_RANGE'],
  ['count too large', () => ring.registerBufferRing(1, 65536, 8), 'ERR_OUT_OF_RANGE'],
  ['size 0', () => ring.registerBufferRing(1, 2, 0), 'ERR_OUT_OF_RANGE'],
  ['count * size too large', () => ring.registerBufferRing(1, 32768, 2 ** 16), 'ERR_OUT_OF_RANGE'],
])('registerBufferRing: %s', (_name, call, code) => {
  expect(call).toThrow(expect.objectContaining({ code }));
});

test('a group id already registered is refused', () => {
  ring.registerBufferRing(9, 2, 8);
  expect(() => ring.registerBufferRing(9, 2, 8)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }));
});

test('after close() the BufferRing refuses with ERR_URING_CLOSED', () => {
  const r = new Ring({ entries: 2 });
  const g = r.registerBufferRing(1, 2, 8);
  r.close();
  expect(() => g.release(0)).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
  expect(() => g.take(BUFFER, 1)).toThrow(expect.objectContaining({ code: 'ERR_URING_CLOSED' }));
});
