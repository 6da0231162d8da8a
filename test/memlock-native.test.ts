// The addon's memlock() (getrlimit and capget) says what /proc/self/limits and /proc/self/status
// say: the backend check at every start of uring/register asks it instead of reading them.
import { lastJson, runNode } from './helpers/child';
import { canLimitMemlock } from './helpers/memlock-limit';

const COMPARE = `
const fs = require('node:fs');
const soft = fs.readFileSync('/proc/self/limits', 'utf8').split('\\n').find((l) => l.startsWith('Max locked memory')).slice(17).trim().split(/\\s+/)[0];
const capEff = BigInt('0x' + fs.readFileSync('/proc/self/status', 'utf8').match(/^CapEff:\\s*([0-9a-f]+)$/m)[1]);
console.log(JSON.stringify({ native: require('./dist/native.js').tryBinding().memlock(), proc: [soft === 'unlimited' ? -1 : Number(soft), ((capEff >> 14n) & 1n) === 1n] }));
`;

const cases: Array<[string, string[]]> = [
  ['as this process runs', []],
  ['without CAP_IPC_LOCK, 64 KiB', ['prlimit', '--memlock=65536:65536', 'setpriv', '--inh-caps=-ipc_lock', '--bounding-set=-ipc_lock']],
  ['with CAP_IPC_LOCK, 1 MiB', ['prlimit', '--memlock=1048576:1048576']],
];

(canLimitMemlock() ? test.each(cases) : test.skip.each(cases))('memlock() matches /proc/self: %s', (_, prefix) => {
  const r = runNode(['-e', COMPARE], { prefix });
  expect(r.stderr).toBe('');
  const { native, proc } = lastJson(r) as { native: [number, boolean]; proc: [number, boolean] };
  expect(native).toEqual(proc);
});
