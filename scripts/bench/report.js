'use strict';
// Turns the measured medians into the stdout table, results.json, the BENCHMARKS.md block
// between its markers, and the SVG chart.
const fs = require('node:fs');
const path = require('node:path');
const { fmt, render } = require('./chart');
const staticServer = require('./static-server');
const echo = require('./echo');

const BEGIN = '<!-- bench:results:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

/** The project's performance goals, as ratios of medians measured in the same run. */
const TARGETS = [
  { text: '4 KiB QD64 random reads: uring/promises vs node:fs/promises', w: 'read4k-qd64', a: 'uring-promises', b: 'fsp', min: 8 },
  { text: '4 KiB QD64 random reads: uring/promises vs fs/promises with UV_USE_IO_URING=1', w: 'read4k-qd64', a: 'uring-promises', b: 'fsp-uv-uring', min: 3 },
  { text: 'Ring NOP batch 256 vs C liburing', w: 'nop-b256', a: 'ring', b: 'c', min: 0.85 },
  { text: 'Ring NOP batch 1 vs C liburing', w: 'nop-b1', a: 'ring', b: 'c', min: 0.5 },
  { text: 'Ring batched 4 KiB random reads (QD64) vs C liburing', w: 'read4k-qd64', a: 'ring', b: 'c', min: 0.8 },
  { text: 'readFile of small files: uring/promises vs node:fs/promises', w: 'readfile', a: 'uring-promises', b: 'fsp', min: 3 },
  { text: '1 MiB sequential read: Ring vs C liburing', w: 'seqread-1m', a: 'ring', b: 'c', min: 0.9 },
  { text: '1 MiB sequential write: Ring vs C liburing', w: 'seqwrite-1m', a: 'ring', b: 'c', min: 0.9 },
  { text: '1 MiB sequential read: uring/promises vs C liburing', w: 'seqread-1m', a: 'uring-promises', b: 'c', min: 0.9 },
  { text: '1 MiB sequential write: uring/promises vs C liburing', w: 'seqwrite-1m', a: 'uring-promises', b: 'c', min: 0.9 },
  { text: '4 KiB QD64 random reads: uring/promises vs C liburing', w: 'read4k-qd64', a: 'uring-promises', b: 'c', min: 0.85 },
  { text: 'readFile of small files: uring/promises vs C liburing', w: 'readfile', a: 'uring-promises', b: 'c', min: 0.75 },
  { text: 'stat storm: uring/promises vs C liburing', w: 'stat', a: 'uring-promises', b: 'c', min: 0.8 },
  { text: 'writeFile 4 KiB + fsync: uring/promises vs node:fs/promises', w: 'writefsync', a: 'uring-promises', b: 'fsp', min: 1.2 },
  { text: '4 KiB QD64 random reads: uring/promises with URING_SQPOLL=10 vs without (2 cores)', w: 'read4k-qd64', a: 'uring-sqpoll', b: 'uring-promises', min: 1.4 },
  { text: 'QD1 p50 latency: uring/promises no worse than node:fs/promises (fsp p50 / uring p50)', w: 'read4k-qd1', a: 'uring-promises', b: 'fsp', min: 1, latency: true },
  { text: 'QD1 p50 latency: Ring no worse than node:fs/promises (fsp p50 / Ring p50)', w: 'read4k-qd1', a: 'ring', b: 'fsp', min: 1, latency: true },
];

