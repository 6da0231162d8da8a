#include "ring.h"

#include <errno.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <vector>

namespace uring {

namespace {

constexpr uint64_t kDrainUserData = ~0ULL;
// How long teardown waits, without progress, for in-flight operations that refuse to be cancelled.
constexpr uint32_t kDrainMs = 10000;
constexpr uint32_t kDrainRoundMs = 100;
// user_data high words of MSG_RING messages (lib/ring/ops-msg.ts): they answer no SQE of this ring.
constexpr uint32_t kMsgHi = 0x80000000u;
constexpr uint32_t kMsgHiMax = 0x801fffffu;

// One line per process, whichever thread or ring leaks first.
std::atomic<bool> leakReported{false};

void ReportLeak() {
  if (leakReported.exchange(true)) return;
  fprintf(stderr,
          "uring: io_uring operations were still running when a ring was torn down; the ring and its buffers are "
          "leaked so that the kernel never writes into freed memory (reported once per process)\n");
}

bool ArgUint32(const Napi::CallbackInfo& info, size_t i, uint32_t* out) {
  if (info.Length() <= i || !info[i].IsNumber()) return false;
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0) || d != static_cast<double>(static_cast<uint32_t>(d))) return false;
  *out = static_cast<uint32_t>(d);
  return true;
}

Napi::Value ThrowType(Napi::Env env, const char* msg) {
  Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
  return env.Undefined();
}

// Data pointer and length of a TypedArray or DataView, or false.
bool ViewInfo(napi_env env, napi_value v, void** data, size_t* len) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
    napi_typedarray_type type;
    size_t count;
    napi_value ab;
    size_t offset;
    if (napi_get_typedarray_info(env, v, &type, &count, data, &ab, &offset) != napi_ok) return false;
    size_t elem = 1;
    switch (type) {
      case napi_int16_array: case napi_uint16_array: elem = 2; break;
      case napi_int32_array: case napi_uint32_array: case napi_float32_array: elem = 4; break;
      case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: elem = 8; break;
      default: elem = 1;
    }
    *len = count * elem;
    return true;
  }
  if (napi_is_dataview(env, v, &is) == napi_ok && is) {
    napi_value ab;
    size_t offset;
    return napi_get_dataview_info(env, v, len, data, &ab, &offset) == napi_ok;
  }
  return false;
}

// The supplementary group list (one getgroups call when it fits the stack buffer).
std::vector<gid_t> Groups() {
  gid_t buf[64];
  int n = getgroups(64, buf);
  if (n >= 0) return std::vector<gid_t>(buf, buf + n);
  n = getgroups(0, nullptr);
  std::vector<gid_t> all(n > 0 ? n : 0);
  n = getgroups(static_cast<int>(all.size()), all.data());
  all.resize(n > 0 ? n : 0);
  return all;
}

// Compares without allocating in the common case: this runs on every enter.
bool SameGroups(const std::vector<gid_t>& want) {
  gid_t buf[64];
  int n = getgroups(64, buf);
  if (n < 0) return Groups() == want;
  return static_cast<size_t>(n) == want.size() && std::equal(buf, buf + n, want.begin());
}

}  // namespace

struct NativeRing::Wakeup {
  uv_poll_t handle;
  int fd;
};

namespace {

// An instance method through raw Node-API. node-addon-api's own wrapper unwraps `this` and,
// when Node refuses because a worker's environment is going away, builds an Error, which can
// fail in turn and abort the process. Here a refused unwrap returns undefined: no JS runs after it.
template <Napi::Value (NativeRing::*Method)(const Napi::CallbackInfo&)>
napi_value CallMethod(napi_env env, napi_callback_info info) {
  napi_value self;
  size_t argc = 0;
  if (napi_get_cb_info(env, info, &argc, nullptr, &self, nullptr) != napi_ok) return nullptr;
  void* ring = nullptr;
  if (napi_unwrap(env, self, &ring) != napi_ok || ring == nullptr) return nullptr;
  Napi::CallbackInfo callbackInfo(env, info);
  return (static_cast<NativeRing*>(ring)->*Method)(callbackInfo);
}

template <Napi::Value (NativeRing::*Method)(const Napi::CallbackInfo&)>
Napi::ClassPropertyDescriptor<NativeRing> Raw(const char* name) {
  return Napi::ClassPropertyDescriptor<NativeRing>(
      napi_property_descriptor{name, nullptr, CallMethod<Method>, nullptr, nullptr, nullptr, napi_default, nullptr});
}

}  // namespace

