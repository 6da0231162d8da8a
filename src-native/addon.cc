// Module entry: exports the NativeRing class and the few free functions the TS layer needs.
#include <dlfcn.h>
#include <napi.h>

#include "ring.h"

namespace {

// A worker's addons are dlclose()d when it exits, but libuv still runs our handles' close
// callbacks after that: keep this module mapped for the life of the process.
void PinModule() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&PinModule), &info) != 0 && info.dli_fname != nullptr) {
    dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
  }
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  PinModule();
  exports.Set("NativeRing", uring::NativeRing::Init(env));
  exports.Set("addressOf", Napi::Function::New<uring::AddressOf>(env, "addressOf"));
  exports.Set("setupCheck", Napi::Function::New<uring::SetupCheck>(env, "setupCheck"));
  exports.Set("memlock", Napi::Function::New<uring::Memlock>(env, "memlock"));
  exports.Set("CREDENTIALS_CHANGED", Napi::Number::New(env, uring::kCredentialsChanged));
  return exports;
}

}  // namespace

NODE_API_MODULE(uring, Init)
