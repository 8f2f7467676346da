// Chooses the cheapest way to each view: no copy for plain ASCII with nothing to fold, the
// token stage alone for ASCII with leetspeak or letters written apart, every stage otherwise.
#include "rules/text_view.h"

#include <cassert>
#include <limits>

#include "rules/internal/text_folding.h"
#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

// True if `view` differs from `text` at most in the case of ASCII letters.
bool SameIgnoringAsciiCase(std::string_view view, std::string_view text) {
  if (view.size() != text.size()) {
    return false;
  }
  for (size_t i = 0; i < view.size(); ++i) {
    if (view[i] != text[i] && ToLowerAscii(view[i]) != ToLowerAscii(text[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

struct TextView::Buffers {
  MappedText text;     // the kText view
  MappedText folded;   // kLexicon: the kText view case-folded
  MappedText lexicon;  // kLexicon: after the token stage
  Utf16Scratch scratch;
};

TextView::TextView() : buffers_(std::make_unique<Buffers>()) { PrepareFolding(); }
TextView::~TextView() = default;
TextView::TextView(TextView&&) noexcept = default;
TextView& TextView::operator=(TextView&&) noexcept = default;

void TextView::SetIdentity() {
  text_ = original_;
  spans_ = nullptr;
  identity_ = true;
}

void TextView::SetBuilt(std::string_view built, const ByteSpan* spans) {
  text_ = built;
  spans_ = spans;
  identity_ = false;
}

void TextView::Build(std::string_view text, View view, const TextView* text_view) {
  Build(text, view, text_view, text_view != nullptr ? text_view->kind_ : ClassifyText(text));
}

void TextView::Build(std::string_view text, View view, const TextView* text_view, TextKind kind) {
  assert(text.size() <= std::numeric_limits<uint32_t>::max());
  original_ = text;
  if (buffers_ == nullptr) {  // moved from
    buffers_ = std::make_unique<Buffers>();
  }
  Buffers& buffers = *buffers_;
  if (text_view != nullptr) {
    kind = text_view->kind_;
  } else if (kind == TextKind::kInvalid) {
    kind = TextKind::kOther;  // every stage reads invalid UTF-8 as U+FFFD
  }
  kind_ = kind;
  const MappedText* built = &buffers.lexicon;
  if (view == View::kText) {
    // ASCII is its own NFKC, and holds no ignorable, no other space and no look-alike; nor
    // does a text whose other code points FoldText copies as they are.
    if (kind != TextKind::kOther) {
      return SetIdentity();
    }
    FoldText(text, buffers.scratch, buffers.text);
    if (buffers.text.text == text) {
      return SetIdentity();
    }
    return SetBuilt(buffers.text.text, buffers.text.spans.data());
  }
  const bool simple = kind == TextKind::kAscii || kind == TextKind::kPlain;
  if (simple && !MayNeedTokenFolding(text)) {
    return SetIdentity();  // nothing but ASCII case to fold
  }
  if (kind == TextKind::kAscii) {
    FoldTokens(SourceText{text, nullptr}, buffers.lexicon);
  } else {
    SourceText source{text, nullptr};
    if (text_view == nullptr && kind == TextKind::kOther) {
      FoldText(text, buffers.scratch, buffers.text);
      source = SourceText{buffers.text.text, buffers.text.spans.data()};
    } else if (text_view != nullptr && !text_view->identity()) {
      source = SourceText{text_view->text(), text_view->spans_};
    }
    FoldCase(source, buffers.folded);
    built = &buffers.folded;
    if (MayNeedTokenFolding(buffers.folded.text)) {
      FoldTokens(SourceText{buffers.folded.text, buffers.folded.spans.data()}, buffers.lexicon);
      built = &buffers.lexicon;
    }
  }
  if (SameIgnoringAsciiCase(built->text, text)) {
    return SetIdentity();
  }
  SetBuilt(built->text, built->spans.data());
}

void TextView::BuildIdentity(std::string_view text, TextKind kind) {
  assert(text.size() <= std::numeric_limits<uint32_t>::max());
  original_ = text;
  if (buffers_ == nullptr) {  // moved from
    buffers_ = std::make_unique<Buffers>();
  }
  kind_ = kind;
  SetIdentity();
}

ByteSpan TextView::ToOriginal(uint32_t begin, uint32_t end) const {
  assert(begin <= end && end <= text_.size());
  if (identity_) {
    const auto first = static_cast<uint32_t>(CodePointStart(original_, begin));
    if (begin == end) {
      return ByteSpan{first, first};
    }
    const size_t last = CodePointStart(original_, end - 1);
    return ByteSpan{first, static_cast<uint32_t>(StepForwardCodePoints(original_, last, 1))};
  }
  if (begin == end) {
    // Where view byte `begin` starts; at the end of the view, where the last one ends.
    const uint32_t at = begin < text_.size() ? spans_[begin].begin
                        : begin > 0          ? spans_[begin - 1].end
                                             : 0;
    return ByteSpan{at, at};
  }
  return ByteSpan{spans_[begin].begin, spans_[end - 1].end};
}

}  // namespace holdfast::rules
