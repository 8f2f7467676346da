// fuzz_whatsapp: the fuzzed bytes as a WhatsApp chat export, "WhatsApp Chat with Ann.txt".
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto path = holdfast::fuzz::WriteScratch("WhatsApp Chat with Ann.txt", bytes);
  holdfast::fuzz::OpenAndDrain(path, "whatsapp", size);
  return 0;
}
