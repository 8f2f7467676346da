// fuzz_teams: the fuzzed bytes as a Teams .json file (an array, a Graph page or JSONL).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto path = holdfast::fuzz::WriteScratch("messages.json", bytes);
  holdfast::fuzz::OpenAndDrain(path, "teams", size);
  return 0;
}
