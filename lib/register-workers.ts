// Worker threads started by a registered application are registered too. `-r uring/register`
// reaches them by itself (a worker inherits its parent's execArgv and runs its -r preloads), but
// node runs no `--import` preload in a worker: so then `Worker` is wrapped to start each worker
// with `--require` of register as well (once: a thread loads a module once). Under -r it is not
// wrapped: node:worker_threads would load at every start (about 1.7 ms) for what node does anyway.
import { debug } from './promises/debug';

type WorkerCtor = new (filename: unknown, options?: Record<string, unknown>) => object;
type Options = Record<string, unknown> | undefined;

function withPreload(options: Options, execArgv: string[], preload: string): Options {
  if (execArgv.some((arg, i) => arg === preload || (i > 0 && (execArgv[i - 1] === '-r' || execArgv[i - 1] === '--require') && /uring\/register$/.test(arg)))) {
    return options;
  }
  return { ...options, execArgv: [...execArgv, '--require', preload] };
}

// An inherited execArgv may hold process-wide flags (--max-old-space-size, --expose-gc, ...)
// that node refuses in a worker's own execArgv, and names them: they apply to the whole process
// already, so the worker starts without them.
function withoutRefused(options: Options, err: Error): Options {
  const refused = new Set(err.message.replace(/^[^:]*:\s*/, '').split(/,\s*/));
  return { ...options, execArgv: (options!.execArgv as string[]).filter((arg) => !refused.has(arg)) };
}

const isRefusal = (err: unknown): err is Error => (err as { code?: unknown })?.code === 'ERR_WORKER_INVALID_EXEC_ARGV';

const PRELOAD = /^(?:-r|--require)$/;

/** Whether `preload` was given to node with -r/--require (in execArgv or NODE_OPTIONS): workers inherit those. */
function requiredByNode(preload: string): boolean {
  const names = (arg: string | undefined): boolean => arg !== undefined && (arg === preload || /uring\/register$/.test(arg));
  const options = (process.env.NODE_OPTIONS ?? '').split(/\s+/).map((arg) => arg.replace(/^"|"$/g, ''));
  return [process.execArgv, options].some((args) => args.some((arg, i) =>
    (PRELOAD.test(arg) && names(args[i + 1])) || (arg.startsWith('--require=') && names(arg.slice('--require='.length)))));
}

/** Replaces worker_threads.Worker with a constructor that preloads `preload` in each worker (unless node does). */
export function registerWorkers(preload: string): void {
  if (requiredByNode(preload)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as { Worker: WorkerCtor };
  const NodeWorker = threads.Worker;
  function Worker(this: unknown, filename: unknown, options?: Options): object {
    if (new.target === undefined) return (NodeWorker as unknown as (f: unknown) => object)(filename); // node's TypeError
    const explicit = options !== null && typeof options === 'object' && options.execArgv !== undefined;
    if (options !== undefined && (options === null || typeof options !== 'object')) return Reflect.construct(NodeWorker, [filename, options], new.target);
    const inherited = explicit ? (options!.execArgv as string[]) : process.execArgv;
    if (!Array.isArray(inherited)) return Reflect.construct(NodeWorker, [filename, options], new.target); // node's error
    let preloaded = withPreload(options, inherited, preload);
    if (preloaded === options) return Reflect.construct(NodeWorker, [filename, options], new.target);
    for (let attempt = 0; ; attempt++) {
      try {
        return Reflect.construct(NodeWorker, [filename, preloaded], new.target);
      } catch (err) {
        if (explicit || !isRefusal(err) || attempt > 0) throw err;
        preloaded = withoutRefused(preloaded, err);
        debug('a worker starts without the flags node refuses in a worker: %s', err.message);
      }
    }
  }
  Object.setPrototypeOf(Worker, NodeWorker);
  Worker.prototype = Object.create(NodeWorker.prototype, { constructor: { value: Worker, writable: true, configurable: true } });
  threads.Worker = Worker as unknown as WorkerCtor;
}