Napi::Function NativeRing::Init(Napi::Env env) {
  return DefineClass(env, "NativeRing", {
    Raw<&NativeRing::Setup>("setup"),
    Raw<&NativeRing::Layout>("layout"),
    Napi::ClassPropertyDescriptor<NativeRing>(
        napi_property_descriptor{"enter", nullptr, &NativeRing::Enter, nullptr, nullptr, nullptr, napi_default, nullptr}),
    Raw<&NativeRing::EnterTimed>("enterTimed"),
    Raw<&NativeRing::NoteMore>("noteMore"),
    Raw<&NativeRing::SetActive>("setActive"),
    Raw<&NativeRing::RegisterBuffers>("registerBuffers"),
    Raw<&NativeRing::UnregisterBuffers>("unregisterBuffers"),
    Raw<&NativeRing::RegisterFiles>("registerFiles"),
    Raw<&NativeRing::UnregisterFiles>("unregisterFiles"),
    Raw<&NativeRing::RegisterBufferRing>("registerBufferRing"),
    Raw<&NativeRing::UnregisterBufferRing>("unregisterBufferRing"),
    Raw<&NativeRing::Probe>("probe"),
    Raw<&NativeRing::CheckCredentials>("credentialsChanged"),
    Raw<&NativeRing::Close>("close"),
    Raw<&NativeRing::WaitCompletions>("waitCompletions"),
  });
}

NativeRing::NativeRing(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeRing>(info) {
  env_ = info.Env();
}

NativeRing::~NativeRing() {
  if (lastEntered == this) lastEntered = nullptr;
  Shutdown(false, kDrainMs);
}

// setup(entries, flags, cqEntries, sqThreadIdle, wake) -> 0 | -errno
Napi::Value NativeRing::Setup(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t entries, flags, cqEntries, idle;
  if (!ArgUint32(info, 0, &entries) || !ArgUint32(info, 1, &flags) || !ArgUint32(info, 2, &cqEntries) ||
      !ArgUint32(info, 3, &idle) || info.Length() < 5 || !info[4].IsFunction()) {
    return ThrowType(env, "setup(entries, flags, cqEntries, sqThreadIdle, wake[, resource])");
  }
  if (open_) return ThrowType(env, "ring already set up");

  io_uring_params p;
  std::memset(&p, 0, sizeof p);
  p.flags = flags;
  if (cqEntries) {
    p.flags |= IORING_SETUP_CQSIZE;
    p.cq_entries = cqEntries;
  }
  p.sq_thread_idle = idle;
  int ret = io_uring_queue_init_params(entries, &ring_, &p);
  if (ret < 0) return Napi::Number::New(env, ret);
  open_ = true;
  setupFlags_ = p.flags;
  features_ = p.features;
  sqEntries_ = p.sq_entries;
  sqMask_ = ring_.sq.ring_mask;
  cqEntries_ = p.cq_entries;
  uid_t suid;
  gid_t sgid;
  getresuid(&uid_, &euid_, &suid);
  getresgid(&gid_, &egid_, &sgid);
  groups_ = Groups();
  // Enter through the registered index (5.18+): saves an fget/fput per enter. Per thread, as the ring is.
  regRing_ = io_uring_register_ring_fd(&ring_) == 1;

  // Identity map of SQ slots to SQEs: JS then only writes the SQE and the tail.
  for (unsigned i = 0; i < sqEntries_; i++) ring_.sq.array[i] = i;

  // A forked child must not inherit (and scribble on) the parent's rings.
  madvise(ring_.sq.ring_ptr, ring_.sq.ring_sz, MADV_DONTFORK);
  if (ring_.cq.ring_ptr != ring_.sq.ring_ptr) madvise(ring_.cq.ring_ptr, ring_.cq.ring_sz, MADV_DONTFORK);
  size_t sqeSize = (setupFlags_ & IORING_SETUP_SQE128) ? 128 : 64;
  madvise(ring_.sq.sqes, sqeSize * sqEntries_, MADV_DONTFORK);

  wake_ = Napi::Persistent(info[4].As<Napi::Function>());
  wake_.Unref();  // weak until operations are in flight
  // The async resource JS passes (its hasRef() says whether the ring holds the loop open, which
  // tools such as jest --detectOpenHandles ask), or one napi makes when an older caller passes none.
  if (info.Length() > 5 && info[5].IsObject()) {
    asyncContext_ = std::make_unique<Napi::AsyncContext>(env, "uring:ring", info[5].As<Napi::Object>());
  } else {
    asyncContext_ = std::make_unique<Napi::AsyncContext>(env, "uring:ring");
  }
  napi_add_env_cleanup_hook(env, CleanupHook, this);
  hookAdded_ = true;

  ret = StartWakeup(env);
  if (ret < 0) {
    Shutdown(false, kDrainMs);
    return Napi::Number::New(env, ret);
  }
  return Napi::Number::New(env, 0);
}

int NativeRing::StartWakeup(Napi::Env env) {
  int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (fd < 0) return -errno;
  int ret = io_uring_register_eventfd(&ring_, fd);
  if (ret < 0) {
    close(fd);
    return ret;
  }
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) {
    io_uring_unregister_eventfd(&ring_);
    close(fd);
    return -EINVAL;
  }
  auto* w = new Wakeup();
  w->fd = fd;
  ret = uv_poll_init(loop, &w->handle, fd);
  if (ret < 0) {
    delete w;
    io_uring_unregister_eventfd(&ring_);
    close(fd);
    return ret;
  }
  w->handle.data = this;
  uv_poll_start(&w->handle, UV_READABLE, OnPoll);
  uv_unref(reinterpret_cast<uv_handle_t*>(&w->handle));  // an idle ring never keeps the loop alive
  wakeup_ = w;
  return 0;
}

