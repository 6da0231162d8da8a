'use strict';
// A static file server under load (part of npm run bench; alone: node scripts/bench/static-server.js
// [--quick] [--write]). A node:http server answers each GET as `send` does: fs.stat, then
// fs.createReadStream with start/end piped into the response; files of 4 KiB, 64 KiB and 1 MiB,
// page-cached. Three servers, each in its own process: plain node, node --import uring/register,
// and node with UV_USE_IO_URING=1. autocannon, in a process of its own, drives one server at a
// time over 127.0.0.1; the configurations are interleaved round by round and each cell is the
// median of its rounds. With taskset, the server is pinned to one core and autocannon to the
// other, so that the load generator does not take the server's CPU.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { randomFillSync } = require('node:crypto');
const { median } = require('./stats');
const { has } = require('../has-command');

const ROOT = path.join(__dirname, '..', '..');
const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
// /proc/<pid>/stat counts CPU time in clock ticks: 100 per second on Linux's usual builds.
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

const CONFIGS = [
  { id: 'node', label: 'node', args: [], env: { UV_USE_IO_URING: '0' } },
  { id: 'register', label: 'node --import uring/register', args: ['--import', 'uring/register'], env: { UV_USE_IO_URING: '0' } },
  { id: 'uv-uring', label: 'node, UV_USE_IO_URING=1', args: [], env: { UV_USE_IO_URING: '1' } },
];
const SIZES = [
  { id: '4k', label: '4 KiB', bytes: 4096 },
  { id: '64k', label: '64 KiB', bytes: 65536 },
  { id: '1m', label: '1 MiB', bytes: 1 << 20 },
];
const PROFILES = {
  default: { rounds: 5, seconds: 3, connections: 32, warmRequests: 3000 },
  quick: { rounds: 2, seconds: 1, connections: 32, warmRequests: 0 },
};
// The issue's goal, for the files that are not mostly copying: uring/register's requests/s
// over plain node's, and its p99 no worse.
const TARGET = { sizes: ['4k', '64k'], minRatio: 1.3 };

/** In the server process: serve FILES (name -> path) as send does, print the port. */
function serve(dir) {
  const files = new Map(SIZES.map((s) => [`/${s.id}.bin`, path.join(dir, `${s.id}.bin`)]));
  const server = http.createServer((req, res) => {
    const file = files.get(req.url);
    if (file === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    // Through the module object at call time: uring/register replaces these in place.
    fs.stat(file, (err, st) => {
      if (err) {
        res.statusCode = 500;
        res.end(err.code);
        return;
      }
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Content-Length', st.size);
      res.setHeader('Last-Modified', st.mtime.toUTCString());
      const stream = fs.createReadStream(file, { start: 0, end: st.size - 1 });
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    });
  });
  // A clean exit on the harness's SIGTERM, so that node --cpu-prof writes the server's profile.
  process.on('SIGTERM', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    const mark = fs[Symbol.for('uring.register')];
    console.log(JSON.stringify({ port: server.address().port, register: mark === undefined ? 'not loaded' : mark }));
  });
}

function makeFiles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uring-static-'));
  for (const s of SIZES) {
    const file = path.join(dir, `${s.id}.bin`);
    // Text, as the files a static server mostly serves: autocannon decodes every body as UTF-8,
    // and invalid sequences (random bytes) made the load generator, not the server, the limit.
    fs.writeFileSync(file, randomFillSync(Buffer.allocUnsafe(s.bytes)).toString('base64').slice(0, s.bytes));
    fs.readFileSync(file); // page-cached
  }
  return dir;
}

/** taskset's prefix pinning to `cpu`, or none when it cannot (one core, no taskset). */
function pin(cpu, pinned) {
  return pinned ? ['taskset', '-c', String(cpu)] : [];
}

function startServer(config, dir, pinned) {
  const argv = [...pin(1, pinned), process.execPath, ...config.args, __filename, `--serve=${dir}`];
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, ...config.env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`${config.id} server exited (${code})`)));
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, ...JSON.parse(out.slice(0, nl)) });
    });
  });
}

/** The server's CPU time so far (user + system, all its threads) in µs, from /proc; null without it. */
function cpuMicros(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const field = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(field[11]) + Number(field[12])) * 1e6) / CLK_TCK;
  } catch {
    return null;
  }
}

/**
 * One autocannon run in its own process: requests/s, p50/p99 ms, any failures, and the server's
 * CPU time per request (what the server spends when the load generator, not the server, is the limit).
 */
