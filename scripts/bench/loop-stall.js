'use strict';
// npm run bench:stall [-- --mib=N] [--rounds=N] [--cases=id,..] [--no-write]
// The longest event-loop stall while one large page-cached file (default 1 GiB, in os.tmpdir(),
// deleted after) is read whole: readFile(path), FileHandle.readFile() and one FileHandle.read()
// of the whole size; and while as many bytes are written by one FileHandle.write(); with
// uring/promises and node:fs/promises, each round in a fresh child.
// Stall: the largest gap between the ticks of a 1 ms setInterval (monitorEventLoopDelay missed
// stalls that began right after it was enabled or reset). Writes benchmarks/loop-stall.json, which
// npm run bench folds into BENCHMARKS.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { randomFillSync } = require('node:crypto');
const { median } = require('./stats');

const ROOT = path.join(__dirname, '..', '..');
const opts = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));

const APIS = {
  'uring/promises': () => require(path.join(ROOT, 'dist', 'promises')),
  'node:fs/promises': () => require('node:fs/promises'),
};

const CASES = {
  readFile: { label: 'readFile(path)', run: (api, file) => api.readFile(file) },
  handleReadFile: {
    label: 'FileHandle.readFile()',
    run: async (api, file) => {
      const fh = await api.open(file);
      try {
        return await fh.readFile();
      } finally {
        await fh.close();
      }
    },
  },
  handleRead: {
    label: 'FileHandle.read() of the whole size',
    run: async (api, file, size) => {
      const fh = await api.open(file);
      try {
        const buf = Buffer.allocUnsafeSlow(size);
        const { bytesRead } = await fh.read(buf, 0, size, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
  },
  handleWrite: {
    label: 'FileHandle.write() of as many bytes',
    // The buffer is filled before the clock starts; main() deletes the written files with the directory.
    setup: (size) => Buffer.alloc(size, 0x77),
    run: async (api, file, size, buf) => {
      const fh = await api.open(`${file}.${process.pid}.out`, 'w');
      try {
        const { bytesWritten } = await fh.write(buf, 0, size, 0);
        return buf.subarray(0, bytesWritten);
      } finally {
        await fh.close();
      }
    },
  },
};

/** In the child: one read of the file with the loop watched; prints a JSON line. */
async function child(apiName, caseId, file, size) {
  const api = APIS[apiName]();
  const { run, setup } = CASES[caseId];
  const input = setup === undefined ? undefined : setup(size);
  await api.readFile(__filename); // the ring and the code paths exist before the clock starts
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  last = performance.now();
  const t0 = performance.now();
  const data = await run(api, file, size, input);
  const ms = performance.now() - t0;
  // A read that blocked the loop to its end shows up when the interval next runs.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  if (data.byteLength !== size) throw new Error(`read ${data.byteLength} of ${size} bytes`);
  console.log(JSON.stringify({ ms, maxGapMs: maxGap }));
}

function makeFile(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-stall-'));
  const file = path.join(dir, 'big.bin');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(file, 'w');
  try {
    for (let done = 0; done < bytes; done += chunk.byteLength) fs.writeSync(fd, randomFillSync(chunk), 0, Math.min(chunk.byteLength, bytes - done));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { dir, file };
}

function main() {
  const size = Number(opts.mib || 1024) * 2 ** 20;
  const rounds = Number(opts.rounds || 3);
  const { dir, file } = makeFile(size);
  const rows = [];
  const load = os.loadavg()[0];
  try {
    const only = opts.cases ? opts.cases.split(',') : Object.keys(CASES);
    for (const [caseId, c] of Object.entries(CASES).filter(([id]) => only.includes(id))) {
      for (const apiName of Object.keys(APIS)) {
        const got = [];
        for (let i = 0; i < rounds; i++) {
          const r = spawnSync(process.execPath, [__filename, `--child=${apiName}`, `--case=${caseId}`, `--file=${file}`, `--size=${size}`], { encoding: 'utf8', timeout: 120_000 });
          if (r.status !== 0) throw new Error(`${apiName} ${caseId}: child failed (${r.status} ${r.signal})\n${r.stderr}`);
          got.push(JSON.parse(r.stdout.trim().split('\n').pop()));
        }
        const row = {
          case: c.label,
          api: apiName,
          maxGapMs: median(got.map((g) => g.maxGapMs)),
          ms: median(got.map((g) => g.ms)),
        };
        rows.push(row);
        console.log(`${row.case.padEnd(36)} ${row.api.padEnd(17)} longest stall ${row.maxGapMs.toFixed(1).padStart(7)} ms, took ${row.ms.toFixed(0)} ms`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!('no-write' in opts)) {
    const out = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), fileMiB: size / 2 ** 20, rounds, loadAverage: load, cores: os.cpus().length, rows };
    const json = path.join(ROOT, 'benchmarks', 'loop-stall.json');
    fs.mkdirSync(path.dirname(json), { recursive: true });
    fs.writeFileSync(json, JSON.stringify(out, null, 2) + '\n');
  }
}

if (opts.child) {
  child(opts.child, opts.case, opts.file, Number(opts.size)).catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  });
} else {
  main();
}
