// A MemlockError says that the kernel counts locked memory per user, across processes: a limit
// that looks big enough for this process can be used up by the user's other processes.
import { MemlockError } from '../lib/index';

test('the message names the limit, the bytes asked for, the per-user count and how to raise the limit', () => {
  const e = new MemlockError(65536, 131072, 'io_uring_setup');
  expect(e.message).toContain('131072 bytes of locked memory were asked for and RLIMIT_MEMLOCK is 65536 bytes');
  expect(e.message).toContain('the kernel counts locked memory per user, across all their processes');
  expect(e.message).toContain('`ulimit -l`');
  expect(e).toMatchObject({ code: 'ENOMEM', errno: -12, syscall: 'io_uring_setup', limitBytes: 65536, requestedBytes: 131072 });
});
