'use strict';
// Test data for the benchmark, made fresh in a temp dir and left page-cached: one large
// file for random and sequential reads, one for writes, and many small files.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomFillSync } = require('node:crypto');

const CHUNK = 1 << 20;

function writeFile(file, bytes, random) {
  const fd = fs.openSync(file, 'w');
  const buf = Buffer.alloc(CHUNK, 0x61);
  for (let done = 0; done < bytes; done += CHUNK) {
    if (random) randomFillSync(buf);
    fs.writeSync(fd, buf, 0, Math.min(CHUNK, bytes - done));
  }
  fs.closeSync(fd);
}

/** Reads a file once so that every page of it is in the page cache. */
function warmCache(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  while (fs.readSync(fd, buf, 0, CHUNK, null) > 0);
  fs.closeSync(fd);
}

function make({ bigFileMiB, smallFiles }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-bench-'));
  const bigFile = path.join(dir, 'big.bin');
  writeFile(bigFile, bigFileMiB * CHUNK, true);
  warmCache(bigFile);
  const writeTarget = path.join(dir, 'write.bin');
  writeFile(writeTarget, 64 * CHUNK, false);

  // Small files, 1-16 KiB, spread over 100 directories like a source tree.
  const smallDir = path.join(dir, 'small');
  const sizes = Buffer.alloc(smallFiles * 2);
  randomFillSync(sizes);
  const data = Buffer.alloc(16384);
  randomFillSync(data);
  const paths = [];
  for (let i = 0; i < smallFiles; i++) {
    const sub = path.join(smallDir, String(i % 100));
    if (i < 100) fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `f${i}.dat`);
    fs.writeFileSync(file, data.subarray(0, 1024 + (sizes.readUInt16LE(i * 2) % (15 * 1024 + 1))));
    paths.push(file);
  }
  const listFile = path.join(dir, 'small.list');
  fs.writeFileSync(listFile, paths.join('\n') + '\n');
  const writeDir = path.join(dir, 'out');
  fs.mkdirSync(writeDir);
  return { dir, bigFile, writeTarget, listFile, writeDir };
}

function remove(fx) {
  fs.rmSync(fx.dir, { recursive: true, force: true });
}

/** The small files' paths, in list order. */
function smallPaths(fx) {
  return fs.readFileSync(fx.listFile, 'utf8').split('\n').filter(Boolean);
}

module.exports = { make, remove, smallPaths };