void NativeRing::OnPoll(uv_poll_t* handle, int status, int events) {
  auto* self = static_cast<NativeRing*>(handle->data);
  if (self == nullptr || !self->open_) return;
  // A poll error (e.g. EBADF) would fire every loop turn: stop polling instead of calling JS each time.
  if (status < 0) {
    uv_poll_stop(handle);
    return;
  }
  uint64_t count;
  while (read(self->wakeup_->fd, &count, sizeof count) > 0) {
  }
  Napi::Env env(self->env_);
  Napi::HandleScope scope(env);
  if (self->wake_.IsEmpty()) return;
  Napi::Function fn = self->wake_.Value();
  if (fn.IsEmpty()) return;  // collected: nothing was in flight
  // Raw call: while a worker's environment is torn down, libuv still runs this callback but
  // JS cannot run, and node-addon-api would turn that refusal into a fatal error.
  napi_value result;
  if (napi_make_callback(env, *self->asyncContext_, env.Global(), fn, 0, nullptr, &result) == napi_ok) return;
  bool pending = false;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
    napi_value err;
    napi_get_and_clear_last_exception(env, &err);
    napi_fatal_exception(env, err);  // the callback threw: report it as uncaught
  }
}

// layout() -> { sqRing, cqRing, sqes, offsets..., sizes... }
Napi::Value NativeRing::Layout(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!open_) return ThrowType(env, "ring is closed");
  // A second layout would replace the references close() detaches, leaving the first views live over unmapped memory.
  if (!sqRingView_.IsEmpty()) return ThrowType(env, "layout(): the ring is already laid out");
  Napi::Object o = Napi::Object::New(env);
  auto* sqBase = static_cast<char*>(ring_.sq.ring_ptr);
  auto* cqBase = static_cast<char*>(ring_.cq.ring_ptr);
  auto noop = [](Napi::Env, void*) {};
  Napi::ArrayBuffer sqRing = Napi::ArrayBuffer::New(env, sqBase, ring_.sq.ring_sz, noop);
  // One mapping for both rings (IORING_FEAT_SINGLE_MMAP): one ArrayBuffer, never two over the same memory.
  Napi::ArrayBuffer cqRing = cqBase == sqBase ? sqRing : Napi::ArrayBuffer::New(env, cqBase, ring_.cq.ring_sz, noop);
  size_t sqeSize = (setupFlags_ & IORING_SETUP_SQE128) ? 128 : 64;
  Napi::ArrayBuffer sqes = Napi::ArrayBuffer::New(env, ring_.sq.sqes, sqeSize * sqEntries_, noop);
  sqRingView_ = Napi::Persistent(sqRing);
  if (cqBase != sqBase) cqRingView_ = Napi::Persistent(cqRing);
  sqesView_ = Napi::Persistent(sqes);

  auto off = [](void* p, char* base) { return static_cast<double>(static_cast<char*>(p) - base); };
  o.Set("sqRing", sqRing);
  o.Set("cqRing", cqRing);
  o.Set("sqes", sqes);
  o.Set("fd", ring_.ring_fd);
  o.Set("flags", setupFlags_);
  o.Set("features", features_);
  o.Set("sqEntries", sqEntries_);
  o.Set("cqEntries", cqEntries_);
  o.Set("sqHead", off(ring_.sq.khead, sqBase));
  o.Set("sqTail", off(ring_.sq.ktail, sqBase));
  o.Set("sqFlags", off(ring_.sq.kflags, sqBase));
  o.Set("sqDropped", off(ring_.sq.kdropped, sqBase));
  o.Set("sqArray", off(ring_.sq.array, sqBase));
  o.Set("cqHead", off(ring_.cq.khead, cqBase));
  o.Set("cqTail", off(ring_.cq.ktail, cqBase));
  o.Set("cqOverflow", off(ring_.cq.koverflow, cqBase));
  o.Set("cqes", off(ring_.cq.cqes, cqBase));
  // The CQ flags word (IORING_CQ_EVENTFD_DISABLED) exists since 5.8; -1 when the kernel has none.
  o.Set("cqFlags", ring_.cq.kflags != nullptr ? off(ring_.cq.kflags, cqBase) : -1.0);
  o.Set("cqeSize", (setupFlags_ & IORING_SETUP_CQE32) ? 32 : 16);
  o.Set("sqeSize", static_cast<double>(sqeSize));
  return o;
}