/** Informative ratios (no target): how the Ring alone compares with what users have. */
const EXTRA_RATIOS = [
  { text: 'Ring vs node:fs/promises, 4 KiB QD64', w: 'read4k-qd64', a: 'ring', b: 'fsp' },
  { text: 'Ring vs fs/promises UV_USE_IO_URING=1, 4 KiB QD64', w: 'read4k-qd64', a: 'ring', b: 'fsp-uv-uring' },
  { text: 'Ring vs node:fs/promises, readFile small files', w: 'readfile', a: 'ring', b: 'fsp' },
  { text: 'Ring vs C liburing, readFile small files', w: 'readfile', a: 'ring', b: 'c' },
  { text: 'Ring vs C liburing, stat storm', w: 'stat', a: 'ring', b: 'c' },
  { text: 'Ring vs C liburing, 4 KiB QD1', w: 'read4k-qd1', a: 'ring', b: 'c' },
  { text: 'Ring vs sync fs, 4 KiB QD1', w: 'read4k-qd1', a: 'ring', b: 'sync' },
  { text: 'uring/fs vs node:fs callbacks, readFile small files', w: 'readfile', a: 'uring-fs', b: 'fs-cb' },
  { text: 'uring/fs vs node:fs callbacks, 4 KiB QD64 (64 fs.read callbacks in flight)', w: 'read4k-qd64', a: 'uring-fs', b: 'fs-cb' },
  { text: 'uring/fs vs node:fs callbacks, stat storm', w: 'stat', a: 'uring-fs', b: 'fs-cb' },
];

function ratio(cells, t) {
  const a = cells[t.w] && cells[t.w][t.a];
  const b = cells[t.w] && cells[t.w][t.b];
  if (!a || !b) return null;
  if (t.latency) return a.p50us && b.p50us ? b.p50us / a.p50us : null;
  return a.median && b.median ? a.median / b.median : null;
}

/**
 * Each goal with what was measured: the workload ratios from this run (source 'this run'),
 * RSS drift and import cost from their own runs (source: the command and its date).
 */
function targetRows(cells, rss, importCost = null, served = null) {
  const rows = TARGETS.map((t) => {
    const r = ratio(cells, t);
    return { text: t.text, want: `>= ${t.min}x`, got: r === null ? 'n/a' : `${r.toFixed(2)}x`, met: r === null ? 'n/a' : r >= t.min ? 'yes' : 'NO', source: 'this run' };
  });
  const runs = rss ? Object.values(rss) : [];
  for (const r of runs) {
    rows.push({ text: `RSS flat (+-10%) across ${r.ops.toLocaleString('en-US')} operations after warm-up: ${r.backend}`, want: '<= 10%', got: `${r.maxDriftPct.toFixed(1)}%`, met: r.maxDriftPct <= 10 ? 'yes' : 'NO', source: `npm run bench:rss, ${r.date.slice(0, 10)}` });
  }
  if (runs.length === 0) {
    rows.push({ text: 'RSS flat (+-10%) across 10 M operations after warm-up', want: '<= 10%', got: 'n/a', met: 'n/a', source: 'not measured: run npm run bench:rss' });
  }
  if (importCost) {
    // On a machine busy with other jobs the wall clock measures them: the CPU time then stands in.
    const busy = importCost.cpu !== undefined && importCost.loadAverage > importCost.cores;
    const figures = busy ? importCost.cpu : importCost;
    const clock = busy ? ' (CPU time: the machine was busy)' : '';
    const source = `npm run bench:import, ${importCost.date.slice(0, 10)}`;
    const ms = figures.requireOverBareMs;
    rows.push({ text: `require('uring/promises') over a bare node -e ''${clock}`, want: '<= 5 ms', got: `${ms.toFixed(1)} ms`, met: ms <= 5 ? 'yes' : 'NO', source });
    const reg = figures.registerRequireOverBareMs;
    if (reg !== undefined) rows.push({ text: `node -r uring/register over a bare node -e ''${clock}`, want: '<= 5 ms', got: `${reg.toFixed(1)} ms`, met: reg <= 5 ? 'yes' : 'NO', source });
    else rows.push({ text: "node -r uring/register over a bare node -e ''", want: '<= 5 ms', got: 'n/a', met: 'n/a', source: 'not measured: run npm run bench:import' });
  } else {
    rows.push({ text: "require('uring/promises') over a bare node -e ''", want: '<= 5 ms', got: 'n/a', met: 'n/a', source: 'not measured: run npm run bench:import' });
  }
  return [...rows, ...staticServer.targetRows(served)];
}

