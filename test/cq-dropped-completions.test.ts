// Completions the kernel dropped (a ring without IORING_FEAT_NODROP, or no memory for the
// overflow list; then enter answers -EBADR) surface as ERR_URING_CQ_OVERFLOW naming how many,
// and close() does not wait for them. Linux 6.18 drops nothing on demand, so the child plays
// the kernel: two NOPs post no CQE (IOSQE_CQE_SKIP_SUCCESS, set in the shared SQE) and the CQ
// overflow counter says two were dropped.
import { spawnSync } from 'node:child_process';
import { packageRoot } from './helpers/child';

const child = `
const [root, mode] = process.argv.slice(1);
const binding = require(root + '/dist/native.js').tryBinding();
let layout;
let badr = false;
binding.NativeRing = class extends binding.NativeRing {
  layout() { return (layout = super.layout()); }
  enter(...args) { return badr && !args[3] ? -53 : super.enter(...args); } // -EBADR, as after a real drop
};
const { Ring } = require(root);
const ring = new Ring({ entries: 8 });
const sqes = new Uint8Array(layout.sqes);
for (let i = 0; i < 4; i++) ring.prepNop(i);
sqes[1 * layout.sqeSize + 1] |= 1 << 6; // IOSQE_CQE_SKIP_SUCCESS on NOPs 1 and 3
sqes[3 * layout.sqeSize + 1] |= 1 << 6;
ring.submit();
new Uint32Array(layout.cqRing)[layout.cqOverflow / 4] += 2;
const out = { delivered: [] };
try {
  if (mode === 'ebadr') {
    badr = true;
    ring.prepNop(9);
    ring.submit();
  } else {
    ring.reap((ud) => out.delivered.push(ud));
  }
} catch (err) {
  out.code = err.code;
  out.message = err.message;
}
out.inFlight = ring.inFlight;
badr = false;
ring.close((ud) => out.delivered.push(ud));
out.closed = ring.closed;
process.stdout.write(JSON.stringify(out));
`;

function run(mode: string) {
  const r = spawnSync(process.execPath, ['-e', child, packageRoot, mode], {
    encoding: 'utf8',
    timeout: 10000, // close() waiting for the dropped completions never returns
  });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { delivered: number[]; code?: string; message?: string; inFlight: number; closed: boolean };
}

test('reap reports dropped completions, and close() finishes without them', () => {
  const out = run('reap');
  expect(out.code).toBe('ERR_URING_CQ_OVERFLOW');
  expect(out.message).toMatch(/dropped 2 completions/);
  expect(out.delivered).toEqual([0, 2]); // what did arrive is delivered first
  expect(out.inFlight).toBe(2);
  expect(out.closed).toBe(true);
});

test('an enter answering -EBADR reports the dropped completions too', () => {
  const out = run('ebadr');
  expect(out.code).toBe('ERR_URING_CQ_OVERFLOW');
  expect(out.message).toMatch(/dropped 2 completions/);
  expect(out.closed).toBe(true);
  expect(out.delivered.sort()).toEqual([0, 2, 9]); // close() delivers what did arrive
});