// getresuid/getresgid return real, effective and saved ids at once.
bool NativeRing::CredentialsChanged() const {
  uid_t ruid, euid, suid;
  gid_t rgid, egid, sgid;
  getresuid(&ruid, &euid, &suid);
  getresgid(&rgid, &egid, &sgid);
  // Supplementary groups too: one more syscall, and io-wq workers would keep the old ones.
  return euid != euid_ || egid != egid_ || ruid != uid_ || rgid != gid_ || !SameGroups(groups_);
}

// credentialsChanged() -> boolean: an SQPOLL ring's kernel thread keeps the credentials the
// ring was created with and takes what JS publishes without any enter, so JS asks before publishing.
Napi::Value NativeRing::CheckCredentials(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), open_ && CredentialsChanged());
}

// enter(toSubmit, minComplete, flags) -> consumed | -errno. No credentials check: the kernel
// runs what a non-SQPOLL ring submits with the caller's current credentials (io-wq takes them
// at punt time); an SQPOLL ring is checked in JS before anything is published. Once per
// submit(), so raw Node-API: one napi_get_cb_info and one napi_get_value_double per argument
// (a non-number fails it) instead of node-addon-api's wrapper, typeof and value calls.
// The ring this thread entered last (Enter's shortcut past napi_unwrap); cleared by its destructor.
thread_local NativeRing* NativeRing::lastEntered = nullptr;

napi_value NativeRing::Enter(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_value self;
  if (napi_get_cb_info(env, info, &argc, argv, &self, nullptr) != napi_ok) return nullptr;
  // napi_unwrap looks `this` up through a private symbol (~80 ns, a V8 runtime call): the
  // thread's last entered ring is recognised by identity (its wrapper's reference) instead.
  NativeRing* ring = lastEntered;
  bool same = false;
  if (ring != nullptr && ring->env_ == env) {
    napi_value known = nullptr;
    napi_ref wrapper = static_cast<const Napi::Reference<Napi::Object>&>(*ring);
    if (napi_get_reference_value(env, wrapper, &known) != napi_ok ||
        known == nullptr || napi_strict_equals(env, known, self, &same) != napi_ok) {
      same = false;
    }
  }
  if (!same) {
    void* p = nullptr;
    if (napi_unwrap(env, self, &p) != napi_ok || p == nullptr) return nullptr;  // as CallMethod: no JS after a refused unwrap
    ring = static_cast<NativeRing*>(p);
    lastEntered = ring;
  }
  uint32_t args[3];
  for (size_t i = 0; i < 3; i++) {
    double d;
    // Missing arguments are undefined here (argc says how many were passed).
    if (i >= argc || napi_get_value_double(env, argv[i], &d) != napi_ok || !(d >= 0 && d <= 4294967295.0) ||
        d != static_cast<double>(static_cast<uint32_t>(d))) {
      napi_throw_type_error(env, nullptr, "enter(toSubmit, minComplete, flags)");
      return nullptr;
    }
    args[i] = static_cast<uint32_t>(d);
  }
  int ret = -EBADF;
  if (ring->open_) {
    // Only flags that take no extra argument: EXT_ARG would make the kernel read a pointer.
    unsigned flags = args[2] & (IORING_ENTER_GETEVENTS | IORING_ENTER_SQ_WAKEUP | IORING_ENTER_SQ_WAIT);
    io_uring& r = ring->ring_;
    ret = ring->regRing_
        ? io_uring_enter(r.enter_ring_fd, args[0], args[1], flags | IORING_ENTER_REGISTERED_RING, nullptr)
        : io_uring_enter(r.ring_fd, args[0], args[1], flags, nullptr);
  }
  napi_value out;
  if (napi_create_int32(env, ret, &out) != napi_ok) return nullptr;
  return out;
}

