// setupCheck() -> 0 | -errno: whether this process may create io_uring instances, asked
// without creating one (a ring would be charged to RLIMIT_MEMLOCK, and its memory is given
// back only when the kernel's asynchronous teardown has run). io_uring_setup with a NULL
// params pointer is refused by seccomp and kernel.io_uring_disabled (EPERM) or a kernel
// without io_uring (ENOSYS) before it reads its arguments; otherwise it fails with EFAULT.
#include <errno.h>
#include <linux/capability.h>
#include <sys/resource.h>
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

// memlock() -> [soft RLIMIT_MEMLOCK in bytes (-1: unlimited), CAP_IPC_LOCK in the effective set]:
// what /proc/self/limits and /proc/self/status say, without reading them (the backend check runs
// at every start of a registered process, and those two reads cost it the better part of a ms).
Napi::Value Memlock(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct rlimit lim;
  double soft = -1;
  if (getrlimit(RLIMIT_MEMLOCK, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) soft = static_cast<double>(lim.rlim_cur);
  __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
  bool ipcLock = syscall(SYS_capget, &header, data) == 0 && (data[CAP_IPC_LOCK / 32].effective & (1u << (CAP_IPC_LOCK % 32))) != 0;
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(uint32_t{0}, Napi::Number::New(env, soft));
  result.Set(uint32_t{1}, Napi::Boolean::New(env, ipcLock));
  return result;
}

}  // namespace uring
