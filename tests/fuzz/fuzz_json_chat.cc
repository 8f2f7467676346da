// fuzz_json_chat: the fuzzed bytes as one JSON chat file, read as a Telegram export and as a
// DiscordChatExporter file: both find their messages by bracket counting (json_scan.h) before
// simdjson parses each one.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto path = holdfast::fuzz::WriteScratch("chat.json", bytes);
  holdfast::fuzz::OpenAndDrain(path, "telegram", size);
  holdfast::fuzz::OpenAndDrain(path, "discord", size);
  return 0;
}
