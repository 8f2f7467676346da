#include "rules/internal/confirmation.h"

#include <optional>

#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

// Shorter ends tried when a validator rejects a whole match; see ValidatedEnd.
constexpr int kMaxShorterEnds = 8;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The end of the longest match from `begin` that the validator accepts. Patterns that allow
// separators inside a number run on into the next one ("4111 1111 1111 1111 12/26" reads as
// 18 digits) and fail the checksum as a whole, though a shorter match ending where a word
// ends passes it. A few such ends are tried, each re-checked against the rule's patterns.
std::optional<size_t> ValidatedEnd(const CompiledRule& rule, const re2::StringPiece& text,
                                   size_t begin, size_t end) {
  const auto span = [&](size_t span_end) {
    return std::string_view(text.data() + begin, span_end - begin);
  };
  if (rule.validator(span(end))) {
    return end;
  }
  int tries = 0;
  for (size_t shorter = end - 1; shorter > begin && tries < kMaxShorterEnds; --shorter) {
    if (!IsAsciiAlnum(text[shorter - 1]) || IsAsciiAlnum(text[shorter])) {
      continue;
    }
    ++tries;
    if (rule.match->Match(text, begin, shorter, re2::RE2::ANCHOR_BOTH, nullptr, 0) &&
        rule.validator(span(shorter))) {
      return shorter;
    }
  }
  return std::nullopt;
}

// A context word lies wholly within `context_window` code points before or after the span.
bool HasContext(const CompiledRule& rule, const re2::StringPiece& text, size_t begin, size_t end) {
  const std::string_view view(text.data(), text.size());
  const size_t before = StepBackCodePoints(view, begin, rule.context_window);
  const size_t after = StepForwardCodePoints(view, end, rule.context_window);
  return rule.context->Match(text, before, begin, re2::RE2::UNANCHORED, nullptr, 0) ||
         rule.context->Match(text, end, after, re2::RE2::UNANCHORED, nullptr, 0);
}

// The end of the confirmed span for the match [begin, end), or nothing if it is rejected.
std::optional<size_t> Confirm(const CompiledRule& rule, const re2::StringPiece& text, size_t begin,
                              size_t end) {
  if (rule.validator != nullptr) {
    const std::optional<size_t> validated = ValidatedEnd(rule, text, begin, end);
    if (!validated) {
      return std::nullopt;
    }
    end = *validated;
  }
  if (rule.context != nullptr && !HasContext(rule, text, begin, end)) {
    return std::nullopt;
  }
  if (rule.allow != nullptr &&
      rule.allow->Match(text, begin, end, re2::RE2::ANCHOR_BOTH, nullptr, 0)) {
    return std::nullopt;
  }
  return end;
}

}  // namespace

bool ConfirmRange(const CompiledRule& rule, uint32_t rule_number, std::string_view text,
                  size_t begin, size_t end, size_t capacity, std::vector<Hit>& hits) {
  const re2::StringPiece piece(text.data(), text.size());
  // Hyperscan's window start may fall inside a code point; RE2 must start on one.
  size_t pos = CodePointStart(text, begin);
  while (pos < end) {
    re2::StringPiece match;
    if (!rule.match->Match(piece, pos, end, re2::RE2::UNANCHORED, &match, 1)) {
      break;
    }
    const auto match_begin = static_cast<size_t>(match.data() - text.data());
    const size_t match_end = match_begin + match.size();
    if (match_end == match_begin) {
      // Compile rejects patterns that match the empty string; never loop on one regardless.
      pos = StepForwardCodePoints(text, match_begin, 1);
      continue;
    }
    if (const std::optional<size_t> confirmed = Confirm(rule, piece, match_begin, match_end)) {
      if (hits.size() >= capacity) {
        return false;
      }
      hits.push_back(
          Hit{rule_number, static_cast<uint32_t>(match_begin), static_cast<uint32_t>(*confirmed)});
      pos = *confirmed;
    } else if (rule.window == kUnboundedWindow) {
      pos = match_end;  // skipping the whole match keeps unbounded rules linear in the text
    } else {
      // A rejected match may hide an accepted one starting inside it ("40 4111 1111 1111
      // 1111"). Retrying one code point on costs at most a window per rejection.
      pos = StepForwardCodePoints(text, match_begin, 1);
    }
  }
  return true;
}

}  // namespace holdfast::rules
