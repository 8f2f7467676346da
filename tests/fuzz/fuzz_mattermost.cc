// fuzz_mattermost: a Mattermost bulk export: the version line, then the fuzzed bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes = "{\"type\":\"version\",\"version\":1}\n";
  bytes.append(reinterpret_cast<const char*>(data), size);
  const auto path = holdfast::fuzz::WriteScratch("mattermost.jsonl", bytes);
  holdfast::fuzz::OpenAndDrain(path, "mattermost", size);
  return 0;
}
