// The native half of a Ring: a liburing ring whose three mapped regions are handed to
// JavaScript as external ArrayBuffers. No policy lives here: kernel errors come back as
// -errno numbers, and the JS side decides what they mean.
#pragma once

#include <liburing.h>
#include <napi.h>
#include <uv.h>

#include <memory>
#include <vector>

namespace uring {

// What JS reports when an SQPOLL ring's creator credentials differ from the process's
// (CVE-2024-22017 class): outside the errno range so it cannot be confused with one.
constexpr int kCredentialsChanged = -100001;

class NativeRing : public Napi::ObjectWrap<NativeRing> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit NativeRing(const Napi::CallbackInfo& info);
  ~NativeRing() override;

 private:
  struct Wakeup;  // eventfd + uv_poll_t; freed in the handle's close callback

  Napi::Value Setup(const Napi::CallbackInfo& info);
  Napi::Value Layout(const Napi::CallbackInfo& info);
  static napi_value Enter(napi_env env, napi_callback_info info);
  static thread_local NativeRing* lastEntered;
  Napi::Value EnterTimed(const Napi::CallbackInfo& info);
  Napi::Value NoteMore(const Napi::CallbackInfo& info);
  Napi::Value SetActive(const Napi::CallbackInfo& info);
  Napi::Value RegisterBuffers(const Napi::CallbackInfo& info);
  Napi::Value UnregisterBuffers(const Napi::CallbackInfo& info);
  Napi::Value RegisterFiles(const Napi::CallbackInfo& info);
  Napi::Value UnregisterFiles(const Napi::CallbackInfo& info);
  Napi::Value RegisterBufferRing(const Napi::CallbackInfo& info);
  Napi::Value UnregisterBufferRing(const Napi::CallbackInfo& info);
  Napi::Value Probe(const Napi::CallbackInfo& info);
  Napi::Value CheckCredentials(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value WaitCompletions(const Napi::CallbackInfo& info);

  int StartWakeup(Napi::Env env);
  int WaitRound(uint32_t ms);
  bool Drain(uint32_t ms);
  void SkipCqes();
  bool Shutdown(bool detachViews, uint32_t drainMs);
  bool CredentialsChanged() const;
  static void OnPoll(uv_poll_t* handle, int status, int events);
  static void CleanupHook(void* arg);

  io_uring ring_{};
  bool open_ = false;
  // Copied once at setup; never re-read from shared memory (JS can write there).
  unsigned setupFlags_ = 0;
  unsigned sqEntries_ = 0;
  unsigned sqMask_ = 0;
  unsigned cqEntries_ = 0;
  unsigned features_ = 0;
  unsigned moreCqes_ = 0;  // CQEs with F_MORE or messages seen (JS noteMore, SkipCqes): they complete no operation
  bool regRing_ = false;  // entered through io_uring_register_ring_fd's index
  uid_t uid_ = 0, euid_ = 0;
  gid_t gid_ = 0, egid_ = 0;
  std::vector<gid_t> groups_;  // supplementary groups at setup (io-wq workers keep them too)

  napi_env env_ = nullptr;
  bool hookAdded_ = false;
  Wakeup* wakeup_ = nullptr;
  Napi::FunctionReference wake_;  // strong only while operations are in flight
  bool rooted_ = false;
  bool loopRef_ = false;
  std::unique_ptr<Napi::AsyncContext> asyncContext_;
  Napi::Reference<Napi::ArrayBuffer> sqRingView_, cqRingView_, sqesView_;
};

// Address of the first byte of a TypedArray/DataView (JS adds offsets itself).
Napi::Value AddressOf(const Napi::CallbackInfo& info);

// 0 when io_uring_setup is allowed for this process, else its -errno (no ring is created).
Napi::Value SetupCheck(const Napi::CallbackInfo& info);
// [soft RLIMIT_MEMLOCK bytes or -1 when unlimited, CAP_IPC_LOCK effective].
Napi::Value Memlock(const Napi::CallbackInfo& info);

}  // namespace uring
