// Transpiles test/helpers/*.ts to plain JS once per process so that child processes
// (e.g. under the seccomp helper) can run a helper with nothing but node.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

let compiled: string | undefined;

/** The folder holding the compiled helpers (same base names, .js). */
export function compiledHelpers(): string {
  if (compiled) return compiled;
  const out = path.join(tmpdir(), `uring-test-helpers-js-${process.pid}`);
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(path.join(__dirname, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  compiled = out;
  return out;
}

/** Removes the compiled helpers (call from afterAll). */
export function removeCompiledHelpers(): void {
  if (compiled) rmSync(compiled, { recursive: true, force: true });
  compiled = undefined;
}
