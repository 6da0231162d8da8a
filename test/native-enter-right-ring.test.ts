// The native enter() recognises the ring it entered last by identity instead of unwrapping
// `this` each time: every call must still reach its own ring, including after that ring is
// closed or garbage-collected and another takes its place.
import { runChild } from './helpers/child';

const script = `
const binding = require(require('node:path').join(${JSON.stringify(__dirname)}, '..', 'dist', 'native.js')).tryBinding();
const EBADF = -9;
const ring = () => { const r = new binding.NativeRing(); if (r.setup(8, 0, 0, 0, () => {}) !== 0) throw new Error('setup'); return r; };
const out = {};
const a = ring();
const b = ring();
out.a1 = a.enter(0, 0, 0);
a.close();
out.b = b.enter(0, 0, 0); // after a's enter: b, not a
out.a2 = a.enter(0, 0, 0);
out.b2 = b.enter(0, 0, 0);
try { out.foreign = String(binding.NativeRing.prototype.enter.call({}, 0, 0, 0)); } catch (e) { out.foreign = e.name; }
out.b3 = b.enter(0, 0, 0);
b.close();
(async () => {
  for (let i = 0; i < 20; i++) { // rings entered, closed and collected, then new ones in their memory
    let r = ring();
    r.enter(0, 0, 0);
    r.close();
    r = null;
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
    const c = ring();
    if (c.enter(0, 0, 0) !== 0) out.fresh = 'a fresh ring answered as a closed one';
    c.close();
    if (c.enter(0, 0, 0) !== EBADF) out.fresh = 'a closed ring entered';
  }
  console.log(JSON.stringify(out));
})();
`;

test('enter() reaches its own ring after another ring, a foreign receiver, close and GC', () => {
  const r = runChild(script, ['--expose-gc'], 60000);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout.trim())).toEqual({ a1: 0, b: 0, a2: -9, b2: 0, foreign: 'TypeError', b3: 0 });
});
