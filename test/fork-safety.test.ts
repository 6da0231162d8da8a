// fork: the ring mappings are MADV_DONTFORK ("dc" in smaps VmFlags) and the ring fd and its
// eventfd are close-on-exec, so a spawned program inherits neither.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Ring } from '../lib';

const O_CLOEXEC = 0o2000000;

function fds(): Map<number, string> {
  const out = new Map<number, string>();
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      out.set(Number(name), readlinkSync(`/proc/self/fd/${name}`));
    } catch {
      // the directory's own fd, gone by now
    }
  }
  return out;
}

function fdFlags(fd: number): number {
  const m = readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').match(/^flags:\s*([0-7]+)$/m);
  if (!m) throw new Error(`no flags in fdinfo of ${fd}`);
  return parseInt(m[1], 8);
}

let ring: Ring;
let before: Map<number, string>;
beforeEach(() => {
  before = fds();
  ring = new Ring({ entries: 8 });
});
afterEach(() => ring.close());

/** smaps blocks of the io_uring mappings of this process, by their address range. */
function ringMappings(): Map<string, string> {
  const blocks = readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
  return new Map(blocks.filter((b) => b.split('\n')[0].includes('[io_uring]')).map((b) => [b.split(' ')[0], b]));
}

// Node 22+ has io_uring rings of libuv's own (not MADV_DONTFORK): only the new ring's mappings count.
test('every mapping of a ring is marked dc (MADV_DONTFORK)', () => {
  const others = ringMappings();
  const mine = new Ring({ entries: 8 });
  try {
    const added = [...ringMappings()].filter(([range]) => !others.has(range));
    expect(added.length).toBeGreaterThanOrEqual(2); // the rings and the SQE array
    for (const [, b] of added) {
      const flags = b.match(/^VmFlags:(.*)$/m)?.[1].trim().split(/\s+/) ?? [];
      expect(flags).toContain('dc');
    }
  } finally {
    mine.close();
  }
});

test('the ring fd and its eventfd are close-on-exec', () => {
  const added = [...fds()].filter(([fd]) => !before.has(fd));
  const kinds = added.map(([, target]) => target).sort();
  expect(kinds).toEqual(['anon_inode:[eventfd]', 'anon_inode:[io_uring]']);
  expect(added.map(([fd]) => fd)).toContain(ring.fd);
  for (const [fd] of added) expect(fdFlags(fd) & O_CLOEXEC).toBe(O_CLOEXEC);
});

test('a spawned program inherits neither', () => {
  const listing = execFileSync('/bin/sh', ['-c', 'ls -l /proc/$$/fd'], { encoding: 'utf8' });
  expect(listing).not.toContain('io_uring');
  expect(listing).not.toContain('eventfd');
});
