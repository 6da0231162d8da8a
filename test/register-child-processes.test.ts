// Child processes of an application under uring/register start wherever they are started: fork
// passes the parent's execArgv on and spawn passes NODE_OPTIONS on, and a child started in
// another folder (here /, where uring is not installed) resolves `uring/register` from there.
// Register names itself by its path in both, so such children start, registered as well.
import { appReport, useAppDir, type AppRun } from './helpers/app-dir';

interface Child { register?: string; cwd?: string; status?: number; error?: string }

const app = useAppDir('register-children');
const run = (options: AppRun) => appReport<{ forked: Child; spawned: Child }>(app(), 'parent.cjs', [], options);

test.each([
  ['node --import uring/register', { preload: ['--import', 'uring/register'] }],
  ['node -r uring/register', { preload: ['-r', 'uring/register'] }],
  ['node --require=uring/register', { preload: ['--require=uring/register'] }],
])('%s: a child forked in another folder starts, registered', (_, options) => {
  const r = run(options);
  expect(r.forked).toEqual({ register: 'active', cwd: '/' });
  // spawn passes no execArgv: that child is node's own, as it would be without register.
  expect(r.spawned).toEqual({ register: 'not loaded', cwd: '/' });
}, 120000);

test.each([
  ['NODE_OPTIONS=--import uring/register', '--import uring/register'],
  ['NODE_OPTIONS=-r uring/register', '--max-old-space-size=200 -r  uring/register'],
  ['NODE_OPTIONS=--import=uring/register', '--import=uring/register'],
])('%s: children forked and spawned in another folder start, registered', (_, nodeOptions) => {
  const r = run({ env: { NODE_OPTIONS: nodeOptions } });
  expect(r).toEqual({ forked: { register: 'active', cwd: '/' }, spawned: { register: 'active', cwd: '/' } });
}, 120000);

test('URING_DISABLE=1: the children start too, and leave node:fs as it is', () => {
  const r = run({ env: { NODE_OPTIONS: '-r uring/register', URING_DISABLE: '1' } });
  const disabled = { register: 'URING_DISABLE=1 is set: node:fs is left as it is', cwd: '/' };
  expect(r).toEqual({ forked: disabled, spawned: disabled });
}, 120000);
