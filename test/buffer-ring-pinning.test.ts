// A buffer ring's memory is registered with the kernel, which writes into it whenever a RECV
// picks a buffer: a registered BufferRing stays reachable while the Ring is open, even when the
// caller drops it, and is collectable once the Ring is closed.
import { runChild } from './helpers/child';

test('a dropped BufferRing and its memory survive GC until close(); then they are collected', () => {
  const r = runChild(`
const collected = new Set();
const registry = new FinalizationRegistry((tag) => collected.add(tag));
const turn = () => new Promise((r) => setImmediate(r));
async function collect() { for (let i = 0; i < 6; i++) { gc(); await turn(); } }
const ring = new uring.Ring({ entries: 4 });
(() => {
  registry.register(ring.registerBufferRing(1, 8, 4096), 'kept');
  registry.register(Buffer.alloc(4096), 'control');
})();
(async () => {
  await collect();
  const during = [...collected].sort();
  ring.close();
  await collect();
  console.log(JSON.stringify({ during, after: [...collected].sort() }));
})();
`, ['--expose-gc']);
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim());
  expect(out.during).toEqual(['control']);
  expect(out.after).toEqual(['control', 'kept']);
});
