// examples/echo-server.js: node:net clients on 127.0.0.1 get back exactly what they sent
// (small messages and ones larger than a provided buffer), concurrently; SIGTERM ends it cleanly.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { packageRoot } from './helpers/child';

function echo(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const c = net.connect(port, '127.0.0.1', () => c.write(payload));
    c.on('data', (d) => {
      chunks.push(d);
      got += d.length;
      if (got >= payload.length) c.end();
    });
    c.on('end', () => resolve(Buffer.concat(chunks)));
    c.on('error', reject);
  });
}

test('echoes what node:net clients send, then stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(packageRoot, 'examples', 'echo-server.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`the example exited: ${stderr}`)));
    });
    const payloads = Array.from({ length: 16 }, (_, i) => Buffer.alloc(i % 4 === 0 ? 100_000 + i : 10 + i * 7, String.fromCharCode(97 + i)));
    const replies = await Promise.all(payloads.map((p) => echo(port, p)));
    replies.forEach((r, i) => expect(r.equals(payloads[i])).toBe(true));
    // The server keeps going after clients leave: a second round on new connections.
    expect((await echo(port, Buffer.from('again'))).toString()).toBe('again');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(stderr).toBe('');
});