// enterTimed(toSubmit, minComplete, flags, ms) -> consumed | -errno: enter, with a wait for
// minComplete CQEs bounded by `ms` (IORING_ENTER_EXT_ARG, Linux 5.11+; -EINVAL before). The kernel
// answers -ETIME when the time passed and nothing was submitted, else the SQEs consumed.
Napi::Value NativeRing::EnterTimed(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t toSubmit, minComplete, flags, ms;
  if (!ArgUint32(info, 0, &toSubmit) || !ArgUint32(info, 1, &minComplete) || !ArgUint32(info, 2, &flags) ||
      !ArgUint32(info, 3, &ms)) {
    return ThrowType(env, "enterTimed(toSubmit, minComplete, flags, ms)");
  }
  if (!open_) return Napi::Number::New(env, -EBADF);
  if (!(features_ & IORING_FEAT_EXT_ARG)) return Napi::Number::New(env, -EINVAL);
  flags &= IORING_ENTER_GETEVENTS | IORING_ENTER_SQ_WAKEUP | IORING_ENTER_SQ_WAIT;
  flags |= IORING_ENTER_EXT_ARG;
  // Both live on this stack for the whole call: the kernel reads them before it returns.
  __kernel_timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  io_uring_getevents_arg arg{};
  arg.ts = reinterpret_cast<uint64_t>(&ts);
  auto* argp = reinterpret_cast<sigset_t*>(&arg);
  int ret = regRing_
      ? io_uring_enter2(ring_.enter_ring_fd, toSubmit, minComplete, flags | IORING_ENTER_REGISTERED_RING, argp, sizeof arg)
      : io_uring_enter2(ring_.ring_fd, toSubmit, minComplete, flags, argp, sizeof arg);
  return Napi::Number::New(env, ret);
}

// noteMore(): JS reaped a CQE with IORING_CQE_F_MORE (a multishot operation goes on) or a
// MSG_RING message, one CQE more than SQEs: the drain counts operations as SQEs consumed minus
// CQEs posted that answer an SQE.
Napi::Value NativeRing::NoteMore(const Napi::CallbackInfo& info) {
  moreCqes_++;
  return info.Env().Undefined();
}

// Discards every CQE posted so far (the drain's own reap), counting those that answer no SQE:
// with F_MORE, or a message (user_data high word in lib/ring/ops-msg.ts's MSG_HI range).
void NativeRing::SkipCqes() {
  unsigned head = io_uring_smp_load_acquire(ring_.cq.khead);
  unsigned tail = io_uring_smp_load_acquire(ring_.cq.ktail);
  for (; head != tail; head++) {
    const io_uring_cqe& cqe = ring_.cq.cqes[head & (cqEntries_ - 1)];
    uint32_t hi = static_cast<uint32_t>(cqe.user_data >> 32);
    if ((cqe.flags & IORING_CQE_F_MORE) != 0 || (hi >= kMsgHi && hi <= kMsgHiMax)) moreCqes_++;
  }
  io_uring_smp_store_release(ring_.cq.khead, tail);
}

