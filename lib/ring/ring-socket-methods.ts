// The Ring's socket builders (ops-socket): socket, connect, bind, listen, accept, send, recv, shutdown.
import { opcodes } from '../constants';
import { prepAccept, prepAddress, prepListen, prepRecv, prepSend, prepShutdown, prepSocket, type AcceptOptions, type RecvOptions } from './ops-socket';
import { RingPathMethods } from './ring-path-methods';
import { coreOf } from './ring-state';

/** The socket operations of a Ring (see Ring). */
export abstract class RingSocketMethods extends RingPathMethods {
  /**
   * SOCKET (io_uring_prep_socket; Linux 5.19+): a socket as socket(2) makes it (`domain` AF_*, `type` SOCK_*
   * with SOCK_CLOEXEC / SOCK_NONBLOCK, `protocol`). res: the new fd, or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSocket(domain: number, type: number, protocol: number, userData: number, sqeFlags?: number): number {
    return prepSocket(coreOf(this), domain, type, protocol, userData, sqeFlags);
  }

  /**
   * CONNECT (io_uring_prep_connect; Linux 5.5+) of socket `fd` to `address`, a struct sockaddr (socketAddress()
   * encodes one; copied at prep). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepConnect(fd: number, address: ArrayBufferView, userData: number, sqeFlags?: number): number {
    return prepAddress(coreOf(this), opcodes.CONNECT, fd, address, userData, sqeFlags);
  }

  /**
   * BIND (IORING_OP_BIND; Linux 6.11+; liburing 2.7's io_uring_prep_bind) of socket `fd` to `address`, a struct
   * sockaddr (socketAddress() encodes one; copied at prep). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepBind(fd: number, address: ArrayBufferView, userData: number, sqeFlags?: number): number {
    return prepAddress(coreOf(this), opcodes.BIND, fd, address, userData, sqeFlags);
  }

  /**
   * LISTEN (IORING_OP_LISTEN; Linux 6.11+; liburing 2.7's io_uring_prep_listen) on socket `fd` with `backlog`, as
   * listen(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepListen(fd: number, backlog: number, userData: number, sqeFlags?: number): number {
    return prepListen(coreOf(this), fd, backlog, userData, sqeFlags);
  }

  /**
   * ACCEPT (io_uring_prep_accept, or io_uring_prep_multishot_accept with `multishot`, Linux 5.19+; Linux 5.5+) on
   * listening socket `fd`; the new socket is SOCK_CLOEXEC, as node's are, and no peer address is returned.
   * res: the new fd, or -errno. A multishot accept posts a CQE per connection (IORING_CQE_F_MORE set while it
   * goes on) and keeps its operation in flight until the CQE without it (cancel it with prepCancel).
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `options.sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepAccept(fd: number, userData: number, options?: AcceptOptions): number {
    return prepAccept(coreOf(this), fd, userData, options);
  }

  /**
   * SEND of `buffer` (io_uring_prep_send; Linux 5.6+) on socket `fd`; `sendFlags` MSG_* as send(2). res: bytes
   * sent, or -errno. The buffer stays pinned until the CQE is reaped.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepSend(fd: number, buffer: ArrayBufferView, userData: number, sendFlags?: number, sqeFlags?: number): number {
    return prepSend(coreOf(this), fd, buffer, userData, sendFlags, sqeFlags);
  }

  /**
   * RECV (io_uring_prep_recv, or io_uring_prep_recv_multishot with `multishot`, Linux 6.0+; Linux 5.6+) on socket
   * `fd` into `buffer` (pinned until the CQE), or into a buffer the kernel picks from `{ bufferGroup }`, a
   * registerBufferRing() group (IOSQE_BUFFER_SELECT; the CQE's flags name the buffer: BufferRing.take()). res:
   * bytes received, 0 at end of stream, or -errno. Multishot needs a buffer group and posts a CQE per message
   * (IORING_CQE_F_MORE set while it goes on) until end of stream, an error, -ENOBUFS (no buffer left) or a cancel.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `options.recvFlags` are MSG_* as recv(2), `options.sqeFlags` IOSQE_* bits.
   */
  prepRecv(fd: number, buffer: ArrayBufferView | { bufferGroup: number }, userData: number, options?: RecvOptions): number {
    return prepRecv(coreOf(this), fd, buffer, userData, options);
  }

  /**
   * SHUTDOWN (io_uring_prep_shutdown; Linux 5.11+) of socket `fd`: `how` SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2),
   * as shutdown(2). res: 0 or -errno.
   * Returns the operation id (for prepCancel). `userData`, a non-negative safe integer, comes back
   * with the CQE; `sqeFlags` are IOSQE_* bits (constants.sqeFlags says which the builders accept).
   */
  prepShutdown(fd: number, how: number, userData: number, sqeFlags?: number): number {
    return prepShutdown(coreOf(this), fd, how, userData, sqeFlags);
  }
}
