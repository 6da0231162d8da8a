// A process that exits while the ring's eventfd still holds an unpolled signal: Node tears the
// environment down with the poll handle still active, and the wakeup must not call into JS then.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = JSON.stringify(path.join(__dirname, '..'));

function run(body: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', `const { Ring } = require(${root});\n${body}`], { encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('exit with a completion signalled but not polled', () => {
  test('a listener set, the CQE reaped synchronously: the process exits cleanly', () => {
    const r = run(`
      const ring = new Ring({ entries: 8 });
      ring.onReady(() => ring.reap(() => {}));
      ring.prepNop(1);
      ring.submit(1);
      let n = 0;
      ring.reap(() => n++);
      console.log('reaped', n);
    `);
    expect(r.stderr).not.toMatch(/FATAL/);
    expect(r.stdout.trim()).toBe('reaped 1');
    expect(r.status).toBe(0);
  });

  test('an idle ring left open with a listener exits cleanly too', () => {
    const r = run(`
      const ring = new Ring({ entries: 8 });
      ring.onReady(() => {});
      for (let i = 0; i < 4; i++) ring.prepNop(i);
      ring.submit(4);
      ring.reap(() => {});
      console.log('done');
    `);
    expect(r.stderr).not.toMatch(/FATAL/);
    expect(r.status).toBe(0);
  });
});