// setActive(rooted, loopRef): rooted keeps the JS wake function (and through it the Ring
// and every pinned buffer) alive; loopRef keeps the event loop alive for the wakeup.
Napi::Value NativeRing::SetActive(const Napi::CallbackInfo& info) {
  bool rooted = info.Length() > 0 && info[0].ToBoolean();
  bool loopRef = info.Length() > 1 && info[1].ToBoolean();
  if (!open_) return info.Env().Undefined();
  if (rooted != rooted_) {
    if (rooted) wake_.Ref(); else wake_.Unref();
    rooted_ = rooted;
  }
  if (loopRef != loopRef_ && wakeup_ != nullptr) {
    auto* h = reinterpret_cast<uv_handle_t*>(&wakeup_->handle);
    if (loopRef) uv_ref(h); else uv_unref(h);
    loopRef_ = loopRef;
  }
  return info.Env().Undefined();
}

Napi::Value NativeRing::RegisterBuffers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray()) return ThrowType(env, "registerBuffers(views)");
  if (!open_) return Napi::Number::New(env, -EBADF);
  Napi::Array arr = info[0].As<Napi::Array>();
  std::vector<iovec> iov(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) {
    void* data = nullptr;
    size_t len = 0;
    Napi::Value v = arr.Get(i);
    if (env.IsExceptionPending() || v.IsEmpty()) return env.Undefined();  // a getter threw: let its exception propagate
    if (!ViewInfo(env, v, &data, &len)) return ThrowType(env, "registerBuffers: not an ArrayBufferView");
    iov[i].iov_base = data;
    iov[i].iov_len = len;
  }
  return Napi::Number::New(env, io_uring_register_buffers(&ring_, iov.data(), iov.size()));
}

Napi::Value NativeRing::UnregisterBuffers(const Napi::CallbackInfo& info) {
  if (!open_) return Napi::Number::New(info.Env(), -EBADF);
  return Napi::Number::New(info.Env(), io_uring_unregister_buffers(&ring_));
}

Napi::Value NativeRing::RegisterFiles(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    return ThrowType(env, "registerFiles(Int32Array)");
  }
  if (!open_) return Napi::Number::New(env, -EBADF);
  Napi::Int32Array fds = info[0].As<Napi::Int32Array>();
  return Napi::Number::New(env, io_uring_register_files(&ring_, fds.Data(), fds.ElementLength()));
}

Napi::Value NativeRing::UnregisterFiles(const Napi::CallbackInfo& info) {
  if (!open_) return Napi::Number::New(info.Env(), -EBADF);
  return Napi::Number::New(info.Env(), io_uring_unregister_files(&ring_));
}

// registerBufferRing(view, entries, groupId) -> 0 | -errno: `view` is the ring's memory, page-aligned and
// at least entries * 16 bytes (JS allocates it and keeps it pinned until the ring is freed).
Napi::Value NativeRing::RegisterBufferRing(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  void* data = nullptr;
  size_t len = 0;
  uint32_t entries, group;
  if (info.Length() < 3 || !ViewInfo(env, info[0], &data, &len) || !ArgUint32(info, 1, &entries) ||
      !ArgUint32(info, 2, &group) || entries == 0 || entries > 32768 || (entries & (entries - 1)) != 0 ||
      group > 0xffff) {
    return ThrowType(env, "registerBufferRing(view, entries, groupId)");
  }
  if (reinterpret_cast<uintptr_t>(data) % 4096 != 0 || len < static_cast<size_t>(entries) * sizeof(io_uring_buf)) {
    return ThrowType(env, "registerBufferRing: the view must be page-aligned and hold entries * 16 bytes");
  }
  if (!open_) return Napi::Number::New(env, -EBADF);
  io_uring_buf_reg reg;
  std::memset(&reg, 0, sizeof reg);
  reg.ring_addr = reinterpret_cast<uintptr_t>(data);
  reg.ring_entries = entries;
  reg.bgid = static_cast<uint16_t>(group);
  return Napi::Number::New(env, io_uring_register_buf_ring(&ring_, &reg, 0));
}

// unregisterBufferRing(groupId) -> 0 | -errno
Napi::Value NativeRing::UnregisterBufferRing(const Napi::CallbackInfo& info) {
  uint32_t group;
  if (!ArgUint32(info, 0, &group) || group > 0xffff) return ThrowType(info.Env(), "unregisterBufferRing(groupId)");
  if (!open_) return Napi::Number::New(info.Env(), -EBADF);
  return Napi::Number::New(info.Env(), io_uring_unregister_buf_ring(&ring_, static_cast<int>(group)));
}

