// A builder whose opcode the kernel's probe lacks refuses with ERR_URING_UNSUPPORTED,
// naming the opcode and the kernel that added it, and takes no SQE.
import { Ring } from '../lib';
import { tryBinding } from '../lib/native';

test.each([
  ['prepSocket', (r: Ring) => r.prepSocket(2, 1, 0, 1), 'IORING_OP_SOCKET', '5.19'],
  ['prepBind', (r: Ring) => r.prepBind(3, new Uint8Array(16), 1), 'IORING_OP_BIND', '6.11'],
  ['prepListen', (r: Ring) => r.prepListen(3, 1, 1), 'IORING_OP_LISTEN', '6.11'],
  ['prepConnect', (r: Ring) => r.prepConnect(3, new Uint8Array(16), 1), 'IORING_OP_CONNECT', '5.5'],
  ['prepAccept', (r: Ring) => r.prepAccept(3, 1), 'IORING_OP_ACCEPT', '5.5'],
  ['prepSend', (r: Ring) => r.prepSend(3, Buffer.alloc(1), 1), 'IORING_OP_SEND', '5.6'],
  ['prepRecv', (r: Ring) => r.prepRecv(3, Buffer.alloc(1), 1), 'IORING_OP_RECV', '5.6'],
  ['prepShutdown', (r: Ring) => r.prepShutdown(3, 1, 1), 'IORING_OP_SHUTDOWN', '5.11'],
  ['prepMsgRing', (r: Ring) => r.prepMsgRing(3, 0, 1), 'IORING_OP_MSG_RING', '5.18'],
])('%s on a kernel whose probe lacks it', (_name, call, opName, kernel) => {
  const binding = tryBinding()!;
  const Original = binding.NativeRing;
  // A native ring whose probe says no opcode is supported (the methods themselves are read-only).
  binding.NativeRing = class extends (Original as unknown as new () => object) {
    probe(): Uint8Array {
      return new Uint8Array(64);
    }
  } as unknown as typeof Original;
  let ring: Ring;
  try {
    ring = new Ring({ entries: 2 });
  } finally {
    binding.NativeRing = Original;
  }
  try {
    let err: { code?: string; message?: string } = {};
    try {
      call(ring);
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe('ERR_URING_UNSUPPORTED');
    expect(err.message).toContain(opName);
    expect(err.message).toContain(`Linux ${kernel}+`);
    expect(ring.inFlight).toBe(0);
    expect(ring.sqReady).toBe(0);
  } finally {
    ring.close();
  }
});
