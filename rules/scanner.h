// Scanner: finds confirmed rule hits in a text. One per thread; it owns its Hyperscan scratch
// and a hit buffer allocated up front, so a scan allocates nothing.
// Thread safety: per-thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <tl/expected.hpp>

#include "rules/error.h"
#include "rules/rule_set.h"

namespace holdfast::rules {

// A confirmed hit: rule number in the RuleSet and the byte span [begin, end) in the text.
struct Hit {
  uint32_t rule = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct ScannerOptions {
  // Candidate and confirmed hits kept per text; a scan stops collecting when full.
  // Larger costs memory per thread, smaller may miss hits in very dense texts.
  size_t max_hits = 512;
};

class Scanner {
 public:
  ~Scanner();
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;

  // Allocates the scratch for `rules`. Fails only if Hyperscan cannot allocate it.
  [[nodiscard]] static tl::expected<Scanner, Error> Create(std::shared_ptr<const RuleSet> rules,
                                                           ScannerOptions options = {});

  // Returns the confirmed hits in `text`, ordered by begin, then rule; each (rule, span) once.
  // The returned span is valid until the next Scan. Fails for texts over 4 GiB.
  // Also fails for text that is not valid UTF-8: scan what NormalizeNfc returns.
  [[nodiscard]] tl::expected<std::span<const Hit>, Error> Scan(std::string_view text);

  const RuleSet& rules() const;

  // True if the last Scan filled `max_hits` and so may have missed hits after that point.
  bool last_scan_truncated() const;

 private:
  struct State;
  explicit Scanner(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace holdfast::rules
