// Scanner: finds the hits of a RuleSet in texts. One per thread; it owns its Hyperscan
// scratch, its normalized views and its hit buffers, all sized in Create, so that after
// warm-up a scan allocates nothing.
//
// Scanning many short texts in one call (ScanBatch) is the fast way: Hyperscan has a fixed
// cost per call that is larger than scanning a typical chat post, so a batch is scanned as one
// buffer of texts separated by newlines, and matches are mapped back to their texts.
// Thread safety: per-thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <tl/expected.hpp>

#include "rules/error.h"
#include "rules/policy.h"
#include "rules/rule_set.h"

namespace holdfast::rules {

// A hit: rule number in the RuleSet, the byte span [begin, end) in the text as given (the
// value, see rules/policy.h), its confidence, and which text of a batch it is in.
struct Hit {
  uint32_t rule = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  Confidence confidence = Confidence::kMedium;
  uint32_t item = 0;  // index in ScanBatch's texts; 0 for Scan
};

// Where a text was posted, for policy scope and exceptions. An empty field is unknown: it is
// inside every scope and matches no exception.
// A policy's `community` and `author` entries match either the id or the name.
struct ScanContext {
  std::string_view source = {};
  std::string_view community = {};
  std::string_view community_name = {};
  std::string_view author = {};
  std::string_view author_name = {};
};

struct ScannerOptions {
  // Candidate and confirmed hits kept per text; a scan stops collecting when full.
  // Larger costs memory per thread, smaller may miss hits in very dense texts.
  size_t max_hits = 512;
  // Texts per ScanBatch call. Larger amortizes Hyperscan's per-call cost, and its switching
  // between the two views' databases, over more texts, and costs max_hits hits of memory per
  // text. 512 scans about 3% faster than 128 (tools/bench-scan prints 128 beside it).
  size_t max_batch = 512;
};

class Scanner {
 public:
  ~Scanner();
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;

  // Allocates the scratch and buffers for `rules`. Fails only if Hyperscan cannot allocate.
  [[nodiscard]] static tl::expected<Scanner, Error> Create(std::shared_ptr<const RuleSet> rules,
                                                           ScannerOptions options = {});

  // Returns the hits in `text` that its policies keep, ordered by begin, then rule; each
  // (rule, span) once. The returned span is valid until the next scan. Fails for text that
  // is not valid UTF-8 (scan what NormalizeNfc returns) and for texts over 4 GiB.
  [[nodiscard]] tl::expected<std::span<const Hit>, Error> Scan(std::string_view text,
                                                               const ScanContext& context = {});

  // As Scan, for up to options.max_batch texts at once; hits are ordered by item first.
  // REQUIRES: contexts is empty or has one entry per text. Fails as a whole if any text is
  // not valid UTF-8, naming its index.
  [[nodiscard]] tl::expected<std::span<const Hit>, Error> ScanBatch(
      std::span<const std::string_view> texts, std::span<const ScanContext> contexts = {});

  const RuleSet& rules() const;

  // True if the last scan filled `max_hits` and so may have missed hits after that point.
  bool last_scan_truncated() const;

 private:
  struct State;
  explicit Scanner(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace holdfast::rules
