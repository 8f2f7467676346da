// TEMPORARY identity stand-in, replaced by the real normalizer.
#pragma once

#include <cstdint>
#include <string_view>

#include "rules/policy.h"

namespace holdfast::rules {

struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

class TextView {
 public:
  void Build(std::string_view text, View /*view*/) { text_ = text; }
  std::string_view text() const { return text_; }
  bool identity() const { return true; }
  ByteSpan ToOriginal(uint32_t begin, uint32_t end) const { return ByteSpan{begin, end}; }

 private:
  std::string_view text_;
};

}  // namespace holdfast::rules
