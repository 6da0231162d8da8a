'use strict';
// node scripts/bundle.js (after tsc, part of `npm run build:ts`)
// Puts the modules that a start through uring/promises, uring/fs or uring/register loads into one
// file, dist/bundle.js, and turns each of those modules' own files into a stub that returns the
// bundled module. Why: node's CommonJS loader spends most of such a start on finding, reading and
// wrapping files (resolution, stat, realpath, package scope), not on running our code. The stubs
// keep every path working and one instance of each module (one engine a thread) whichever path
// loads it. An entry's stub also lists its export names where node's ESM loader reads them from
// CommonJS. Modules loaded only at a first call keep their own files, and so does the Ring API
// (dist/index.js).
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = 'bundle.js';
const ENTRIES = ['promises/index', 'fs/index', 'register'];
// Loaded lazily, but by every start of uring/register: the check that io_uring can be used here.
const ALSO = ['native', 'setup-failure', 'memlock'];
const STUB_MARK = '// uring bundle stub';

const fileOf = (id) => path.join(DIST, `${id}.js`);

/** The bundled id a relative `spec` names from module `from`, or null when it is not one of ours. */
function resolveId(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.join(path.posix.dirname(from), spec).replace(/\.js$/, '');
  if (fs.existsSync(fileOf(base))) return base;
  if (fs.existsSync(fileOf(`${base}/index`))) return `${base}/index`;
  return null;
}