// probe() -> Uint8Array (1 where the opcode is supported) | -errno. Raw Node-API calls with
// their status checked: while a worker is torn down, creating the array fails, and writing
// into the empty value node-addon-api would hand back crashed (seen on Node 26).
Napi::Value NativeRing::Probe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!open_) return Napi::Number::New(env, -EBADF);
  io_uring_probe* probe = io_uring_get_probe_ring(&ring_);
  if (probe == nullptr) return Napi::Number::New(env, -EINVAL);
  size_t len = probe->ops_len;
  void* data = nullptr;
  napi_value buffer;
  napi_value out;
  if (napi_create_arraybuffer(env, len, &data, &buffer) != napi_ok || data == nullptr ||
      napi_create_typedarray(env, napi_uint8_array, len, buffer, 0, &out) != napi_ok) {
    io_uring_free_probe(probe);
    return Napi::Number::New(env, -ENOMEM);
  }
  auto* bytes = static_cast<uint8_t*>(data);
  for (size_t i = 0; i < len; i++) bytes[i] = (probe->ops[i].flags & IO_URING_OP_SUPPORTED) ? 1 : 0;
  io_uring_free_probe(probe);
  return Napi::Value(env, out);
}

// close(drainMs?) -> true when the ring was freed, false when operations were still running
// after drainMs without progress and the ring was leaked (JS then keeps the buffers pinned).
Napi::Value NativeRing::Close(const Napi::CallbackInfo& info) {
  uint32_t ms = kDrainMs;
  if (info.Length() > 0 && !ArgUint32(info, 0, &ms)) return ThrowType(info.Env(), "close(drainMs?)");
  return Napi::Boolean::New(info.Env(), Shutdown(true, ms));
}

// waitCompletions(ms) -> 0 | -errno: close()'s bounded wait for a CQE; submits nothing.
Napi::Value NativeRing::WaitCompletions(const Napi::CallbackInfo& info) {
  uint32_t ms;
  if (!ArgUint32(info, 0, &ms)) return ThrowType(info.Env(), "waitCompletions(ms)");
  if (!open_) return Napi::Number::New(info.Env(), -EBADF);
  return Napi::Number::New(info.Env(), WaitRound(ms));
}

// Waits up to `ms` for a CQE (it may return sooner: a signal, a flushed overflow).
int NativeRing::WaitRound(uint32_t ms) {
  int ret;
  if (features_ & IORING_FEAT_EXT_ARG) {
    __kernel_timespec ts{ms / 1000, (ms % 1000) * 1000000L};
    io_uring_getevents_arg arg{};
    arg.ts = reinterpret_cast<uint64_t>(&ts);
    ret = io_uring_enter2(ring_.ring_fd, 0, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
                          reinterpret_cast<sigset_t*>(&arg), sizeof arg);
    if (ret >= 0 || ret == -ETIME || ret == -EINTR) return ret;
  } else {
    ret = io_uring_enter(ring_.ring_fd, 0, 0, IORING_ENTER_GETEVENTS, nullptr);
  }
  // No timed wait in the kernel (before 5.11), or an error that returns at once (-EBADR after a
  // dropped CQE stays set): sleep, so that a round still lasts its time.
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, nullptr);
  return ret;
}

