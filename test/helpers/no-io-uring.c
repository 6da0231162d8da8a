// no-io-uring [--errno=N] command [args...]
// Runs a command with the io_uring syscalls refused by a seccomp filter, the way Docker's
// default profile refuses them (EPERM unless --errno says otherwise, e.g. 38 for ENOSYS).
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define REFUSE(nr) \
  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA))

int main(int argc, char **argv) {
  unsigned err = EPERM;
  int first = 1;
  if (argc > 1 && strncmp(argv[1], "--errno=", 8) == 0) {
    err = (unsigned)atoi(argv[1] + 8);
    first = 2;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: %s [--errno=N] command [args...]\n", argv[0]);
    return 2;
  }
  struct sock_filter filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    REFUSE(__NR_io_uring_setup),
    REFUSE(__NR_io_uring_enter),
    REFUSE(__NR_io_uring_register),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = { .len = sizeof filter / sizeof filter[0], .filter = filter };
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
    perror("seccomp");
    return 1;
  }
  execvp(argv[first], argv + first);
  perror("execvp");
  return 127;
}
