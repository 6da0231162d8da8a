// C reference for the benchmark: the same workloads as the JS backends, written directly
// against liburing, so the harness can report how close the JS paths get to the limit.
//
//   ref <workload> [key=value ...]      prints one JSON line: {"ops":N,"secs":S,...}
//
// workloads: nop batch=N | randread file=F qd=N | seqread file=F qd=N | seqwrite file=F qd=N |
//            readfile list=L qd=N | stat list=L qd=N | writefsync dir=D qd=N
// common keys: ms=<duration> warm=<warm-up ms> flags=<IORING_SETUP_* bits> regfd=1 fixed=1 lat=1
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_QD 1024
#define MAX_LAT (1 << 22)

static const char *opt(int argc, char **argv, const char *key, const char *def) {
  size_t k = strlen(key);
  for (int i = 2; i < argc; i++)
    if (strncmp(argv[i], key, k) == 0 && argv[i][k] == '=') return argv[i] + k + 1;
  return def;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *what, int err) {
  fprintf(stderr, "ref: %s: %s\n", what, strerror(err < 0 ? -err : err));
  exit(1);
}

static uint64_t rng = 88172645463325252ULL;
static inline uint64_t xorshift(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static struct io_uring ring;
static int use_fixed;
static double *lat;
static long nlat;
static int want_lat;

// Per-slot state for the multi-step workloads.
struct slot {
  int stage;
  int fd;
  long file;
  double t0;
  char *buf;
};
static struct slot slots[MAX_QD];

// Paths of the small files, one per line in the list file.
static char **paths;
static long npaths;

static void load_list(const char *list) {
  if (paths) return;  // the warm-up run loaded it already
  FILE *f = fopen(list, "r");
  if (!f) die(list, errno);
  size_t cap = 1024;
  paths = malloc(cap * sizeof *paths);
  char line[4096];
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = 0;
    if (!line[0]) continue;
    if ((size_t)npaths == cap) paths = realloc(paths, (cap *= 2) * sizeof *paths);
    paths[npaths++] = strdup(line);
  }
  fclose(f);
  if (npaths == 0) die("empty list", EINVAL);
}

static struct io_uring_sqe *get_sqe(void) {
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
  if (!sqe) {
    io_uring_submit(&ring);
    sqe = io_uring_get_sqe(&ring);
  }
  if (!sqe) die("get_sqe", EBUSY);
  return sqe;
}

