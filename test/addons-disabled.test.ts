// With addons disabled (`--no-addons`, or `--permission` without `--allow-addons`) uring/promises
// is node:fs/promises, and the reason says so without advice to build the addon (which would not help).
import { lastJson, runNode } from './helpers/child';

test('--no-addons: backend fs, the reason names the refusal and gives no build advice', () => {
  const r = runNode(['--no-addons', '-e', `
    const fsp = require('uring/promises');
    fsp.readFile('package.json', 'utf8').then((text) => console.log(JSON.stringify({ backend: fsp.backend, reason: fsp.backendReason, read: JSON.parse(text).name })));
  `]);
  expect(r.stderr).toBe('');
  const out = lastJson(r) as { backend: string; reason: string; read: string };
  expect(out).toMatchObject({ backend: 'fs', read: 'uring' });
  expect(out.reason).toMatch(/loading addons is disabled/);
  expect(out.reason).not.toMatch(/build it from source|npm rebuild/);
});