// A require that runs when its module loads: a top-level statement as tsc writes an import. Lazy
// requires (inside functions) stay out: their modules load from their own files when first used,
// so a start-up compiles only what it runs.
const EAGER_REQUIRE = /^(?:(?:const|let|var) [\w$]+ = |exports\.[\w$]+ = )?(?:__import\w+\()?require\((["'])([^"']+)\1\)/gm;

/** Every module a start through the entries loads, with its source. */
function collect() {
  const modules = new Map();
  const queue = [...ENTRIES, ...ALSO];
  while (queue.length > 0) {
    const id = queue.shift();
    if (modules.has(id)) continue;
    const source = fs.readFileSync(fileOf(id), 'utf8');
    if (source.includes(STUB_MARK)) throw new Error(`dist/${id}.js is already a bundle stub: run tsc before this script`);
    modules.set(id, source);
    for (const [, , spec] of source.matchAll(EAGER_REQUIRE)) {
      const dep = resolveId(id, spec);
      if (dep !== null) queue.push(dep);
    }
  }
  return modules;
}

/** The names a module exports, as tsc writes them (what node's cjs-module-lexer would find). */
function exportNames(source) {
  const names = new Set();
  for (const [, name] of source.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(name);
  for (const [, name] of source.matchAll(/Object\.defineProperty\(exports,\s*["']([^"']+)["']/g)) names.add(name);
  names.delete('__esModule');
  return [...names];
}

const SOURCE_MAP = /\n\/\/# sourceMappingURL=.*\s*$/;

// Source maps: node's --enable-source-maps does not read index maps (sections), so the modules'
// maps are merged into one: their segments decoded, moved down to the module's first line in the
// bundle and onto the merged sources and names, and encoded again.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeMappings(mappings) {
  const lines = [];
  const state = [0, 0, 0, 0, 0]; // generated column (reset per line), source, line, column, name
  for (const line of mappings.split(';')) {
    const segments = [];
    state[0] = 0;
    for (const text of line.split(',')) {
      if (text === '') continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of text) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      for (let i = 0; i < fields.length; i++) state[i] += fields[i];
      segments.push(state.slice(0, fields.length));
    }
    lines.push(segments);
  }
  return lines;
}

function encodeVlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

function encodeMappings(lines) {
  const state = [0, 0, 0, 0, 0];
  return lines.map((segments) => {
    state[0] = 0;
    return segments.map((seg) => {
      const text = seg.map((v, i) => encodeVlq(v - state[i])).join('');
      for (let i = 0; i < seg.length; i++) state[i] = seg[i];
      return text;
    }).join(',');
  }).join(';');
}

/** One source map for the bundle from each module's (placed at its first line there). */
function mergeMaps(placed, totalLines) {
  const sources = [];
  const names = [];
  const lines = Array.from({ length: totalLines }, () => []);
  for (const { line, map } of placed) {
    const sourceBase = sources.length;
    const nameBase = names.length;
    sources.push(...map.sources);
    names.push(...(map.names ?? []));
    decodeMappings(map.mappings).forEach((segments, i) => {
      if (line + i >= totalLines) return;
      lines[line + i] = segments.map((seg) => seg.map((v, k) => (k === 1 ? v + sourceBase : k === 4 ? v + nameBase : v)));
    });
  }
  return { version: 3, file: BUNDLE, sources, names, mappings: encodeMappings(lines) };
}

function bundle(modules) {
  const lines = [
    "'use strict';",
    '// Generated by scripts/bundle.js from the files tsc wrote: do not edit.',
    'const path = require("node:path");',
    'const outside = require;',
    'const defs = new Map();',
  ];
  const placed = [];
  for (const [id, source] of modules) {
    const header = `defs.set(${JSON.stringify(id)}, function (exports, require, module, __filename, __dirname) {`;
    lines.push(header);
    const map = `${fileOf(id)}.map`;
    if (fs.existsSync(map)) {
      const m = JSON.parse(fs.readFileSync(map, 'utf8'));
      const from = path.dirname(fileOf(id));
      m.sources = m.sources.map((s) => path.relative(DIST, path.resolve(from, m.sourceRoot ?? '', s)));
      delete m.sourceRoot;
      delete m.file;
      placed.push({ line: lines.length, map: m });
    }
    lines.push(...source.replace(SOURCE_MAP, '').split('\n'), '});');
  }
  lines.push(
    'const loaded = new Map();',
    '/** The exports of bundled module `id`, run once: the same object whichever stub or module asks. */',
    'function load(id) {',
    '  let module = loaded.get(id);',
    '  if (module !== undefined) return module.exports;',
    '  const filename = path.join(__dirname, `${id}.js`);',
    '  const dir = path.posix.dirname(id);',
    '  // Ours from the bundle; a module of ours left out of it from its own file; the rest as node finds it from dist/.',
    '  const require = (spec) => {',
    '    if (spec[0] !== ".") return outside(spec);',
    '    const base = path.posix.join(dir, spec).replace(/\\.js$/, "");',
    '    if (defs.has(base)) return load(base);',
    '    if (defs.has(`${base}/index`)) return load(`${base}/index`);',
    '    return outside(path.join(__dirname, base));',
    '  };',
    '  module = { exports: {} };',
    '  loaded.set(id, module);',
    '  defs.get(id).call(module.exports, module.exports, require, module, filename, path.dirname(filename));',
    '  return module.exports;',
    '}',
    'module.exports = load;',
    `//# sourceMappingURL=${BUNDLE}.map`,
    '',
  );
  return { code: lines.join('\n'), map: mergeMaps(placed, lines.length) };
}

function stub(id, source) {
  const rel = path.relative(path.dirname(fileOf(id)), path.join(DIST, BUNDLE));
  // Not `module.exports = require(...)(id)`: node's ESM loader would take that for a re-export of
  // the whole bundle and read every name in it.
  const lines = ['"use strict";', STUB_MARK, `const load = require(${JSON.stringify(rel.startsWith('.') ? rel : `./${rel}`)});`, `module.exports = load(${JSON.stringify(id)});`];
  if (ENTRIES.includes(id)) {
    const names = exportNames(source);
    // Never runs: node's ESM loader reads the names from it, so `import { readFile } from 'uring/promises'` works.
    if (names.length > 0) lines.push(`if (0) { ${names.map((n) => `exports.${n} = 0;`).join(' ')} }`);
  }
  return `${lines.join('\n')}\n`;
}

function main() {
  const modules = collect();
  const { code, map } = bundle(modules);
  fs.writeFileSync(path.join(DIST, BUNDLE), code);
  fs.writeFileSync(path.join(DIST, `${BUNDLE}.map`), JSON.stringify(map));
  for (const [id, source] of modules) {
    fs.writeFileSync(fileOf(id), stub(id, source));
    fs.rmSync(`${fileOf(id)}.map`, { force: true });
  }
  console.log(`bundled ${modules.size} modules into dist/${BUNDLE}`);
}

main();
