#include "rules/internal/batch_view.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include "rules/internal/text_folding.h"

namespace holdfast::rules {
namespace {

void LowerAscii(char* begin, size_t size) {
  std::transform(begin, begin + size, begin,
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
}

}  // namespace

// The lexicon's triggers are lower case (rules/internal/trigger_mode.h), so a lexicon view
// equal to its text but for ASCII case goes in as the text in lower case; one whose case
// folding keeps each character's length goes in folded. Both views are then the identity. An ASCII
// text, most chat, goes into both buffers in one pass; any other is classified first, which also
// checks that it is UTF-8 (both engines read it so; Hyperscan's results on invalid UTF-8 are
// undefined), and a kPlain one then goes in in one pass too.
tl::expected<void, Error> AppendViews(const RuleSet::Impl& impl, std::string_view text, size_t item,
                                      std::array<BatchView, kViews>& batches) {
  constexpr auto kTextView = static_cast<size_t>(View::kText);
  constexpr auto kLexiconView = static_cast<size_t>(View::kLexicon);
  BatchView& text_batch = batches[kTextView];
  BatchView& lexicon_batch = batches[kLexiconView];
  const bool text_scanned = !impl.views[kTextView].empty();
  const bool lexicon_scanned = !impl.views[kLexiconView].empty();
  if (text_scanned) {
    text_batch.starts.push_back(static_cast<uint32_t>(text_batch.used));
  }
  if (lexicon_scanned) {
    lexicon_batch.starts.push_back(static_cast<uint32_t>(lexicon_batch.used));
  }
  // A text whose views CopyPlainViews wrote at the end of both buffers: `folding` says
  // whether its lexicon view may differ from the lower-case copy.
  const auto keep_plain = [&](TextKind kind, bool folding) {
    text_batch.identity[item] = 1;
    text_batch.Keep(text.size());
    lexicon_batch.identity[item] = 1;
    if (!folding) {
      lexicon_batch.Keep(text.size());  // the lower-case copy
      return;
    }
    TextView& text_view = text_batch.views[item];
    TextView& lexicon_view = lexicon_batch.views[item];
    text_view.BuildIdentity(text, kind);
    lexicon_view.Build(text, View::kLexicon, &text_view, kind);
    if (lexicon_view.identity()) {
      lexicon_batch.Keep(text.size());
    } else {
      lexicon_batch.identity[item] = 0;
      lexicon_batch.Append(lexicon_view.text());
    }
  };
  const bool both = text_scanned && lexicon_scanned;
  char* text_room = both ? text_batch.Room(text.size() + 1) : nullptr;
  char* lexicon_room = both ? lexicon_batch.Room(text.size() + 1) : nullptr;
  if (both) {
    if (const std::optional<bool> folding = CopyPlainViews(text, text_room, lexicon_room, true)) {
      keep_plain(TextKind::kAscii, *folding);
      return {};
    }
  }
  const TextKind kind = ClassifyText(text);
  if (kind == TextKind::kInvalid) {
    return tl::unexpected(Error{"", 0, "", "",
                                "text " + std::to_string(item) +
                                    " is not valid UTF-8 (normalize it with NormalizeNfc first)"});
  }
  if (both && kind == TextKind::kPlain) {
    keep_plain(kind, *CopyPlainViews(text, text_room, lexicon_room, false));
    return {};
  }
  // Its own kText view, and a kLexicon view of the same length byte for byte ("Één" ->
  // "één"): that view goes into the buffer as it is written, and maps back as the identity.
  if (both && kind == TextKind::kPlainText && CopyFoldedSameLength(text, lexicon_room) &&
      !MayNeedTokenFolding(std::string_view(lexicon_room, text.size()))) {
    std::memcpy(text_room, text.data(), text.size());
    text_batch.identity[item] = 1;
    text_batch.Keep(text.size());
    lexicon_batch.identity[item] = 1;
    lexicon_batch.Keep(text.size());
    return {};
  }
  if (text_scanned) {
    text_batch.views[item].Build(text, View::kText, nullptr, kind);
    text_batch.identity[item] = text_batch.views[item].identity() ? 1 : 0;
    text_batch.Append(text_batch.views[item].text());
  }
  if (lexicon_scanned) {
    // The lexicon view starts from the text view built just before, if there is one.
    TextView& lexicon_view = lexicon_batch.views[item];
    lexicon_view.Build(text, View::kLexicon, text_scanned ? &text_batch.views[item] : nullptr,
                       kind);
    const size_t start = lexicon_batch.used;
    lexicon_batch.identity[item] = lexicon_view.identity() ? 1 : 0;
    lexicon_batch.Append(lexicon_view.text());
    if (lexicon_view.identity()) {
      LowerAscii(lexicon_batch.buffer.data() + start, lexicon_view.text().size());
    }
  }
  return {};
}

}  // namespace holdfast::rules
