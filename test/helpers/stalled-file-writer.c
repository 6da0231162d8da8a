// Holds a file's inode lock until told to let go: write()s TEXT at offset 0 from a page whose
// fault userfaultfd leaves unresolved (the write faults its source in under the lock). Another
// write to the file then sleeps uninterruptibly in the lock, where no cancel reaches it, as on
// a hung FUSE or NFS mount. Usage: stalled-file-writer FILE TEXT. Prints "stalled" once the
// write is stuck; a line on stdin resolves the fault (the write completes); EOF or 20 s end it.
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static int file;
static char* page;
static size_t len;

static void* writer(void* arg) {
  (void)arg;
  if (pwrite(file, page, len, 0) != (ssize_t)len) exit(3);
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  alarm(20);  // never outlive a test that failed
  long size = sysconf(_SC_PAGESIZE);
  len = strlen(argv[2]);
  int uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
  struct uffdio_api api = {.api = UFFD_API};
  if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api) < 0) return perror("userfaultfd"), 4;
  page = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  struct uffdio_register reg = {.range = {(unsigned long)page, (unsigned long)size}, .mode = UFFDIO_REGISTER_MODE_MISSING};
  if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0) return perror("UFFDIO_REGISTER"), 5;
  file = open(argv[1], O_RDWR | O_CREAT, 0600);
  if (file < 0) return perror("open"), 6;
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  struct pollfd p = {.fd = uffd, .events = POLLIN};
  struct uffd_msg msg;
  if (poll(&p, 1, -1) != 1 || read(uffd, &msg, sizeof msg) != sizeof msg) return 7;
  puts("stalled");
  fflush(stdout);
  char line[16];
  if (fgets(line, sizeof line, stdin) == NULL) return 0;
  char* src = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memcpy(src, argv[2], len);
  struct uffdio_copy copy = {.dst = (unsigned long)page, .src = (unsigned long)src, .len = (unsigned long)size};
  if (ioctl(uffd, UFFDIO_COPY, &copy) < 0) return perror("UFFDIO_COPY"), 8;
  pthread_join(t, NULL);
  puts("written");
  fflush(stdout);
  return 0;
}
