// The shared ring asks for cooperative task work (COOP_TASKRUN | TASKRUN_FLAG): the kernel does
// not interrupt the JS thread for each completion that io-wq or a poll wakeup produces. Such
// completions must still arrive while the thread sleeps in the event loop, and a kernel that
// refuses the flags (before 5.19) still gets a plain shared ring.
import { setupFlags } from '../lib/constants';
import { lastJson, runScript } from './helpers/child';

const COOPERATIVE = setupFlags.COOP_TASKRUN | setupFlags.TASKRUN_FLAG;

test('the shared ring runs with COOP_TASKRUN and TASKRUN_FLAG', async () => {
  const fsp = await import('../lib/promises');
  const { sharedRing } = await import('../lib/promises/ring-loop');
  await fsp.stat(__filename);
  expect(sharedRing()!.flags & COOPERATIVE).toBe(COOPERATIVE);
});

test('a kernel that refuses the flags gets a plain shared ring, and calls still go through it', () => {
  jest.isolateModules(() => {
    const actual = jest.requireActual('../lib/ring');
    class RefusingRing extends actual.Ring {
      constructor(options: { flags?: number }) {
        if (((options.flags ?? 0) & setupFlags.COOP_TASKRUN) !== 0) throw Object.assign(new Error('io_uring_setup: EINVAL'), { code: 'EINVAL' });
        super(options);
      }
    }
    jest.doMock('../lib/ring', () => ({ ...actual, Ring: RefusingRing }));
    const { sharedRing } = require('../lib/promises/ring-loop');
    const ring = sharedRing();
    expect(ring).toBeInstanceOf(actual.Ring);
    expect(ring.flags & setupFlags.COOP_TASKRUN).toBe(0);
    ring.close();
  });
});

// In a child: the thread sleeps in the event loop with nothing else to do while completions
// come from a poll wakeup (a FIFO another process writes to later) and from io-wq (STATX, fsync).
test('completions that come from a poll wakeup or io-wq reach a thread asleep in the event loop', () => {
  const r = runScript(`
const fsp = require(ROOT + '/dist/promises');
const fs = require('fs'), os = require('os'), path = require('path'), cp = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-coop-'));
const fifo = path.join(dir, 'fifo');
cp.execFileSync('mkfifo', [fifo]);
(async () => {
  const out = {};
  const fh = await fsp.open(fifo, fs.constants.O_RDWR);
  const buf = Buffer.alloc(5);
  const reading = fh.read(buf, 0, 5, null);
  // The writer starts after the read is in the kernel, and writes after a pause.
  cp.spawn(process.execPath, ['-e', "setTimeout(() => require('fs').writeFileSync(" + JSON.stringify(fifo) + ", 'hello'), 200)"], { stdio: 'ignore' });
  out.fifo = (await reading).bytesRead + ' ' + buf.toString();
  await fh.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  out.size = (await fsp.stat(fifo)).isFIFO();
  const file = path.join(dir, 'f');
  const wh = await fsp.open(file, 'w');
  await wh.write('x');
  await new Promise((resolve) => setTimeout(resolve, 50));
  await wh.sync();
  await wh.close();
  out.written = fs.readFileSync(file, 'utf8');
  out.flags = require(ROOT + '/dist/promises/ring-loop.js').sharedRing().flags & ${COOPERATIVE};
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify(out));
})();`);
  expect(r.stderr).toBe('');
  expect(lastJson(r)).toEqual({ fifo: '5 hello', size: true, written: 'x', flags: COOPERATIVE });
});
