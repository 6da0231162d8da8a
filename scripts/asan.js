'use strict';
// `npm run test:asan`: builds the addon with AddressSanitizer in build-asan/ (the normal
// build/ is left alone), then runs jest with libasan preloaded and the package pointed at
// that build (URING_PREBUILD, which node-gyp-build honours). --quick runs the tests that
// stress the native side hardest instead of the whole suite; other arguments go to jest.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { nodeHeadersEnv } = require('./node-headers');

const root = path.join(__dirname, '..');
const stage = path.join(root, 'build-asan');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jestArgs = args.filter((a) => a !== '--quick');
const QUICK = ['fuzz', 'hostile-views', 'close-in-flight', 'close', 'exit-during-work', 'worker-terminate',
  'worker-threads', 'no-lost-work', 'gc-pinning', 'nop', 'on-ready', 'read-write', 'credentials',
  'promises-process-lifetime', 'promises-abort'];

// A binding.gyp identical to the real one plus the sanitizer flags, next to links to the sources.
const gyp = JSON.parse(fs.readFileSync(path.join(root, 'binding.gyp'), 'utf8'));
const target = gyp.targets[0];
const san = ['-fsanitize=address', '-fno-omit-frame-pointer', '-g', '-O1'];
target.cflags_cc = [...(target.cflags_cc ?? []), ...san];
target.cflags = [...(target.cflags ?? []), ...san];
target.ldflags = [...(target.ldflags ?? []), '-fsanitize=address'];
fs.mkdirSync(stage, { recursive: true });
fs.writeFileSync(path.join(stage, 'binding.gyp'), JSON.stringify(gyp, null, 2));
for (const name of ['src-native', 'scripts', 'node_modules']) {
  const link = path.join(stage, name);
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(root, name), link);
}
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'uring-asan', private: true }));

const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
// The same Node headers as the normal build: npm's nodedir setting, or the running Node's own.
let nodedir = process.env.npm_config_nodedir || nodeHeadersEnv().npm_config_nodedir;
if (!nodedir) {
  try {
    nodedir = execFileSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).trim();
  } catch {
    nodedir = '';
  }
}
const gypArgs = ['rebuild', '--loglevel=warn', ...(nodedir && nodedir !== 'undefined' ? [`--nodedir=${nodedir}`] : [])];
execFileSync(process.execPath, [nodeGyp, ...gypArgs], { cwd: stage, stdio: 'inherit' });

const libasan = execFileSync('gcc', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).trim();
if (!path.isAbsolute(libasan) || !fs.existsSync(libasan)) {
  process.stderr.write(`libasan.so not found (gcc -print-file-name gave ${libasan}): install gcc's libasan\n`);
  process.exit(1);
}
const env = {
  ...process.env,
  LD_PRELOAD: libasan,
  URING_PREBUILD: stage,
  URING_ASAN: '1', // tests skip what ASan distorts (RSS bounds)
  // Leaks: V8 and Node keep allocations until exit by design. SEGV: V8's wasm trap handler
  // owns it. abort_on_error: a report ends the process with a signal the tests see.
  ASAN_OPTIONS: 'detect_leaks=0:handle_segv=0:allow_user_segv_handler=1:detect_odr_violation=0:abort_on_error=1:' +
    'print_summary=1:halt_on_error=1',
};
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const selection = quick ? [`(${QUICK.join('|')})\\.test\\.ts$`] : [];
const r = spawnSync(process.execPath, [jest, '--ci', ...selection, ...jestArgs], { cwd: root, env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
process.stderr.write(r.stderr ?? '');
const asanReports = (r.stderr ?? '').match(/ERROR: AddressSanitizer[^\n]*/g) ?? [];
if (asanReports.length > 0) process.stderr.write(`\nAddressSanitizer reported ${asanReports.length} error(s):\n${asanReports.join('\n')}\n`);
process.exit(r.status === 0 && asanReports.length === 0 ? 0 : 1);
