'use strict';
// Small statistics helpers: medians of rounds, percentiles of latency samples.

function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** p-th percentile (0..1) of the first `n` samples (sorted in place). */
function percentile(samples, n, p) {
  if (n === 0) return null;
  const s = samples.subarray(0, n).sort();
  return s[Math.min(n - 1, Math.floor(n * p))];
}

/** Latency recorder with a fixed buffer, so recording allocates nothing per operation. */
class Latency {
  constructor(capacity = 1 << 20) {
    this.samples = new Float64Array(capacity);
    this.n = 0;
  }
  add(ms) {
    if (this.n < this.samples.length) this.samples[this.n++] = ms;
  }
  /** p50 and p99 in microseconds. */
  summary() {
    if (this.n === 0) return {};
    const p50 = percentile(this.samples, this.n, 0.5) * 1000;
    const p99 = percentile(this.samples, this.n, 0.99) * 1000;
    return { p50us: p50, p99us: p99 };
  }
}

/** xorshift32 random block offsets, the same sequence shape as the C reference's. */
function randomOffsets(blocks, bs, seed = 0x9e3779b9) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x % blocks) * bs;
  };
}

function sequentialOffsets(blocks, bs) {
  let next = 0;
  return () => {
    const off = next * bs;
    next = next + 1 === blocks ? 0 : next + 1;
    return off;
  };
}

module.exports = { median, percentile, Latency, randomOffsets, sequentialOffsets };
