// SampleCorpus: deterministic workplace chatter in English and Dutch for sample exports,
// with a known share of sensitive content (card numbers, IBANs, BSNs, secrets, confidential
// markings, off-channel requests) and hard negatives that must not flag. Same seed, same
// text, on every machine: it uses only mt19937_64's standardized output.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace holdfast::tools {

class SampleCorpus {
 public:
  explicit SampleCorpus(uint64_t seed) : random_(seed) {}

  // A uniformly chosen integer in [0, n).
  uint64_t Below(uint64_t n) { return random_() % n; }

  // One post's text. About `sensitive_percent` of texts carry something a policy flags;
  // `mention` is rendered as Slack markup (<@U...>) somewhere in some texts.
  std::string Text(unsigned sensitive_percent, std::string_view mention_user);

 private:
  std::string Chatter(bool dutch);
  std::string Sensitive(bool dutch);
  std::string Pick(const std::string_view* items, size_t count);

  std::mt19937_64 random_;
};

}  // namespace holdfast::tools
