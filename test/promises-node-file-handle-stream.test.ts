// Behaviours of Node's test-fs-promises-file-handle-stream and -file-handle-readLines: read
// and write streams, lines and a web stream over a
// FileHandle and their autoClose. (Its autoClose-false loop hangs on Node 20, so it is not here.)
import { readFileSync, writeFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { finished } from 'node:stream/promises';
import { useTempDir } from './helpers/temp-dir';
import { loadTarget, targetAvailable } from './helpers/promises-target';

const suite = targetAvailable() ? describe : describe.skip;
const tmp = useTempDir();
type Emitter = NodeJS.EventEmitter;

suite('FileHandle streams', () => {
  test('createWriteStream writes everything; createReadStream reads everything', async () => {
    const fsp = loadTarget();
    const data = Buffer.from('Hello world'.repeat(100));
    const wfh = await fsp.open(tmp('w.txt'), 'w');
    const ws = wfh.createWriteStream();
    ws.end(data);
    await finished(ws);
    expect(readFileSync(tmp('w.txt'))).toEqual(data);

    writeFileSync(tmp('r.txt'), data);
    const rfh = await fsp.open(tmp('r.txt'));
    expect(await buffer(rfh.createReadStream())).toEqual(data);
  });

  test('autoClose (the default) closes the handle, emitting "close" once, for both kinds', async () => {
    const fsp = loadTarget();
    const data = Buffer.from('Hello world');
    writeFileSync(tmp('ra.txt'), data);
    const rfh = await fsp.open(tmp('ra.txt'));
    const rClosed = new Promise((resolve) => (rfh as unknown as Emitter).once('close', resolve));
    expect(await buffer(rfh.createReadStream())).toEqual(data);
    await rClosed;
    expect(rfh.fd).toBe(-1);

    const wfh = await fsp.open(tmp('wa.txt'), 'w');
    const wClosed = new Promise((resolve) => (wfh as unknown as Emitter).once('close', resolve));
    const ws = wfh.createWriteStream();
    ws.end(data);
    await finished(ws);
    await wClosed;
    expect(wfh.fd).toBe(-1);
    expect(readFileSync(tmp('wa.txt'))).toEqual(data);
  });

  test('readLines yields "1", "", "2" for "1\\n\\n2\\n"', async () => {
    writeFileSync(tmp('lines.txt'), '1\n\n2\n');
    const fh = await loadTarget().open(tmp('lines.txt'));
    try {
      const lines: string[] = [];
      for await (const line of fh.readLines()) lines.push(line);
      expect(lines).toEqual(['1', '', '2']);
    } finally {
      await fh.close();
    }
  });

  test('readableWebStream yields the whole file', async () => {
    const data = Buffer.from('web stream '.repeat(5000));
    writeFileSync(tmp('web.txt'), data);
    const fh = await loadTarget().open(tmp('web.txt'));
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of fh.readableWebStream() as unknown as AsyncIterable<Uint8Array | ArrayBuffer>) {
        chunks.push(Buffer.from(chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : chunk));
      }
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
    } finally {
      await fh.close();
    }
  });
});
