// A known difference (README): http2's stream.respondWithFD() takes a number or node's own
// FileHandle class (it checks the internal class), so a uring/promises FileHandle (which
// fs.promises.open returns under uring/register) is refused with node's ERR_INVALID_ARG_TYPE;
// its `fd` works. Found serving files over http2 under register.
import fs from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as fsp from '../lib/promises';
import { useTempDir } from './helpers/temp-dir';

const tmp = useTempDir('uring-http2-fd-');

function serveOnce(respond: (stream: http2.ServerHttp2Stream) => Promise<void>): Promise<string> {
  const server = http2.createServer();
  server.on('stream', (stream) => {
    respond(stream).catch((err: NodeJS.ErrnoException) => {
      stream.respond({ ':status': 500 });
      stream.end(String(err.code));
    });
  });
  return new Promise((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const req = client.request({ ':path': '/' });
      let status = 0;
      let body = '';
      req.on('response', (headers) => (status = Number(headers[':status'])));
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        client.close();
        server.close();
        resolve(`${status} ${body}`);
      });
      req.on('error', reject);
    });
  });
}

test('respondWithFD refuses a uring/promises FileHandle as node\'s own call does any foreign object, and takes its fd', async () => {
  fs.writeFileSync(tmp('page'), 'served over http2');
  const withHandle = await serveOnce(async (stream) => {
    const handle = await fsp.open(tmp('page'), 'r');
    stream.on('close', () => void handle.close());
    stream.respondWithFD(handle as never);
  });
  expect(withHandle).toBe('500 ERR_INVALID_ARG_TYPE');
  const withFd = await serveOnce(async (stream) => {
    const handle = await fsp.open(tmp('page'), 'r');
    stream.on('close', () => void handle.close());
    stream.respondWithFD(handle.fd);
  });
  expect(withFd).toBe('200 served over http2');
});