static void record(double t0) {
  if (want_lat && nlat < MAX_LAT) lat[nlat++] = now() - t0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

// ---- workloads: each runs until `until` and returns the number of operations done ----

static long run_nop(int batch, double until) {
  long ops = 0;
  struct io_uring_cqe *cqe;
  while (now() < until) {
    for (int i = 0; i < batch; i++) io_uring_prep_nop(get_sqe());
    io_uring_submit_and_wait(&ring, batch);
    unsigned head, n = 0;
    io_uring_for_each_cqe(&ring, head, cqe) n++;
    io_uring_cq_advance(&ring, n);
    ops += n;
  }
  return ops;
}

// Queues slot i's next read or write: at a random block, or the next sequential one.
static void queue_rw(int fd, int i, size_t bs, int write, int random, long blocks, off_t *next) {
  struct io_uring_sqe *sqe = get_sqe();
  off_t off;
  if (random) off = (off_t)(xorshift() % blocks) * bs;
  else { off = *next; *next = (*next + bs) % (blocks * bs); }
  if (use_fixed) {
    if (write) io_uring_prep_write_fixed(sqe, fd, slots[i].buf, bs, off, i);
    else io_uring_prep_read_fixed(sqe, fd, slots[i].buf, bs, off, i);
  } else {
    if (write) io_uring_prep_write(sqe, fd, slots[i].buf, bs, off);
    else io_uring_prep_read(sqe, fd, slots[i].buf, bs, off);
  }
  sqe->user_data = i;
}

// Keeps qd reads or writes of `bs` bytes in flight; random offsets, or sequential ones.
static long run_rw(int fd, off_t size, int qd, size_t bs, int write, int random, double until) {
  long ops = 0;
  off_t next = 0;
  long blocks = size / bs;
  struct io_uring_cqe *cqe;
  for (int i = 0; i < qd; i++) {
    if (!slots[i].buf && posix_memalign((void **)&slots[i].buf, 4096, bs)) die("alloc", ENOMEM);
    memset(slots[i].buf, 'x', bs);
  }
  if (use_fixed) {
    struct iovec iov[MAX_QD];
    for (int i = 0; i < qd; i++) iov[i] = (struct iovec){slots[i].buf, bs};
    int r = io_uring_register_buffers(&ring, iov, qd);
    if (r < 0) die("register_buffers", r);
  }
  for (int i = 0; i < qd; i++) {
    queue_rw(fd, i, bs, write, random, blocks, &next);
    slots[i].t0 = now();
  }
  int stop = 0, inflight = qd;
  while (inflight > 0) {
    io_uring_submit_and_wait(&ring, 1);
    unsigned head, n = 0;
    double t = want_lat ? now() : 0;
    if (!stop && now() >= until) stop = 1;
    io_uring_for_each_cqe(&ring, head, cqe) {
      n++;
      int i = (int)cqe->user_data;
      if (cqe->res != (int)bs) die(write ? "write" : "read", cqe->res < 0 ? cqe->res : EIO);
      if (want_lat && nlat < MAX_LAT) lat[nlat++] = t - slots[i].t0;
      ops++;
      if (stop) { inflight--; continue; }
      queue_rw(fd, i, bs, write, random, blocks, &next);
      if (want_lat) slots[i].t0 = now();
    }
    io_uring_cq_advance(&ring, n);
  }
  if (use_fixed) io_uring_unregister_buffers(&ring);
  return ops;
}

enum { OPEN, READ, WRITE, FSYNC, CLOSE, STAT };
static struct statx stx[MAX_QD];
static long next_file;
static const char *wdir;
static char wpath[MAX_QD][512];

static void start(int i, int kind) {
  struct slot *s = &slots[i];
  struct io_uring_sqe *sqe = get_sqe();
  s->t0 = now();
  if (kind == STAT) {
    s->file = next_file++ % npaths;
    io_uring_prep_statx(sqe, AT_FDCWD, paths[s->file], 0, STATX_BASIC_STATS, &stx[i]);
    s->stage = STAT;
  } else if (kind == READ) {  // readfile: open -> read until EOF -> close
    s->file = next_file++ % npaths;
    io_uring_prep_openat(sqe, AT_FDCWD, paths[s->file], O_RDONLY | O_CLOEXEC, 0);
    s->stage = OPEN;
  } else {  // writefsync: open(O_CREAT|O_TRUNC) -> write 4 KiB -> fsync -> close
    s->file = next_file++;
    snprintf(wpath[i], sizeof wpath[i], "%s/c-%d-%ld", wdir, i, s->file % 64);
    io_uring_prep_openat(sqe, AT_FDCWD, wpath[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    s->stage = OPEN;
  }
  sqe->user_data = i;
}

static long run_files(int qd, int kind, double until) {
  long ops = 0;
  size_t bs = kind == READ ? 65536 : 4096;
  for (int i = 0; i < qd; i++) {
    if (!slots[i].buf && posix_memalign((void **)&slots[i].buf, 4096, 65536)) die("alloc", ENOMEM);
    memset(slots[i].buf, 'w', 4096);
    start(i, kind);
  }
  int stop = 0, inflight = qd;
  struct io_uring_cqe *cqe;
  while (inflight > 0) {
    io_uring_submit_and_wait(&ring, 1);
    unsigned head, n = 0;
    if (!stop && now() >= until) stop = 1;
    io_uring_for_each_cqe(&ring, head, cqe) {
      n++;
      int i = (int)cqe->user_data, res = cqe->res;
      struct slot *s = &slots[i];
      if (res < 0) die("file op", res);
      struct io_uring_sqe *sqe;
      switch (s->stage) {
        case STAT:
          ops++;
          record(s->t0);
          if (stop) inflight--; else start(i, kind);
          break;
        case OPEN:
          s->fd = res;
          sqe = get_sqe();
          if (kind == READ) io_uring_prep_read(sqe, s->fd, s->buf, bs, -1), s->stage = READ;
          else io_uring_prep_write(sqe, s->fd, s->buf, bs, 0), s->stage = WRITE;
          sqe->user_data = i;
          break;
        case READ:
          sqe = get_sqe();
          if (res > 0) io_uring_prep_read(sqe, s->fd, s->buf, bs, -1);
          else io_uring_prep_close(sqe, s->fd), s->stage = CLOSE;
          sqe->user_data = i;
          break;
        case WRITE:
          sqe = get_sqe();
          io_uring_prep_fsync(sqe, s->fd, 0);
          sqe->user_data = i;
          s->stage = FSYNC;
          break;
        case FSYNC:
          sqe = get_sqe();
          io_uring_prep_close(sqe, s->fd);
          sqe->user_data = i;
          s->stage = CLOSE;
          break;
        case CLOSE:
          ops++;
          record(s->t0);
          if (stop) inflight--; else start(i, kind);
          break;
      }
    }
    io_uring_cq_advance(&ring, n);
  }
  return ops;
}

static long run(const char *w, int argc, char **argv, double until) {
  int qd = atoi(opt(argc, argv, "qd", "1"));
  if (qd < 1 || qd > MAX_QD) die("qd", EINVAL);
  if (!strcmp(w, "nop")) return run_nop(atoi(opt(argc, argv, "batch", "1")), until);
  if (!strcmp(w, "randread") || !strcmp(w, "seqread") || !strcmp(w, "seqwrite")) {
    int write = !strcmp(w, "seqwrite");
    const char *file = opt(argc, argv, "file", NULL);
    if (!file) die("file=", EINVAL);
    int fd = open(file, write ? O_WRONLY : O_RDONLY);
    if (fd < 0) die(file, errno);
    struct stat st;
    fstat(fd, &st);
    size_t bs = (size_t)atol(opt(argc, argv, "bs", w[0] == 'r' ? "4096" : "1048576"));
    long ops = run_rw(fd, st.st_size, qd, bs, write, w[0] == 'r', until);
    close(fd);
    return ops;
  }
  if (!strcmp(w, "readfile") || !strcmp(w, "stat")) {
    load_list(opt(argc, argv, "list", ""));
    return run_files(qd, w[0] == 'r' ? READ : STAT, until);
  }
  if (!strcmp(w, "writefsync")) {
    wdir = opt(argc, argv, "dir", NULL);
    if (!wdir) die("dir=", EINVAL);
    return run_files(qd, WRITE, until);
  }
  die(w, EINVAL);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: ref <workload> [key=value ...]\n");
    return 2;
  }
  const char *w = argv[1];
  double ms = atof(opt(argc, argv, "ms", "500"));
  double warm = atof(opt(argc, argv, "warm", "100"));
  unsigned flags = (unsigned)strtoul(opt(argc, argv, "flags", "0"), NULL, 0);
  use_fixed = atoi(opt(argc, argv, "fixed", "0"));
  int entries = atoi(opt(argc, argv, "entries", "256"));
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  p.flags = flags;
  int r = io_uring_queue_init_params(entries, &ring, &p);
  if (r < 0) die("io_uring_queue_init", r);
  if (atoi(opt(argc, argv, "regfd", "0"))) {
    r = io_uring_register_ring_fd(&ring);
    if (r < 0) die("register_ring_fd", r);
  }

  if (atoi(opt(argc, argv, "evfd", "0"))) {  // what an eventfd wakeup (as Node's Ring has) costs
    r = io_uring_register_eventfd(&ring, eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (r < 0) die("register_eventfd", r);
  }

  if (warm > 0) run(w, argc, argv, now() + warm / 1000);
  next_file = 0;
  want_lat = atoi(opt(argc, argv, "lat", "0"));
  if (want_lat) lat = malloc(MAX_LAT * sizeof *lat);
  double t0 = now();
  long ops = run(w, argc, argv, t0 + ms / 1000);
  double secs = now() - t0;
  printf("{\"ops\":%ld,\"secs\":%.6f", ops, secs);
  if (want_lat && nlat > 0) {
    qsort(lat, nlat, sizeof *lat, cmp_double);
    printf(",\"p50us\":%.3f,\"p99us\":%.3f", lat[nlat / 2] * 1e6, lat[(long)(nlat * 0.99)] * 1e6);
  }
  printf("}\n");
  io_uring_queue_exit(&ring);
  return 0;
}
