// examples/timeout-wait.js: a read of stdin bounded by submit(waitFor, timeoutMs): with no input
// it gives up after the timeout (the writer stays silent much longer) and cancels the read; with
// input it prints it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from './helpers/child';

function run(input: string | null, ms: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(packageRoot, 'examples', 'timeout-wait.js'), String(ms)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  if (input !== null) child.stdin.write(input);
  // Silent stdin stays open until the example exits: only the timeout can end its wait.
  return new Promise((resolve) => child.on('exit', (code) => {
    child.stdin.destroy();
    resolve({ code, stdout, stderr });
  }));
}

test('no input: the wait ends after the timeout and the read is cancelled', async () => {
  const r = await run(null, 200);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const m = /^no input within 200 ms \(waited (\d+) ms\)$/m.exec(r.stdout);
  expect(m).not.toBeNull();
  expect(Number(m![1])).toBeGreaterThanOrEqual(199);
});

test('input: the read completes and is printed', async () => {
  const r = await run('hello\n', 20000);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^read "hello\\n" after \d+ ms$/m);
});