/** The goals for the terminal: this run's ratios, then apart what other runs recorded. */
function targetText(cells, rss, importCost = null, served = null) {
  const rows = targetRows(cells, rss, importCost, served);
  const line = (t) => `${t.met.padEnd(4)} ${t.got.padStart(8)} (want ${t.want}) ${t.text}`;
  // The static server's rows reach the terminal only from a run that measured it.
  const thisRun = (t) => t.source === 'this run' || t.source.startsWith('static server');
  const now = rows.filter(thisRun);
  const other = rows.filter((t) => !thisRun(t));
  return [
    "The project's performance goals, measured in this run as ratios of medians:",
    ...now.map(line),
    '',
    'Goals this run did not measure (what their own benchmark last recorded, not this run):',
    ...other.map((t) => `${line(t)} [${t.source}]`),
  ].join('\n');
}

function pad(s, n, right) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

const VS_FSP = '× node:fs/promises';

/** uring/promises' ops/s over node:fs/promises' for a workload, as text ('-' without both). */
function vsFsp(cells, w) {
  const r = ratio(cells, { w, a: 'uring-promises', b: 'fsp' });
  return r === null ? '-' : `${r.toFixed(2)}x`;
}

function textTable(results) {
  const { workloads, backends, cells } = results;
  const w0 = Math.max(...workloads.map((w) => w.label.length)) + 2;
  const lines = [];
  lines.push(pad('ops/s (median)', w0) + backends.map((b) => pad(b.id, 15, true)).join('') + pad(VS_FSP, 21, true));
  for (const w of workloads) {
    lines.push(pad(w.label, w0) + backends.map((b) => {
      const c = cells[w.id] && cells[w.id][b.id];
      return pad(c ? (c.median ? fmt(c.median) : c.note || 'n/a') : '-', 15, true);
    }).join('') + pad(vsFsp(cells, w.id), 21, true));
  }
  return lines.join('\n');
}

/** What the table's column names mean. */
function legend(results) {
  return [
    ...results.backends.map((b) => `${b.id.padStart(15)}: ${b.label}`),
    `${VS_FSP}: uring/promises ops/s divided by node:fs/promises ops/s, both from this run (-: not both measured)`,
    '-: not applicable (NOPs exist only on a ring; sync calls have no queue depth); n/a: backend not available',
  ].join('\n');
}

/** A table cell: ops/s, '–' where the backend does not run the workload, 'n/a' where it was unavailable. */
function mdCell(c) {
  if (!c) return '–';
  return c.median ? fmt(c.median) : 'n/a';
}

