// setupCheck() -> 0 | -errno: whether this process may create io_uring instances, asked
// without creating one (a ring would be charged to RLIMIT_MEMLOCK, and its memory is given
// back only when the kernel's asynchronous teardown has run). io_uring_setup with a NULL
// params pointer is refused by seccomp and kernel.io_uring_disabled (EPERM) or a kernel
// without io_uring (ENOSYS) before it reads its arguments; otherwise it fails with EFAULT.
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ring.h"

namespace uring {

Napi::Value SetupCheck(const Napi::CallbackInfo& info) {
  long ret = syscall(__NR_io_uring_setup, 0, nullptr);
  int err = ret < 0 ? errno : 0;
  if (ret >= 0) close(static_cast<int>(ret));  // cannot happen with NULL params; never leak an fd if it does
  bool allowed = ret >= 0 || err == EFAULT || err == EINVAL;
  return Napi::Number::New(info.Env(), allowed ? 0 : -err);
}

}  // namespace uring
