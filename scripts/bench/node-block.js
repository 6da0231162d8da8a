'use strict';
// A benchmark run on another Node major than the main one (`npm run bench:node`): its own
// block in BENCHMARKS.md, between markers named after the major, and its own results file.
// The baselines (node:fs/promises, the sync calls) are that Node's: the ratios say how
// uring compares with what a user of that Node has.
const fs = require('node:fs');
const path = require('node:path');
const { mdCell } = require('./report');

const RATIOS = [
  { text: '4 KiB QD64 random reads', w: 'read4k-qd64' },
  { text: '4 KiB QD1 random reads', w: 'read4k-qd1' },
  { text: 'readFile of small files', w: 'readfile' },
  { text: 'stat storm', w: 'stat' },
  { text: 'writeFile + fsync', w: 'writefsync' },
  { text: '1 MiB sequential read', w: 'seqread-1m' },
];

function markers(major) {
  return [`<!-- bench:node${major}:begin (written by npm run bench:node) -->`, `<!-- bench:node${major}:end -->`];
}

function block(results) {
  const { workloads, backends, cells, machine, profile } = results;
  const major = machine.node.split('.')[0];
  const [begin, end] = markers(major);
  const out = [begin, '', `## Node ${major}: ${machine.node}`, ''];
  out.push(`Measured **${results.date}** with \`npm run bench:node\` (\`npm run bench${profile.quick ? ' -- --quick' : ''}\` on Node ${machine.node}): ` +
    `${profile.rounds} rounds of ${profile.ms} ms per case, medians; Linux ${machine.kernel}, ${machine.cores} cores.` +
    (machine.shared ? ' The machine was shared with other jobs while this ran: ratios are more reliable than absolute figures.' : ''));
  out.push('');
  out.push('uring/promises against this Node\'s own node:fs/promises and sync calls (ratios of medians from this run):');
  out.push('');
  out.push('| workload | vs node:fs/promises | vs UV_USE_IO_URING=1 | vs sync fs |');
  out.push('|---|---:|---:|---:|');
  const r = (w, b) => {
    const a = cells[w] && cells[w]['uring-promises'];
    const c = cells[w] && cells[w][b];
    return a && c && a.median && c.median ? `${(a.median / c.median).toFixed(2)}x` : '–';
  };
  for (const x of RATIOS) out.push(`| ${x.text} | ${r(x.w, 'fsp')} | ${r(x.w, 'fsp-uv-uring')} | ${r(x.w, 'sync')} |`);
  out.push('');
  out.push('Operations per second (median):');
  out.push('');
  out.push(`| workload | ${backends.map((b) => b.label).join(' | ')} |`);
  out.push(`|---|${backends.map(() => '---:').join('|')}|`);
  for (const w of workloads) out.push(`| ${w.label} | ${backends.map((b) => mdCell(cells[w.id] && cells[w.id][b.id])).join(' | ')} |`);
  out.push('', end);
  return out.join('\n');
}

/** Writes benchmarks/results-node<MAJOR>.json and the run's block in BENCHMARKS.md (appended the first time). */
function writeNodeRun(root, results) {
  const major = results.machine.node.split('.')[0];
  fs.mkdirSync(path.join(root, 'benchmarks'), { recursive: true });
  fs.writeFileSync(path.join(root, 'benchmarks', `results-node${major}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const mdPath = path.join(root, 'BENCHMARKS.md');
  let md = fs.readFileSync(mdPath, 'utf8');
  const [begin, end] = markers(major);
  const i = md.indexOf(begin);
  const j = md.indexOf(end);
  md = i >= 0 && j > i ? md.slice(0, i) + block(results) + md.slice(j + end.length) : `${md.trimEnd()}\n\n${block(results)}\n`;
  fs.writeFileSync(mdPath, md);
}

module.exports = { writeNodeRun };
