// The published declarations (dist/*.d.ts): nothing internal, and a doc comment (hover text)
// on every public Ring member, Ring option, error field and SQE flag.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { constants as uring } from '../lib';

const dist = path.resolve(__dirname, '..', 'dist');

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? declarationFiles(path.join(dir, e.name)) : e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
}

test('no .d.ts names the internals that uring/promises and tests share with the Ring', () => {
  const leaks = declarationFiles(dist).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return ['teardownCancel', 'prepRwChecked', 'not exported by'].filter((word) => text.includes(word))
      .map((word) => `${path.relative(dist, file)}: ${word}`);
  });
  expect(leaks).toEqual([]);
});

const program = ts.createProgram([path.join(dist, 'index.d.ts')], { strict: true, noEmit: true, types: ['node'], skipLibCheck: true });
const checker = program.getTypeChecker();
const entry = checker.getSymbolAtLocation(program.getSourceFile(path.join(dist, 'index.d.ts'))!)!;
const exported = new Map(checker.getExportsOfModule(entry).map((s) => [s.name, s]));

/** Members of an exported class's instances or an interface, or of the object a const names, without a doc comment. */
function undocumented(name: string, members: (sym: ts.Symbol) => ts.Symbol[]): string[] {
  let sym = exported.get(name)!;
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const missing = members(sym).filter((m) => !m.name.startsWith('#') && ts.displayPartsToString(m.getDocumentationComment(checker)).trim() === '');
  return missing.map((m) => `${name}.${m.name}`);
}

test('errors.d.ts declares the public errors only, not the helpers the package builds them with', () => {
  const errors = checker.getSymbolAtLocation(program.getSourceFile(path.join(dist, 'errors.d.ts'))!)!;
  expect(checker.getExportsOfModule(errors).map((s) => s.name).sort()).toEqual(['FsError', 'MemlockError', 'UringError', 'cqeError']);
});

const instanceMembers = (sym: ts.Symbol): ts.Symbol[] =>
  checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(sym)).filter((m) => m.declarations?.some((d) => d.getSourceFile().fileName.startsWith(dist)));

test('every public Ring member, Ring option and error field has a doc comment', () => {
  const missing = [
    ...undocumented('Ring', (s) => [s, ...instanceMembers(s)]),
    ...undocumented('RingOptions', instanceMembers),
    ...undocumented('UringError', (s) => [s, ...instanceMembers(s)]),
    ...undocumented('MemlockError', (s) => [s, ...instanceMembers(s)]),
    ...undocumented('cqeError', (s) => [s]),
    ...undocumented('probe', (s) => [s]),
    ...undocumented('BufferRing', (s) => [s, ...instanceMembers(s)]),
    ...undocumented('socketAddress', (s) => [s]),
  ];
  expect(missing).toEqual([]);
});

test('constants.sqeFlags says of each flag whether the builders accept it, as SUPPORTED_SQE_FLAGS does', () => {
  const constants = checker.getAliasedSymbol(exported.get('constants')!);
  const sqeFlags = checker.getExportsOfModule(constants).find((s) => s.name === 'sqeFlags')!;
  const flags = checker.getPropertiesOfType(checker.getTypeOfSymbol(sqeFlags));
  const marks = flags.map((f) => [f.name, /builders (accept|refuse)/.exec(ts.displayPartsToString(f.getDocumentationComment(checker)))?.[1]]);
  const accepted = (name: string): string => ((uring.sqeFlags as Record<string, number>)[name] & uring.SUPPORTED_SQE_FLAGS ? 'accept' : 'refuse');
  expect(marks).toEqual(Object.keys(uring.sqeFlags).map((name) => [name, accepted(name)]));
  expect(marks.filter(([, mark]) => mark === 'refuse').map(([name]) => name)).toEqual(['BUFFER_SELECT', 'CQE_SKIP_SUCCESS']);
});