function markdown(results, { rss = null, stall = null, importCost = null } = {}) {
  const { workloads, backends, cells, machine, profile, scaling, unavailable } = results;
  const out = [];
  out.push(BEGIN, '');
  out.push(`Measured **${results.date}** with \`npm run bench${profile.quick ? ' -- --quick' : ''}\`: ${profile.rounds} rounds of ${profile.ms} ms per case (after a ${profile.warmMs} ms warm-up), medians; ` +
    `fixtures: a ${profile.bigFileMiB} MiB page-cached file and ${profile.smallFiles.toLocaleString('en-US')} files of 1–16 KiB in ${machine.tmpdir}.`);
  out.push('');
  out.push(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}, liburing ${machine.liburing}.` +
    (machine.shared ? ' **The machine was shared with other jobs while this ran: the numbers are noisy; ratios from one run are more reliable than absolute figures.**' : ''));
  out.push('');
  out.push('### Operations per second (median)');
  out.push('');
  out.push(`| workload | ${backends.map((b) => b.label).join(' | ')} |`);
  out.push(`|---|${backends.map(() => '---:').join('|')}|`);
  for (const w of workloads) out.push(`| ${w.label} | ${backends.map((b) => mdCell(cells[w.id] && cells[w.id][b.id])).join(' | ')} |`);
  out.push('');
  out.push('n/a: backend not available in this run; –: not applicable (NOPs exist only on a ring; sync calls have no queue depth; the callback and SQPOLL backends run readFile, stat and 4 KiB QD64 only).');
  for (const [w, r] of Object.entries(results.rowRuns ?? {})) {
    const label = (workloads.find((x) => x.id === w) || { label: w }).label;
    const names = r.backends.map((id) => (backends.find((x) => x.id === id) || { label: id }).label).join(', ');
    out.push('', `In the row "${label}", ${names} are from a later run, ${r.date}: \`npm run bench -- --only=… --backends=… --write\`${r.quick ? ' --quick' : ''}, ${r.rounds} rounds of ${r.ms} ms, load average ${r.loadavg[0]} when it started; compare these cells with each other, not with the rest of the table.`);
  }
  if (Object.keys(unavailable).length) {
    out.push('');
    for (const [b, why] of Object.entries(unavailable)) out.push(`- \`${b}\` n/a: ${why}`);
  }
  out.push('');
  out.push('### QD1 latency, 4 KiB random read');
  out.push('');
  out.push('| backend | p50 µs | p99 µs |');
  out.push('|---|---:|---:|');
  for (const b of backends) {
    const c = cells['read4k-qd1'] && cells['read4k-qd1'][b.id];
    if (c && c.p50us) out.push(`| ${b.label} | ${c.p50us.toFixed(1)} | ${c.p99us.toFixed(1)} |`);
  }
  out.push('');
  out.push("### The project's performance goals");
  out.push('');
  out.push('Workload goals are ratios of medians from this run; the RSS and import goals come from their own benchmarks, run when named.');
  out.push('');
  out.push('| goal | wanted | measured | met | measured by |');
  out.push('|---|---:|---:|:---:|---|');
  for (const r of targetRows(cells, rss, importCost, results.staticServer)) out.push(`| ${r.text} | ${r.want} | ${r.got} | ${r.met} | ${r.source} |`);
  out.push('');
  out.push('Other ratios (no target):');
  out.push('');
  for (const t of EXTRA_RATIOS) {
    const r = ratio(cells, t);
    out.push(`- ${t.text}: ${r === null ? 'n/a' : `${r.toFixed(2)}x`}`);
  }
  if (scaling && scaling.length) {
    out.push('');
    out.push('### Scaling: Ring in worker threads, one ring each');
    out.push('');
    out.push('| workload | workers | ops/s (median) | vs 1 worker |');
    out.push('|---|---:|---:|---:|');
    for (const s of scaling) out.push(`| ${s.label} | ${s.workers} | ${s.median ? fmt(s.median) : 'n/a'} | ${s.speedup ? `${s.speedup.toFixed(2)}x` : '–'} |`);
  }
  if (results.staticServer) out.push('', staticServer.markdown(results.staticServer));
  if (results.echo) out.push('', echo.markdown(results.echo));
  for (const r of rss ? Object.values(rss) : []) {
    out.push('');
    out.push(`### RSS across ${r.ops.toLocaleString('en-US')} operations: ${r.backend} (\`npm run bench:rss\`, ${r.date})`);
    out.push('');
    out.push(`RSS after a warm-up of ${(r.warmOps ?? 0).toLocaleString('en-US')} operations: ${r.baselineMiB.toFixed(1)} MiB; then, every tenth of the run, ${r.samplesMiB.map((v) => v.toFixed(1)).join(', ')} MiB; largest drift ${r.maxDriftPct.toFixed(1)}%.`);
  }
  if (stall) {
    out.push('');
    out.push(`### Longest event-loop stall while a ${stall.fileMiB} MiB page-cached file is read whole, or as many bytes are written (\`npm run bench:stall\`, ${stall.date})`);
    out.push('');
    out.push(`Largest gap between the ticks of a 1 ms \`setInterval\` (so at least 1 ms), median of ${stall.rounds} rounds, each in a fresh process` +
      (stall.loadAverage === undefined ? '.' : `; load average ${stall.loadAverage.toFixed(1)} on ${stall.cores} cores when it started (other jobs' CPU use shows up as stalls).`));
    out.push('');
    out.push('| call | API | longest stall ms | took ms |');
    out.push('|---|---|---:|---:|');
    for (const r of stall.rows) out.push(`| ${r.case} | ${r.api} | ${r.maxGapMs.toFixed(1)} | ${r.ms.toFixed(0)} |`);
  }
  if (importCost) {
    out.push('');
    out.push(`### What importing uring/promises and uring/register costs (\`npm run bench:import\`, ${importCost.date}, Node ${importCost.node})`);
    out.push('');
    out.push(`Whole \`node -e\` processes with and without the import, interleaved, median of ${importCost.runs} each (wall clock): ` +
      `a bare node takes ${importCost.bareMs.toFixed(1)} ms; \`require('uring/promises')\` adds ${importCost.requireOverBareMs.toFixed(1)} ms; ` +
      `an ESM \`import\` that reads \`backend\` adds ${importCost.esmOverEmptyModuleMs.toFixed(1)} ms over importing an empty CommonJS module ` +
      `(${importCost.esmOverBareMs.toFixed(1)} ms over a bare node: node's ESM loader costs its share). No ring is created by either.` +
      (importCost.registerRequireOverBareMs === undefined ? '' : ` Starting with \`-r uring/register\` adds ${importCost.registerRequireOverBareMs.toFixed(1)} ms, with \`--import uring/register\` ` +
        `${importCost.registerImportOverBareMs.toFixed(1)} ms (${importCost.registerImportOverEmptyModuleMs.toFixed(1)} ms over \`--import\` of an empty CommonJS module); register loads the addon to check that io_uring can be used, and replaces node:fs's functions.`) +
      (importCost.cpu === undefined ? '' : ` CPU time up to the main script (load average ${importCost.loadAverage.toFixed(1)} on ${importCost.cores} cores when it ran; the wall clock counts other jobs, the CPU time much less): ` +
        `bare ${importCost.cpu.bareMs.toFixed(1)} ms, \`require('uring/promises')\` +${importCost.cpu.requireOverBareMs.toFixed(1)} ms, ESM import +${importCost.cpu.esmOverEmptyModuleMs.toFixed(1)} ms over an empty module, ` +
        `\`-r uring/register\` +${importCost.cpu.registerRequireOverBareMs.toFixed(1)} ms, \`--import uring/register\` +${importCost.cpu.registerImportOverBareMs.toFixed(1)} ms (+${importCost.cpu.registerImportOverEmptyModuleMs.toFixed(1)} ms over \`--import\` of an empty module).`));
  }
  out.push('');
  out.push('![× faster than node:fs/promises per workload, then ops/s per workload and backend](benchmarks/chart.svg)');
  out.push('');
  out.push(END);
  return out.join('\n');
}

