// ScanCorpus: generated workplace chat posts in English and Dutch for the scan benchmark, held
// in one buffer so that the same bytes can be scanned post by post, in batches and as one large
// text. Lengths follow chat: mostly a sentence or two (mean about 125 bytes), a long tail of
// pasted paragraphs up to 2 KB. About 2% of posts carry one sentence a policy should flag:
// card numbers and IBANs with valid check digits, BSNs next to "BSN", e-mail addresses, AWS
// keys, GitHub tokens with a valid checksum, private key headers, confidentiality markings,
// off-channel requests, profanity and insider tips. Other posts hold near misses a scanner
// must look at and drop (order numbers of nine digits, "WhatsApp is down").
// Same post count and seed, same bytes on every machine: only mt19937_64's raw output is used,
// never the std distributions, whose results are implementation-defined.
// Thread safety: immutable once generated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace holdfast::tools::bench {

// Post lengths in bytes.
struct LengthStats {
  double mean = 0;
  size_t median = 0, p90 = 0, p99 = 0, max = 0;
};

class ScanCorpus {
 public:
  // REQUIRES: posts > 0.
  static ScanCorpus Generate(size_t posts, uint64_t seed);

  // Move only: a copy's views would point into the original.
  ScanCorpus(ScanCorpus&&) noexcept = default;
  ScanCorpus& operator=(ScanCorpus&&) noexcept = default;
  ScanCorpus(const ScanCorpus&) = delete;
  ScanCorpus& operator=(const ScanCorpus&) = delete;

  size_t size() const { return posts_.size(); }
  // Every post without its separator, in order; views into joined().
  std::span<const std::string_view> posts() const { return posts_; }
  std::string_view post(size_t i) const { return posts_[i]; }
  // Every post followed by '\n'.
  std::string_view joined() const { return std::string_view(text_.data(), text_.size()); }
  // Posts [first, first + count) each followed by '\n', as one slice of joined(); fewer at the
  // end of the corpus. REQUIRES: first < size().
  std::string_view joined(size_t first, size_t count) const;
  // `slice` of joined() with ASCII letters in lower case, as the Scanner hands its lexicon view
  // to Hyperscan. REQUIRES: `slice` lies in joined().
  std::string_view lowered(std::string_view slice) const {
    return std::string_view(lowered_.data() + (slice.data() - text_.data()), slice.size());
  }
  // Bytes of post text, separators excluded.
  size_t post_bytes() const { return text_.size() - size(); }
  // Posts given a sensitive sentence on purpose (others may still hit by chance).
  size_t planted() const { return planted_; }
  LengthStats lengths() const;

 private:
  // A vector, not a string: moving it keeps the buffer that posts_ points into.
  ScanCorpus() = default;

  std::vector<char> text_;
  std::vector<char> lowered_;  // text_ with ASCII letters in lower case
  std::vector<std::string_view> posts_;
  size_t planted_ = 0;
};

}  // namespace holdfast::tools::bench
