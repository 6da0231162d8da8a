'use strict';
// A TCP echo server over one Ring: the listening socket is made by the ring (SOCKET, BIND,
// LISTEN), one multishot ACCEPT takes every connection, and each connection has one multishot
// RECV into a provided buffer ring; each message goes back with a plain SEND of the buffer the
// kernel filled, which returns to the ring once the SEND completes.
//   node examples/echo-server.js [port]   (port 0, the default: the kernel picks; printed on stdout)
// SIGINT/SIGTERM close the ring and end the process.
const fs = require('node:fs');
const { Ring, socketAddress, constants } = require('..');

const AF_INET = 2;
const SOCK_STREAM = 1;
const SOCK_CLOEXEC = 0o2000000;
const ENOBUFS = 105;
const { MORE } = constants.cqeFlags;
const GROUP = 0;

// COOP_TASKRUN: completions run as task work when this thread next enters the kernel instead of
// interrupting it (about a tenth more messages/s here); TASKRUN_FLAG tells reap() they wait.
const { COOP_TASKRUN, TASKRUN_FLAG } = constants.setupFlags;
const ring = new Ring({ entries: 256, cqEntries: 4096, flags: COOP_TASKRUN | TASKRUN_FLAG });
const buffers = ring.registerBufferRing(GROUP, 1024, 4096);

/** Runs one operation to completion, synchronously (start-up only). */
function now(prep) {
  prep(0);
  ring.submit(1);
  let result;
  ring.reap((ud, res) => { result = res; }, 1);
  if (result < 0) throw new Error(`start-up operation failed: errno ${-result}`);
  return result;
}

/** io_uring has no getsockname: the port the kernel picked, from /proc/net/tcp by the socket's inode. */
function boundPort(fd) {
  const ino = String(fs.statSync(`/proc/self/fd/${fd}`).ino);
  for (const line of fs.readFileSync('/proc/self/net/tcp', 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[9] === ino) return parseInt(cols[1].split(':')[1], 16);
  }
  throw new Error('the listening socket is not in /proc/net/tcp');
}

const listenFd = now((ud) => ring.prepSocket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, ud));
now((ud) => ring.prepBind(listenFd, socketAddress({ address: '127.0.0.1', port: Number(process.argv[2] ?? 0) }), ud));
now((ud) => ring.prepListen(listenFd, 511, ud));

// user_data: what each CQE is about. 1: the accept; then one token per RECV and per SEND.
const ACCEPT = 1;
let nextToken = 2;
const ops = new Map(); // token -> { kind: 'recv', fd } | { kind: 'send', fd, buffer, sent } | { kind: 'close' }

function recv(fd) {
  const token = nextToken++;
  ops.set(token, { kind: 'recv', fd });
  ring.prepRecv(fd, { bufferGroup: GROUP }, token, { multishot: true });
}

function send(fd, buffer, sent) {
  const token = nextToken++;
  ops.set(token, { kind: 'send', fd, buffer, sent });
  ring.prepSend(fd, buffer.subarray(sent), token);
}

function closeFd(fd) {
  const token = nextToken++;
  ops.set(token, { kind: 'close' });
  ring.prepClose(fd, token);
}

const open = new Set();
let closing = false;

function onCompletion(ud, res, flags) {
  if (ud === ACCEPT) {
    if (res >= 0) {
      open.add(res);
      recv(res);
    }
    if ((flags & MORE) === 0 && !closing) ring.prepAccept(listenFd, ACCEPT, { multishot: true }); // re-arm
    return;
  }
  const op = ops.get(ud);
  if ((flags & MORE) === 0) ops.delete(ud);
  if (op.kind === 'recv') {
    if (res > 0) {
      send(op.fd, buffers.take(flags, res), 0); // the buffer is ours until the SEND completes
      if ((flags & MORE) === 0) recv(op.fd); // the kernel ended the multishot: ask again
    } else if (res === -ENOBUFS && !closing) {
      recv(op.fd); // every buffer is out in a SEND: they come back as the SENDs complete
    } else if ((flags & MORE) === 0 && open.delete(op.fd)) {
      closeFd(op.fd); // end of stream, or an error
    }
  } else if (op.kind === 'send') {
    const sent = op.sent + Math.max(res, 0);
    if (res > 0 && sent < op.buffer.length) send(op.fd, op.buffer, sent); // a short send: the rest
    else buffers.release(op.buffer);
  }
}

ring.onReady(() => {
  ring.reap(onCompletion);
  ring.submit();
});
ring.prepAccept(listenFd, ACCEPT, { multishot: true });
ring.submit();
console.log(`listening on 127.0.0.1:${boundPort(listenFd)}`);

function stop() {
  closing = true;
  ring.close(); // cancels the accept and every RECV, and waits for them
  for (const fd of open) fs.closeSync(fd);
  fs.closeSync(listenFd);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
