// `uring doctor` says whether uring/register runs in its process, which gets the same
// NODE_OPTIONS as the application: active, left inactive by URING_DISABLE=1, or not loaded.
import path from 'node:path';
import { runNode, packageRoot } from './helpers/child';

const bin = path.join(packageRoot, 'bin', 'uring.js');

function registerLine(env: Record<string, string>): { state: string; text: string } {
  const r = runNode([bin, 'doctor', '--json'], { env: { ...process.env, URING_DISABLE: '', NODE_OPTIONS: '', ...env } });
  return (JSON.parse(r.stdout) as { register: { state: string; text: string } }).register;
}

test('register in NODE_OPTIONS: active', () => {
  expect(registerLine({ NODE_OPTIONS: '-r uring/register' }).state).toBe('active');
  expect(registerLine({ NODE_OPTIONS: '--import uring/register' }).state).toBe('active');
});

test('register with URING_DISABLE=1: disabled, and it says so', () => {
  const line = registerLine({ NODE_OPTIONS: '--import uring/register', URING_DISABLE: '1' });
  expect(line.state).toBe('disabled');
  expect(line.text).toMatch(/URING_DISABLE=1/);
});

test('no register: not loaded, with how to load it', () => {
  const line = registerLine({});
  expect(line.state).toBe('not-loaded');
  expect(line.text).toMatch(/--import uring\/register/);
});