const TEMPLATE = (block) => `# Benchmarks

\`npm run bench\` (\`scripts/bench/\`) runs every workload against every backend in one run and
rewrites the block below; \`npm run bench -- --quick\` is a short run. Raw numbers:
\`benchmarks/results.json\`; chart: \`benchmarks/chart.svg\`.

${block}
`;

function writeAll(root, results, sideRuns = {}) {
  const dir = path.join(root, 'benchmarks');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'chart.svg'), render(results));
  const mdPath = path.join(root, 'BENCHMARKS.md');
  const block = markdown(results, sideRuns ?? {});
  let md = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : '';
  const i = md.indexOf(BEGIN);
  const j = md.indexOf(END);
  if (i >= 0 && j > i) md = md.slice(0, i) + block + md.slice(j + END.length);
  else md = TEMPLATE(block);
  fs.writeFileSync(mdPath, md);
}

/** A side benchmark's --write: `result` goes under `key` of the recorded results.json (the rest as last written), then every output is rewritten. */
function writeSection(root, key, result, sideRuns) {
  const file = path.join(root, 'benchmarks', 'results.json');
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  results[key] = result;
  writeAll(root, results, sideRuns);
}

/**
 * A side benchmark run alone (`node scripts/bench/<name>.js [--quick] [--write]`): `run` measures
 * and prints; with --write (never with --quick) its result becomes section `key` of the outputs.
 */
async function runAlone(root, key, label, run, args) {
  const quick = args.includes('--quick');
  const result = await run({ quick });
  if (args.includes('--write') && !quick) {
    writeSection(root, key, result, require('./index').readSideRuns());
    console.log(`wrote the ${label} rows into benchmarks/results.json and BENCHMARKS.md`);
  }
}

module.exports = { textTable, legend, targetRows, targetText, writeAll, writeSection, runAlone, mdCell, TARGETS };
