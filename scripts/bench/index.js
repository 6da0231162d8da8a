'use strict';
// npm run bench [-- --quick] [--only=id,id] [--backends=id,id] [--rounds=N] [--ms=N] [--write|--no-write] [--report-only] [--node-block]
// Runs each workload against each backend (one child process per backend, kept warm; the C
// reference once per round), interleaving backends round by round so that noise from other
// jobs spreads over all of them, then the static file server (static-server.js), and prints the
// tables; a full run (or --write) also writes results.json, the chart and BENCHMARKS.md, which
// are committed. A partial run with --write replaces only the rows it measured.
const { fork, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BACKENDS, WORKLOADS, SCALING, PROFILES } = require('./config');
const fixtures = require('./fixtures');
const cref = require('./c-reference');
const { median } = require('./stats');
const report = require('./report');
const { writeNodeRun } = require('./node-block');
const staticServer = require('./static-server');
const echo = require('./echo');

const ROOT = path.join(__dirname, '..', '..');

function parseArgs(argv) {
  const o = { quick: false, write: undefined };
  for (const a of argv) {
    const [k, v] = a.replace(/^--/, '').split('=');
    if (k === 'quick') o.quick = true;
    else if (k === 'no-write') o.write = false;
    else if (k === 'write') o.write = true;
    else if (k === 'report-only') o.reportOnly = true;
    else if (k === 'node-block') o.nodeBlock = true;
    else if (k === 'only') o.only = v.split(',');
    else if (k === 'backends') o.backends = v.split(',');
    else if (k === 'rounds') o.rounds = Number(v);
    else if (k === 'ms') o.ms = Number(v);
    else if (k === 'help' || k === 'h') {
      console.log('usage: npm run bench [-- --quick] [--only=workload,..] [--backends=id,..] [--rounds=N] [--ms=N] [--write|--no-write] [--report-only]');
      console.log('--write: write BENCHMARKS.md, benchmarks/results.json and the chart (the default only for a full run: no --quick, --only, --backends, --rounds, --ms); a partial run replaces only the rows it measured');
      console.log('--node-block: write this run as the block of its Node major in BENCHMARKS.md (npm run bench:node), not the main one');
      console.log('--report-only: rewrite BENCHMARKS.md and the chart from benchmarks/results.json (and rss.json, loop-stall.json, import.json) without measuring');
      console.log(`workloads: ${WORKLOADS.map((w) => w.id).join(', ')}, ${STATIC}, ${ECHO}`);
      console.log(`backends: ${BACKENDS.map((b) => b.id).join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  // Only a full run replaces the committed results unless asked; --node-block asks (npm run bench:node).
  if (o.write === undefined) o.write = Boolean(o.nodeBlock) || (!o.quick && !o.only && !o.backends && !o.rounds && !o.ms);
  return o;
}

// The static file server's and the loopback echo's ids in --only; a run with neither --only nor --backends includes them.
const STATIC = 'static-server';
const ECHO = 'echo';

function machineInfo() {
  let liburing = 'unknown';
  try {
    liburing = execFileSync('pkg-config', ['--modversion', 'liburing'], { encoding: 'utf8' }).trim();
  } catch {
    // reported as unknown
  }
  const cpus = os.cpus();
  return {
    cpu: cpus.length ? cpus[0].model.trim() : 'unknown CPU',
    cores: cpus.length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.versions.node,
    liburing,
    tmpdir: os.tmpdir(),
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    // More runnable work than this benchmark's own means others were using the cores.
    shared: os.loadavg()[0] > 1.2,
  };
}

function startChild(id) {
  const env = { ...process.env };
  if (id === 'fsp-uv-uring') env.UV_USE_IO_URING = '1';
  else env.UV_USE_IO_URING = '0';
  if (id === 'uring-sqpoll') env.URING_SQPOLL = '10';
  else delete env.URING_SQPOLL;
  const child = fork(path.join(__dirname, 'child.js'), [id], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending = null;
  const hello = new Promise((resolve, reject) => {
    pending = { resolve, reject };
  });
  child.on('message', (m) => {
    const p = pending;
    pending = null;
    if (p) p.resolve(m);
  });
  child.on('exit', (code) => {
    if (pending) pending.reject(new Error(`backend ${id} exited (${code})`));
    pending = null;
  });
  return {
    hello,
    request(msg) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        child.send(msg);
      });
    },
    stop() {
      if (child.connected) child.send({ cmd: 'exit' });
    },
  };
}

function readJson(name) {
  const file = path.join(ROOT, 'benchmarks', name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

/** What the side benchmarks (bench:rss, bench:stall, bench:import) last recorded. */
function readSideRuns() {
  return { rss: readJson('rss.json'), stall: readJson('loop-stall.json'), importCost: readJson('import.json') };
}

/**
 * The committed results with this partial run's rows in place of theirs: each measured workload's
 * cells (their backends), with the run it came from in rowRuns; the static server as measured.
 */
function mergeRows(partial) {
  const file = path.join(ROOT, 'benchmarks', 'results.json');
  if (!fs.existsSync(file)) return partial;
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const run = { date: partial.date, rounds: partial.profile.rounds, ms: partial.profile.ms, quick: partial.profile.quick, loadavg: partial.machine.loadavg };
  for (const b of partial.backends) if (!results.backends.some((x) => x.id === b.id)) results.backends.push(b);
  results.backends.sort((a, b) => BACKENDS.findIndex((x) => x.id === a.id) - BACKENDS.findIndex((x) => x.id === b.id));
  for (const w of partial.workloads) {
    const i = results.workloads.findIndex((x) => x.id === w.id);
    if (i >= 0) results.workloads[i] = w;
    else results.workloads.push(w);
    results.workloads.sort((x, y) => WORKLOADS.findIndex((v) => v.id === x.id) - WORKLOADS.findIndex((v) => v.id === y.id));
    results.cells[w.id] = { ...results.cells[w.id], ...partial.cells[w.id] };
    results.rowRuns = { ...results.rowRuns, [w.id]: { ...run, backends: Object.keys(partial.cells[w.id]) } };
  }
  if (partial.staticServer) results.staticServer = partial.staticServer;
  if (partial.echo) results.echo = partial.echo;
  return results;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.reportOnly) {
    const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'benchmarks', 'results.json'), 'utf8'));
    report.writeAll(ROOT, results, readSideRuns());
    console.log(report.textTable(results));
    console.log(report.legend(results));
    console.log('rewrote BENCHMARKS.md and benchmarks/chart.svg from benchmarks/results.json');
    return;
  }
  const profile = { ...(opts.quick ? PROFILES.quick : PROFILES.default), quick: opts.quick };
  if (opts.rounds) profile.rounds = opts.rounds;
  if (opts.ms) profile.ms = opts.ms;
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');

  const workloads = WORKLOADS.filter((w) => !opts.only || opts.only.includes(w.id));
  const withStatic = opts.only ? opts.only.includes(STATIC) : !opts.backends && !opts.nodeBlock;
  const withEcho = opts.only ? opts.only.includes(ECHO) : !opts.backends && !opts.nodeBlock;
  const backends = BACKENDS.filter((b) => !opts.backends || opts.backends.includes(b.id));
  const machine = machineInfo();
  const started = Date.now();
  console.log(`uring benchmark: ${profile.rounds} rounds x ${profile.ms} ms, ${machine.cores} cores, Linux ${machine.kernel}, Node ${machine.node}, load ${machine.loadavg.join(' ')}`);

  console.log(`making fixtures (${profile.bigFileMiB} MiB file, ${profile.smallFiles} small files)...`);
  const fx = fixtures.make(profile);
  const unavailable = {};
  const children = {};
  let cbin = null;
  try {
    if (backends.some((b) => b.id === 'c')) {
      const built = cref.build(fx.dir);
      if (built.bin) cbin = built.bin;
      else unavailable.c = built.reason;
    }
    for (const b of backends) {
      if (b.id === 'c') continue;
      const child = startChild(b.id);
      const hello = await child.hello;
      if (hello.available) children[b.id] = child;
      else {
        unavailable[b.id] = hello.reason;
        child.stop();
      }
      if (hello.info) console.log(`${b.id}: ${hello.info}`);
    }
    for (const [id, why] of Object.entries(unavailable)) console.log(`${id}: n/a (${why})`);

    const cells = {};
    for (const w of workloads) {
      cells[w.id] = {};
      const ids = backends.map((b) => b.id).filter((id) => w.backends.includes(id));
      const rounds = Object.fromEntries(ids.map((id) => [id, []]));
      for (let r = 0; r < profile.rounds; r++) {
        const order = ids.slice(r % ids.length).concat(ids.slice(0, r % ids.length));
        for (const id of order) {
          if (unavailable[id]) continue;
          let res;
          try {
            if (id === 'c') res = cref.run(cbin, w, fx, profile.ms, profile.warmMs);
            else {
              res = await children[id].request({ cmd: 'run', workload: w, ms: profile.ms, warmMs: profile.warmMs, fx });
              if (!res.ok) throw new Error(res.error);
            }
          } catch (err) {
            console.error(`${w.id} / ${id}: ${err.message}`);
            rounds[id].push({ error: err.message.split('\n')[0] });
            continue;
          }
          rounds[id].push({ opsPerSec: res.ops / res.secs, ops: res.ops, secs: res.secs, p50us: res.p50us, p99us: res.p99us });
        }
      }
      for (const id of ids) {
        const rs = rounds[id];
        if (unavailable[id]) {
          cells[w.id][id] = { median: null, note: 'n/a' };
          continue;
        }
        const ok = rs.filter((x) => x.opsPerSec);
        cells[w.id][id] = {
          median: median(ok.map((x) => x.opsPerSec)),
          p50us: median(ok.map((x) => x.p50us)) ?? undefined,
          p99us: median(ok.map((x) => x.p99us)) ?? undefined,
          rounds: rs,
        };
        if (ok.length < rs.length) cells[w.id][id].errors = rs.filter((x) => x.error).map((x) => x.error);
      }
      const line = ids.map((id) => `${id} ${cells[w.id][id].median ? Math.round(cells[w.id][id].median).toLocaleString('en-US') : 'n/a'}`).join(', ');
      console.log(`${w.id}: ${line}`);
    }

    const scaling = [];
    if (children.ring) {
      for (const wid of SCALING.workloads) {
        const w = WORKLOADS.find((x) => x.id === wid);
        if (!workloads.includes(w)) continue;
        let base = null;
        for (const n of SCALING.workers) {
          const rs = [];
          for (let r = 0; r < Math.min(profile.rounds, 3); r++) {
            const res = await children.ring.request({ cmd: 'scale', workload: w, workers: n, ms: profile.ms, warmMs: profile.warmMs, fx });
            if (res.ok) rs.push(res.ops / res.secs);
            else console.error(`scaling ${wid} x${n}: ${res.error}`);
          }
          const m = median(rs);
          if (n === 1) base = m;
          scaling.push({ workload: wid, label: w.label, workers: n, median: m, rounds: rs, speedup: n > 1 && base && m ? m / base : null });
          console.log(`scaling ${wid} x${n} workers: ${m ? Math.round(m).toLocaleString('en-US') : 'n/a'} ops/s`);
        }
      }
    }

    const served = withStatic ? await staticServer.run({ quick: opts.quick }) : undefined;
    const echoed = withEcho ? await echo.run({ quick: opts.quick }) : undefined;

    const results = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      seconds: Math.round((Date.now() - started) / 1000),
      machine,
      profile,
      backends: backends.map(({ id, label }) => ({ id, label })),
      workloads: workloads.map(({ id, label, kind, qd, bs, batch }) => ({ id, label, kind, qd, bs, batch })),
      unavailable,
      cells,
      scaling,
      ...(served ? { staticServer: served } : {}),
      ...(echoed ? { echo: echoed } : {}),
    };
    const side = readSideRuns();

    console.log('');
    console.log(report.textTable(results));
    console.log('');
    console.log(report.legend(results));
    console.log('');
    console.log(report.targetText(cells, side.rss, side.importCost, served));
    if (opts.write && opts.nodeBlock) {
      writeNodeRun(ROOT, results);
      console.log(`\nwrote the Node ${process.versions.node} block of BENCHMARKS.md and benchmarks/results-node${process.versions.node.split('.')[0]}.json`);
    } else if (opts.write && (opts.only || opts.backends)) {
      report.writeAll(ROOT, mergeRows(results), side);
      console.log(`\nwrote the rows measured (${[...workloads.map((w) => w.id), ...(served ? [STATIC] : []), ...(echoed ? [ECHO] : [])].join(', ')}) into BENCHMARKS.md, benchmarks/results.json, benchmarks/chart.svg`);
    } else if (opts.write) {
      report.writeAll(ROOT, results, side);
      console.log('\nwrote BENCHMARKS.md, benchmarks/results.json, benchmarks/chart.svg');
    } else {
      console.log('\nnot written: BENCHMARKS.md, benchmarks/results.json and the chart keep the last full run (--write writes this one)');
    }
    console.log(`done in ${results.seconds} s`);
  } finally {
    for (const c of Object.values(children)) c.stop();
    fixtures.remove(fx);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  });
}

module.exports = { readSideRuns };
