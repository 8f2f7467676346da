// ScanCorpus: generated workplace chat posts in English and Dutch for the scan benchmark, held
// in one buffer so that the same bytes can be scanned post by post and as one large text.
// Lengths follow chat: mostly a sentence or two (mean about 125 bytes), a long tail of pasted
// paragraphs up to 2 KB. About 2% of posts carry something a shipped policy flags (card
// numbers, IBANs, confidential markings, off-channel requests, AWS keys, GitHub tokens).
// Same post count and seed, same bytes on every machine: only mt19937_64's raw output is used,
// never the std distributions, whose results are implementation-defined.
// Thread safety: immutable once generated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace holdfast::tools::bench {

class ScanCorpus {
 public:
  // REQUIRES: posts > 0.
  static ScanCorpus Generate(size_t posts, uint64_t seed);

  size_t size() const { return starts_.size() - 1; }
  // Post `i` without its separator. REQUIRES: i < size().
  std::string_view post(size_t i) const {
    return std::string_view(text_).substr(starts_[i], starts_[i + 1] - starts_[i] - 1);
  }
  // Every post followed by '\n'.
  std::string_view joined() const { return text_; }
  // Bytes of post text, separators excluded.
  size_t post_bytes() const { return text_.size() - size(); }
  // Posts given a sensitive sentence on purpose (others may still hit by chance).
  size_t planted() const { return planted_; }

 private:
  std::string text_;
  std::vector<size_t> starts_;  // start of each post in text_, then text_.size()
  size_t planted_ = 0;
};

}  // namespace holdfast::tools::bench
