// fuzz_slack_day: a Slack export folder whose users.json and channels.json are fixed and whose
// one day file, general/2024-03-01.json, is the fuzzed bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

namespace {

constexpr std::string_view kUsers =
    R"([{"id": "U1", "name": "alice", "real_name": "Alice Smith"},
  {"id": "U2", "name": "bram", "profile": {"real_name": "Bram Jansen"}}])";
constexpr std::string_view kChannels =
    R"([{"id": "C1", "name": "general"}, {"id": "C2", "name": "finance"}])";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using holdfast::fuzz::WriteScratch;
  static const bool lists_written = [] {
    WriteScratch("slack/users.json", kUsers);
    WriteScratch("slack/channels.json", kChannels);
    return true;
  }();
  (void)lists_written;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  WriteScratch("slack/general/2024-03-01.json", bytes);
  holdfast::fuzz::OpenAndDrain(holdfast::fuzz::ScratchDir() / "slack", "slack", size);
  return 0;
}
