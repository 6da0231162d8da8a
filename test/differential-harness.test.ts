// The differential harness itself: silent when both sides are node:fs/promises, and it
// catches a wrong result, a wrong error and wrong file contents, naming seed and step.
import fsp from 'node:fs/promises';
import { formatDifferences, runDifferential } from './helpers/fs-differential';
import type { Fsp } from './helpers/fs-ops';

type AnyFn = (...args: unknown[]) => Promise<unknown>;

function mutant(overrides: Partial<Record<keyof Fsp, AnyFn>>): Fsp {
  return { ...fsp, ...overrides } as Fsp;
}

const opts = { seeds: [7, 8], steps: 300 };

describe('differential harness', () => {
  test('node:fs/promises against itself: no differences (the harness is deterministic)', async () => {
    const r = await runDifferential(fsp, fsp, opts);
    expect(r.steps).toBe(600);
    expect(formatDifferences(r.differences)).toBe('');
  });

  test('the run covers every operation, with successes and errors', async () => {
    const seen = new Map<string, { ok: number; err: number }>();
    const note = (name: string, outcome: unknown): void => {
      const t = seen.get(name) ?? { ok: 0, err: 0 };
      if ((outcome as { resolved?: unknown }).resolved !== undefined) t.ok++;
      else t.err++;
      seen.set(name, t);
    };
    await runDifferential(fsp, fsp, {
      seeds: [7, 8, 9, 10],
      steps: 500,
      onStep: (step, expected) => {
        if (step.kind === 'call') note(`${step.call.on === 'fsp' ? '' : 'fh.'}${step.call.method}`, expected);
        else if (step.kind === 'parallel') step.calls.forEach((c, i) => note(`parallel ${c.method}`, (expected as unknown[])[i]));
      },
    });
    const succeeded = [...seen].filter(([, t]) => t.ok > 0).map(([n]) => n);
    const failed = [...seen].filter(([, t]) => t.err > 0).map(([n]) => n);
    for (const name of ['open', 'fh.read', 'fh.write', 'fh.readv', 'fh.writev', 'stat', 'lstat', 'fh.stat', 'truncate', 'fh.truncate',
      'fh.close', 'readFile', 'writeFile', 'appendFile', 'fh.readFile', 'fh.writeFile', 'rename', 'unlink', 'mkdir', 'rm',
      'symlink', 'readdir', 'parallel write', 'parallel open', 'parallel writeFile']) {
      expect(succeeded).toContain(name);
    }
    for (const name of ['open', 'fh.read', 'fh.write', 'stat', 'readFile', 'writeFile', 'rename', 'unlink', 'mkdir', 'rmdir', 'link']) {
      expect(failed).toContain(name);
    }
  });

  test('a wrong result is reported with seed, step and both outcomes', async () => {
    const r = await runDifferential(fsp, mutant({
      stat: async (...a) => {
        const s = (await (fsp.stat as AnyFn)(...a)) as { size: number };
        s.size += 1;
        return s;
      },
    }), opts);
    expect(r.differences).toHaveLength(2);
    expect(r.differences[0].what).toMatch(/\bstat\(/);
    expect(formatDifferences(r.differences)).toMatch(/^seed 7 step \d+: [\s\S]*stat\(/);
  });

  test('a wrong error message is reported', async () => {
    const r = await runDifferential(fsp, mutant({
      open: async (...a) => {
        try {
          return await (fsp.open as AnyFn)(...a);
        } catch (e) {
          (e as Error).message = (e as Error).message.replace(/ '.*'$/, '');
          throw e;
        }
      },
    }), opts);
    expect(r.differences.length).toBeGreaterThan(0);
    expect(r.differences[0].what).toMatch(/\bopen\(/);
    expect(JSON.stringify(r.differences[0].expected)).toMatch(/"message":"E[A-Z]+: [^"]*, open '/);
  });

  test('wrong file contents are reported from the tree comparison', async () => {
    const r = await runDifferential(fsp, mutant({
      writeFile: async (...a) => {
        await (fsp.writeFile as AnyFn)(...a);
        if (typeof a[0] === 'string') await fsp.appendFile(a[0], '!');
      },
    }), opts);
    expect(r.differences.length).toBeGreaterThan(0);
    expect(formatDifferences(r.differences)).toMatch(/trees differ|sha1|size/);
  });

  test('a call that never settles is reported instead of hanging the run', async () => {
    const r = await runDifferential(fsp, mutant({ readdir: () => new Promise(() => {}) }), { seeds: [7], steps: 300, timeoutMs: 200 });
    expect(r.differences).toHaveLength(1);
    expect(JSON.stringify(r.differences[0].actual)).toMatch(/did not settle/);
  });
});