function drive(server, size, opts, pinned) {
  const port = server.port;
  const cpu0 = cpuMicros(server.child.pid);
  const url = `http://127.0.0.1:${port}/${size.id}.bin`;
  const load = opts.amount ? ['-a', String(opts.amount)] : ['-d', String(opts.seconds)];
  const argv = [...pin(0, pinned), process.execPath, AUTOCANNON, '-c', String(opts.connections), ...load, '-j', '-n', url];
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`autocannon failed (${r.status} ${r.signal}): ${r.stderr}`);
  const j = JSON.parse(r.stdout);
  const failed = j.errors + j.timeouts + j.non2xx + j.mismatches;
  const cpu1 = cpuMicros(server.child.pid);
  const cpuUsPerReq = cpu0 !== null && cpu1 !== null && j.requests.total > 0 ? (cpu1 - cpu0) / j.requests.total : null;
  return { rps: j.requests.total / j.duration, p99ms: j.latency.p99, p50ms: j.latency.p50, cpuUsPerReq, failed };
}

/** Runs the whole benchmark; returns what results.json keeps under staticServer. */
async function run({ quick = false, log = console.log } = {}) {
  const profile = { ...(quick ? PROFILES.quick : PROFILES.default), quick };
  // Pinned only where CPUs 0 and 1 may both be used (a cpuset can forbid them).
  const pinned = os.cpus().length >= 2 && has('taskset') && spawnSync('taskset', ['-c', '0,1', 'true']).status === 0;
  const dir = makeFiles();
  const servers = {};
  const started = Date.now();
  const load = os.loadavg()[0];
  try {
    for (const c of CONFIGS) {
      servers[c.id] = await startServer(c, dir, pinned);
      log(`static server, ${c.label}: port ${servers[c.id].port}, uring/register ${servers[c.id].register}`);
    }
    if (servers.register.register !== 'active') throw new Error(`uring/register did not replace node:fs in its server (${servers.register.register})`);
    const rounds = {};
    for (const s of SIZES) {
      rounds[s.id] = Object.fromEntries(CONFIGS.map((c) => [c.id, []]));
      if (profile.warmRequests > 0) for (const c of CONFIGS) drive(servers[c.id], s, { connections: profile.connections, amount: profile.warmRequests }, pinned);
    }
    for (let r = 0; r < profile.rounds; r++) {
      const order = CONFIGS.slice(r % CONFIGS.length).concat(CONFIGS.slice(0, r % CONFIGS.length));
      for (const s of SIZES) {
        for (const c of order) rounds[s.id][c.id].push(drive(servers[c.id], s, profile, pinned));
      }
    }
    const cells = {};
    for (const s of SIZES) {
      cells[s.id] = {};
      for (const c of CONFIGS) {
        const rs = rounds[s.id][c.id];
        cells[s.id][c.id] = { rps: median(rs.map((x) => x.rps)), p99ms: median(rs.map((x) => x.p99ms)), p50ms: median(rs.map((x) => x.p50ms)), cpuUsPerReq: median(rs.map((x) => x.cpuUsPerReq)), failed: rs.reduce((n, x) => n + x.failed, 0), rounds: rs };
      }
    }
    const result = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      seconds: Math.round((Date.now() - started) / 1000),
      node: process.versions.node,
      cores: os.cpus().length,
      loadAverage: load,
      pinned,
      profile,
      configs: CONFIGS.map(({ id, label }) => ({ id, label })),
      sizes: SIZES,
      cells,
    };
    log(text(result));
    return result;
  } finally {
    for (const s of Object.values(servers)) s.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `a`'s requests/s over plain node's, and node's p99 over `a`'s (>= 1: no worse). */
function ratios(cells, size, id) {
  const a = cells[size][id];
  const b = cells[size].node;
  return { rps: a.rps && b.rps ? a.rps / b.rps : null, p99: a.p99ms > 0 && b.p99ms > 0 ? b.p99ms / a.p99ms : null };
}

const x = (v) => (v === null ? 'n/a' : `${v.toFixed(2)}x`);

/** One row per file size and configuration. */
function rows(result) {
  const out = [];
  for (const s of result.sizes) {
    for (const c of result.configs) {
      const cell = result.cells[s.id][c.id];
      const r = ratios(result.cells, s.id, c.id);
      out.push({ size: s.label, config: c.label, rps: Math.round(cell.rps), vsNode: c.id === 'node' ? '1.00x' : x(r.rps), p50ms: cell.p50ms, p99ms: cell.p99ms, p99VsNode: c.id === 'node' ? '1.00x' : x(r.p99), cpuUs: cell.cpuUsPerReq, failed: cell.failed });
    }
  }
  return out;
}

function text(result) {
  const lines = [`static file server (${result.profile.rounds} rounds of ${result.profile.seconds} s, ${result.profile.connections} connections, medians${result.pinned ? '; server on CPU 1, autocannon on CPU 0' : ''}):`];
  for (const r of rows(result)) {
    lines.push(`${r.size.padEnd(7)} ${r.config.padEnd(30)} ${String(r.rps).padStart(7)} req/s ${r.vsNode.padStart(6)}  p99 ${String(r.p99ms).padStart(3)} ms (node's/this ${r.p99VsNode})  server CPU ${r.cpuUs === null ? 'n/a' : r.cpuUs.toFixed(0)} µs/request${r.failed ? `  ${r.failed} failed` : ''}`);
  }
  return lines.join('\n');
}

/** The goal rows for report.js: requests/s and p99 of uring/register against plain node. */
function targetRows(result) {
  if (!result) return [{ text: 'Static file server, 4 KiB and 64 KiB files: uring/register vs node requests/s, p99 no worse', want: `>= ${TARGET.minRatio}x`, got: 'n/a', met: 'n/a', source: 'not measured' }];
  const source = `static server, ${result.date.slice(0, 16).replace('T', ' ')}Z`;
  const out = [];
  for (const id of TARGET.sizes) {
    const label = result.sizes.find((s) => s.id === id).label;
    const r = ratios(result.cells, id, 'register');
    out.push({ text: `Static file server, ${label} files: uring/register vs node, requests/s`, want: `>= ${TARGET.minRatio}x`, got: x(r.rps), met: r.rps === null ? 'n/a' : r.rps >= TARGET.minRatio ? 'yes' : 'NO', source });
    out.push({ text: `Static file server, ${label} files: p99 latency no worse than node's (node p99 / uring/register p99)`, want: '>= 1x', got: x(r.p99), met: r.p99 === null ? 'n/a' : r.p99 >= 1 ? 'yes' : 'NO', source });
  }
  return out;
}

/** The BENCHMARKS.md section. */
function markdown(result) {
  const p = result.profile;
  const out = [`### Static file server: node:http + fs.stat + fs.createReadStream (${result.date}${p.quick ? ', --quick' : ''})`, ''];
  out.push(`A \`node:http\` server answers each request as \`send\` does (\`fs.stat\`, then \`fs.createReadStream\` with \`start\`/\`end\` piped into the response) from page-cached files; ` +
    `autocannon in its own process, ${p.connections} connections over 127.0.0.1, ${p.rounds} rounds of ${p.seconds} s per cell after a warm-up of ${p.warmRequests.toLocaleString('en-US')} requests per server and file, ` +
    `configurations interleaved, medians. ` +
    (result.pinned ? 'Server and load generator pinned with `taskset` to different cores (server CPU 1, all its threads, including the thread pool; autocannon CPU 0), so the server has one core. ' : 'Not pinned (taskset unavailable or one core). ') +
    `Load average ${result.loadAverage.toFixed(1)} on ${result.cores} cores when it started (other jobs share the cores). autocannon's latencies are whole milliseconds.`);
  out.push('');
  out.push('| file | server | requests/s | × node | p50 ms | p99 ms | node p99 / p99 | server CPU µs per request |');
  out.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows(result)) {
    out.push(`| ${r.size} | ${r.config} | ${r.rps.toLocaleString('en-US')}${r.failed ? ` (${r.failed} failed)` : ''} | ${r.vsNode} | ${r.p50ms} | ${r.p99ms} | ${r.p99VsNode} | ${r.cpuUs === null ? 'n/a' : r.cpuUs.toFixed(0)} |`);
  }
  return out.join('\n');
}

/** Alone: measure, print, and with --write fold the result into results.json and BENCHMARKS.md. */
async function main() {
  const args = process.argv.slice(2);
  const serveArg = args.find((a) => a.startsWith('--serve='));
  if (serveArg) return serve(serveArg.slice(8));
  return require('./report').runAlone(ROOT, 'staticServer', 'static server', run, args);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  });
}

module.exports = { run, markdown, targetRows, text };
