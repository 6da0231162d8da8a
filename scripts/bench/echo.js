'use strict';
// Loopback echo (part of npm run bench; alone: node scripts/bench/echo.js [--quick] [--write]).
// Two servers, each in its own process on 127.0.0.1: examples/echo-server.js (one Ring,
// multishot accept, multishot recv into a buffer ring, plain send back) and a node:net echo
// server. This process drives one server at a time with 64 node:net connections, each sending
// a 64-byte message and waiting for its echo before the next; servers interleaved round by
// round, each cell the median of its rounds. Bounded by time and by message count.
const { spawn } = require('node:child_process');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./stats');

const ROOT = path.join(__dirname, '..', '..');
const CONFIGS = [
  { id: 'ring', label: 'Ring (examples/echo-server.js)', args: [path.join(ROOT, 'examples', 'echo-server.js')] },
  { id: 'net', label: 'node:net', args: [__filename, '--serve-net'] },
];
const PROFILES = {
  default: { rounds: 5, seconds: 2, connections: 64, messageBytes: 64, maxMessages: 5_000_000, warmSeconds: 0.5 },
  quick: { rounds: 1, seconds: 0.3, connections: 64, messageBytes: 64, maxMessages: 200_000, warmSeconds: 0 },
};

/** In the server process: a node:net echo server, its port on stdout as the example prints it. */
function serveNet() {
  const server = net.createServer((s) => {
    s.on('data', (d) => s.write(d));
    s.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${server.address().port}`));
  process.once('SIGTERM', () => process.exit(0));
}

function startServer(config) {
  const child = spawn(process.execPath, config.args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, UV_USE_IO_URING: '0' } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${config.id} echo server exited (${code})`)));
  });
}

/** Ping-pong on `connections` sockets for `seconds` (or until `maxMessages` round trips): round trips per second. */
function drive(port, { connections, messageBytes, seconds, maxMessages }) {
  return new Promise((resolve, reject) => {
    const message = Buffer.alloc(messageBytes, 0x61);
    const sockets = [];
    let done = 0;
    let started = 0;
    let deadline = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const secs = Number(process.hrtime.bigint() - BigInt(started)) / 1e9;
      for (const s of sockets) s.destroy();
      resolve({ messages: done, secs });
    };
    let ready = 0;
    for (let i = 0; i < connections; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.setNoDelay(true);
      sockets.push(s);
      let pending = 0;
      s.on('error', (err) => (finished ? undefined : reject(err)));
      s.on('connect', () => {
        if (++ready < connections) return;
        started = Number(process.hrtime.bigint());
        deadline = Date.now() + seconds * 1000;
        for (const x of sockets) x.write(message);
      });
      s.on('data', (d) => {
        pending += d.length;
        while (pending >= messageBytes) {
          pending -= messageBytes;
          done++;
          if (done >= maxMessages || Date.now() >= deadline) return finish();
          s.write(message);
        }
        return undefined;
      });
    }
  });
}

async function run({ quick = false, log = console.log } = {}) {
  const profile = { ...(quick ? PROFILES.quick : PROFILES.default), quick };
  const servers = {};
  const load = os.loadavg()[0];
  const started = Date.now();
  const rounds = Object.fromEntries(CONFIGS.map((c) => [c.id, []]));
  try {
    for (const c of CONFIGS) servers[c.id] = await startServer(c);
    if (profile.warmSeconds > 0) for (const c of CONFIGS) await drive(servers[c.id].port, { ...profile, seconds: profile.warmSeconds });
    for (let r = 0; r < profile.rounds; r++) {
      const order = r % 2 === 0 ? CONFIGS : [...CONFIGS].reverse();
      for (const c of order) {
        const res = await drive(servers[c.id].port, profile);
        rounds[c.id].push(res.messages / res.secs);
      }
    }
  } finally {
    for (const s of Object.values(servers)) s.child.kill('SIGTERM');
  }
  const cells = Object.fromEntries(CONFIGS.map((c) => [c.id, { median: median(rounds[c.id]), rounds: rounds[c.id] }]));
  const result = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    seconds: Math.round((Date.now() - started) / 1000),
    profile,
    loadAverage: load,
    cores: os.cpus().length,
    cells,
  };
  log(text(result));
  return result;
}

function text(result) {
  const { ring, net: plain } = result.cells;
  const ratio = ring.median && plain.median ? ` (${(ring.median / plain.median).toFixed(2)}x node:net)` : '';
  return `echo over 127.0.0.1, ${result.profile.connections} connections: Ring ${Math.round(ring.median).toLocaleString('en-US')} messages/s${ratio}, node:net ${Math.round(plain.median).toLocaleString('en-US')} messages/s`;
}

function markdown(result) {
  const p = result.profile;
  const out = [`### Loopback echo: Ring vs node:net (${result.date}${p.quick ? ', --quick' : ''})`, ''];
  out.push(`${p.connections} node:net client connections over 127.0.0.1, each sending a ${p.messageBytes}-byte message and waiting for its echo before the next; ` +
    `the client runs in the benchmark's process, each server in its own. ${p.rounds} rounds of ${p.seconds} s per server (at most ${p.maxMessages.toLocaleString('en-US')} messages), ` +
    `servers interleaved, medians. Load average ${result.loadAverage.toFixed(1)} on ${result.cores} cores when it started (the client shares the cores with the server).`);
  out.push('');
  out.push('| server | messages/s | × node:net |');
  out.push('|---|---:|---:|');
  const base = result.cells.net.median;
  for (const c of CONFIGS) {
    const m = result.cells[c.id].median;
    out.push(`| ${c.label} | ${m ? Math.round(m).toLocaleString('en-US') : 'n/a'} | ${m && base ? `${(m / base).toFixed(2)}x` : 'n/a'} |`);
  }
  return out.join('\n');
}

/** Alone: measure, print, and with --write fold the result into results.json and BENCHMARKS.md. */
async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--serve-net')) return serveNet();
  return require('./report').runAlone(ROOT, 'echo', 'echo', run, args);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  });
}

module.exports = { run, markdown, text };
