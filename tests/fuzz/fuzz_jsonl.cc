// fuzz_jsonl: the fuzzed bytes as a .jsonl file read by the JSONL source.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto path = holdfast::fuzz::WriteScratch("posts.jsonl", bytes);
  holdfast::fuzz::OpenAndDrain(path, "jsonl", size);
  return 0;
}
