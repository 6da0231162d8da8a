// Child processes of a registered application inherit the preload (fork passes execArgv on,
// every child gets NODE_OPTIONS) but resolve `uring/register` from their own cwd, where uring
// may not be installed: node then refuses to start them. So register names itself by its path
// in both, once it has loaded (node parsed them already; only children read them again).
import { pathToFileURL } from 'node:url';

const FLAG = /^(?:-r|--require|--import)$/;
const JOINED = /^(--require=|--import=)uring\/register$/;
// In NODE_OPTIONS: a preload flag, `=` or spaces, then the bare name as a whole word.
const IN_OPTIONS = /(^|\s)(-r|--require|--import)(=|\s+)uring\/register(?=\s|$)/g;

/** `file` (this module) as `flag` takes it: a path for --require, a file: URL for --import. */
function target(flag: string, file: string): string {
  return flag.startsWith('--import') ? pathToFileURL(file).href : file;
}

// NODE_OPTIONS takes a double-quoted string with backslash escapes.
const quoted = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

export function registerChildren(file: string): void {
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === 'uring/register' && i > 0 && FLAG.test(argv[i - 1])) argv[i] = target(argv[i - 1], file);
    const joined = JOINED.exec(argv[i]);
    if (joined) argv[i] = joined[1] + target(joined[1], file);
  }
  const options = process.env.NODE_OPTIONS;
  if (options?.includes('uring/register')) {
    process.env.NODE_OPTIONS = options.replace(IN_OPTIONS, (_, space: string, flag: string, sep: string) => `${space}${flag}${sep}${quoted(target(flag, file))}`);
  }
}
