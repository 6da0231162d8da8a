// socketAddress(): struct sockaddr_in / sockaddr_in6 / sockaddr_un bytes, and node's argument errors.
import { socketAddress } from '../lib';

test('IPv4: family AF_INET, port in network order, the four address bytes', () => {
  expect(Array.from(socketAddress({ address: '127.0.0.1', port: 0x1234 }))).toEqual([2, 0, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  expect(socketAddress({ family: 'IPv4', address: '10.1.2.3', port: 1 }).length).toBe(16);
});

test('IPv6: family AF_INET6, port, zero flowinfo, sixteen address bytes, zero scope', () => {
  const a = socketAddress({ address: '::1', port: 80 });
  expect(a.length).toBe(28);
  expect(Array.from(a.subarray(0, 8))).toEqual([10, 0, 0, 80, 0, 0, 0, 0]);
  expect(Array.from(a.subarray(8, 24))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  const b = socketAddress({ family: 6, address: '2001:db8::ff00:42:8329', port: 0 });
  expect(Buffer.from(b.subarray(8, 24)).toString('hex')).toBe('20010db8000000000000ff0000428329');
  const mapped = socketAddress({ family: 'IPv6', address: '::ffff:127.0.0.1', port: 0 });
  expect(Buffer.from(mapped.subarray(8, 24)).toString('hex')).toBe('00000000000000000000ffff7f000001');
  const full = socketAddress({ address: '1:2:3:4:5:6:7:8', port: 0 });
  expect(Buffer.from(full.subarray(8, 24)).toString('hex')).toBe('00010002000300040005000600070008');
});

test('unix: family AF_UNIX, the path and its NUL; an abstract name without one', () => {
  expect(Array.from(socketAddress({ path: '/tmp/s' }))).toEqual([1, 0, 47, 116, 109, 112, 47, 115, 0]);
  expect(Array.from(socketAddress({ path: '\0ab' }))).toEqual([1, 0, 0, 97, 98]);
});

test.each([
  [null, 'ERR_INVALID_ARG_TYPE'],
  [{ address: 1, port: 1 }, 'ERR_INVALID_ARG_TYPE'],
  [{ address: '127.0.0.1', port: 65536 }, 'ERR_OUT_OF_RANGE'],
  [{ address: '127.0.0.1', port: '80' }, 'ERR_INVALID_ARG_TYPE'],
  [{ address: 'localhost', port: 80 }, 'ERR_INVALID_ARG_VALUE'],
  [{ family: 'IPv6', address: '127.0.0.1', port: 80 }, 'ERR_INVALID_ARG_VALUE'],
  [{ family: 'IPv4', address: '::1', port: 80 }, 'ERR_INVALID_ARG_VALUE'],
  [{ family: 'inet', address: '::1', port: 80 }, 'ERR_INVALID_ARG_VALUE'],
  [{ address: 'fe80::1%eth0', port: 80 }, 'ERR_INVALID_ARG_VALUE'],
  [{ address: '::1', port: 80, host: 'x' }, 'ERR_INVALID_ARG_VALUE'],
  [{ path: '' }, 'ERR_INVALID_ARG_VALUE'],
  [{ path: 'a\0b' }, 'ERR_INVALID_ARG_VALUE'],
  [{ path: 'x'.repeat(108) }, 'ERR_INVALID_ARG_VALUE'],
  [{ path: 5 }, 'ERR_INVALID_ARG_TYPE'],
])('%j is refused with %s', (options, code) => {
  expect(() => socketAddress(options as never)).toThrow(expect.objectContaining({ code }));
});