// Cancel everything in flight and wait for every CQE, so that the kernel no longer touches
// any buffer when we return true; false when operations were still running after `ms`
// without progress. CQEs are discarded: a JS close() reaps first.
bool NativeRing::Drain(uint32_t ms) {
  bool sqpoll = setupFlags_ & IORING_SETUP_SQPOLL;
  unsigned sqHead = io_uring_smp_load_acquire(ring_.sq.khead);
  // Published but never entered: the kernel has not seen them, so they are dropped.
  if (!sqpoll) io_uring_smp_store_release(ring_.sq.ktail, sqHead);

  auto outstanding = [&]() {
    unsigned consumed = io_uring_smp_load_acquire(ring_.sq.khead);
    unsigned posted = io_uring_smp_load_acquire(ring_.cq.ktail);
    unsigned queued = io_uring_smp_load_acquire(ring_.sq.ktail) - consumed;
    // CQEs the kernel dropped (no room, no memory for its overflow list) will never be posted.
    unsigned dropped = io_uring_smp_load_acquire(ring_.cq.koverflow);
    return (consumed - (posted - moreCqes_) - dropped) + queued;
  };
  if (outstanding() == 0) return true;

  unsigned tail = io_uring_smp_load_acquire(ring_.sq.ktail);
  if (tail - io_uring_smp_load_acquire(ring_.sq.khead) < sqEntries_) {
    unsigned idx = tail & sqMask_;
    io_uring_sqe* sqe = &ring_.sq.sqes[idx];
    std::memset(sqe, 0, sizeof *sqe);
    sqe->opcode = IORING_OP_ASYNC_CANCEL;
    sqe->fd = -1;
    // Before Linux 5.19 this completes -EINVAL; native code has no slot table, so the bounded wait below is all (JS close() cancels per slot).
    sqe->cancel_flags = IORING_ASYNC_CANCEL_ANY;
    sqe->user_data = kDrainUserData;
    ring_.sq.array[idx] = idx;
    io_uring_smp_store_release(ring_.sq.ktail, tail + 1);
    unsigned flags = sqpoll ? IORING_ENTER_SQ_WAKEUP : 0;
    int r;
    do {
      r = io_uring_enter(ring_.ring_fd, sqpoll ? 0 : 1, 0, flags, nullptr);
    } while (r == -EINTR);
  }

  uint32_t round = std::min(ms, kDrainRoundMs);
  uint32_t rounds = round == 0 ? 0 : (ms + round - 1) / round;
  uint32_t idle = 0;
  unsigned last = outstanding();
  while (last != 0 && idle < rounds) {
    SkipCqes();
    // The cancel again, if an enter refused it (-EAGAIN, -EBUSY): the CQ now has room.
    unsigned queued = io_uring_smp_load_acquire(ring_.sq.ktail) - io_uring_smp_load_acquire(ring_.sq.khead);
    if (!sqpoll && queued != 0) io_uring_enter(ring_.ring_fd, queued, 0, 0, nullptr);
    WaitRound(round);
    SkipCqes();
    unsigned now = outstanding();
    idle = now < last ? 0 : idle + 1;
    last = now;
  }
  return last == 0;
}

// Returns false when the ring was leaked: its mappings and fd stay, as the kernel may still
// write into the buffers of operations that did not finish.
bool NativeRing::Shutdown(bool detachViews, uint32_t drainMs) {
  if (!open_) return true;
  bool drained = Drain(drainMs);
  if (!drained) ReportLeak();
  if (detachViews) {
    if (!sqRingView_.IsEmpty()) sqRingView_.Value().Detach();
    if (!cqRingView_.IsEmpty()) cqRingView_.Value().Detach();
    if (!sqesView_.IsEmpty()) sqesView_.Value().Detach();
  }
  sqRingView_.Reset();
  cqRingView_.Reset();
  sqesView_.Reset();
  if (wakeup_ != nullptr) {
    io_uring_unregister_eventfd(&ring_);
    uv_poll_stop(&wakeup_->handle);
    wakeup_->handle.data = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(&wakeup_->handle), [](uv_handle_t* h) {
      auto* w = reinterpret_cast<Wakeup*>(h);
      close(w->fd);
      delete w;
    });
    wakeup_ = nullptr;
  }
  if (drained) io_uring_queue_exit(&ring_);
  open_ = false;
  if (hookAdded_) {
    napi_remove_env_cleanup_hook(env_, CleanupHook, this);
    hookAdded_ = false;
  }
  if (rooted_) {
    wake_.Unref();
    rooted_ = false;
  }
  return drained;
}

void NativeRing::CleanupHook(void* arg) {
  auto* self = static_cast<NativeRing*>(arg);
  self->hookAdded_ = false;  // Node removes a hook as it runs it
  if (self->Shutdown(false, kDrainMs)) return;
  // A worker's heap (and every buffer in it) is freed after this hook: nothing JS can pin
  // survives, so wait for the kernel, however long. At process exit the kernel waits itself.
  if (getpid() == static_cast<pid_t>(syscall(SYS_gettid))) return;
  while (!self->Drain(kDrainMs)) {
  }
  io_uring_queue_exit(&self->ring_);  // done at last: nothing left to leak
}

Napi::Value AddressOf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  void* data = nullptr;
  size_t len = 0;
  if (info.Length() < 1 || !ViewInfo(env, info[0], &data, &len)) return ThrowType(env, "addressOf(view)");
  return Napi::Number::New(env, static_cast<double>(reinterpret_cast<uintptr_t>(data)));
}

}  // namespace uring
