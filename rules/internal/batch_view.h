// BatchView: one view's share of a scan batch, the views of the batch's texts joined into one
// buffer that Hyperscan scans in one call, and AppendViews, which writes them. Thread safety:
// per-thread, as the Scanner that owns them.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "rules/error.h"
#include "rules/internal/rule_set_impl.h"
#include "rules/text_view.h"

namespace holdfast::rules {

constexpr size_t kViews = 2;  // View::kText and View::kLexicon

// One view's share of a batch: the texts' views joined by newlines, and where each starts.
struct BatchView {
  // Per text of the batch: whether its view is the text itself (to within ASCII case in the
  // lexicon buffer). Such a text's TextView is left as it was: most chat is ASCII, and
  // writing two TextViews per post, evicted by every Hyperscan scan, cost about 2% of a scan.
  std::vector<uint8_t> identity;
  std::vector<TextView> views;  // per text that is not its own view: how its view maps back
  std::string buffer;           // bytes [0, used) hold the views; the rest is room to grow
  size_t used = 0;
  std::vector<uint32_t> starts;

  // Room for `bytes` more after the used part; what is written there counts once Keep says so.
  char* Room(size_t bytes) {
    if (buffer.size() - used < bytes) {
      buffer.resize(std::max(2 * buffer.size(), used + bytes));
    }
    return buffer.data() + used;
  }
  // Counts `bytes` written at Room() as used, and the line break after them that keeps ^, $
  // and \b of one text from running into the next.
  void Keep(size_t bytes) {
    buffer[used + bytes] = '\n';
    used += bytes + 1;
  }
  void Append(std::string_view view) {
    std::memcpy(Room(view.size() + 1), view.data(), view.size());
    Keep(view.size());
  }
};

// Appends the views of text `item` to the buffers of the views that have databases, and
// where it starts to their `starts`. Fails if the text is not UTF-8.
tl::expected<void, Error> AppendViews(const RuleSet::Impl& impl, std::string_view text, size_t item,
                                      std::array<BatchView, kViews>& batches);

}  // namespace holdfast::rules
