// A FileHandle garbage-collected while open closes its descriptor with Node's warning, as
// node:fs/promises does (with DEP0137); a closed one is left alone.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

test('an unclosed FileHandle is closed on garbage collection, with a warning', () => {
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', `
    const fsp = require('uring/promises');
    const fs = require('node:fs');
    const warnings = [];
    process.on('warning', (w) => warnings.push((w.code ? w.code + ' ' : '') + w.message.slice(0, 48)));
    (async () => {
      let h = await fsp.open('/proc/self/stat');
      const fd = h.fd;
      h = null;
      const closed = await fsp.open('/proc/self/stat');
      await closed.close();
      const isOpen = () => { try { fs.fstatSync(fd); return true; } catch (e) { return e.code !== 'EBADF'; } };
      // The warnings come when the close starts; the CLOSE itself completes on the ring a little later.
      for (let i = 0; i < 200 && (warnings.length < 2 || isOpen()); i++) { global.gc(); await new Promise((r) => setTimeout(r, 10)); }
      const open = isOpen();
      console.log(JSON.stringify({ warnings: warnings.map((w) => w.replace(String(fd), 'N')), open }));
    })();
  `], { cwd: path.join(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  expect(JSON.parse(out.trim())).toEqual({
    warnings: ['Closing file descriptor N on garbage collection', 'DEP0137 Closing a FileHandle object on garbage collectio'],
    open: false,
  });
});
