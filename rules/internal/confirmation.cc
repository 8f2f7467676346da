#include "rules/internal/confirmation.h"

#include <algorithm>
#include <optional>

#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

// Shorter ends tried when a validator rejects a whole match; see ValidatedEnd.
constexpr int kMaxShorterEnds = 8;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    x = (x >= 'A' && x <= 'Z') ? static_cast<char>(x - 'A' + 'a') : x;
    y = (y >= 'A' && y <= 'Z') ? static_cast<char>(y - 'A' + 'a') : y;
    if (x != y) {
      return false;
    }
  }
  return true;
}

bool Allowed(const CompiledAllow& allow, std::string_view value) {
  for (const std::string& literal : allow.literals) {
    if (EqualsIgnoringAsciiCase(literal, value)) {
      return true;
    }
  }
  return allow.regex != nullptr &&
         re2::RE2::PartialMatch(re2::StringPiece(value.data(), value.size()), *allow.regex);
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

// A text check holds if its regex matches within `window` code points around [begin, end).
bool TextCheckHolds(const CompiledCheck& check, const re2::StringPiece& text, size_t begin,
                    size_t end) {
  const std::string_view view(text.data(), text.size());
  const size_t before = StepBackCodePoints(view, begin, check.window);
  const size_t after = StepForwardCodePoints(view, end, check.window);
  return check.regex->Match(text, before, after, re2::RE2::UNANCHORED, nullptr, 0);
}

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// Whether the value has as many code points as the rule's `length` allows.
bool LengthFits(const CompiledRule& rule, std::string_view value) {
  if (rule.min_length == 0 && rule.max_length == 0) {
    return true;
  }
  // Each code point has one byte that is not a continuation byte (10xxxxxx).
  const auto length = static_cast<size_t>(std::count_if(value.begin(), value.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
  return length >= rule.min_length && (rule.max_length == 0 || length <= rule.max_length);
}

// The value of a match: the first capturing group that took part, or the whole match.
Span ValueOf(const CompiledRule& rule, const re2::StringPiece* groups, const char* base) {
  for (int g = 1; g <= rule.groups; ++g) {
    if (groups[g].data() != nullptr && !groups[g].empty()) {
      const auto begin = static_cast<size_t>(groups[g].data() - base);
      return Span{begin, begin + groups[g].size()};
    }
  }
  const auto begin = static_cast<size_t>(groups[0].data() - base);
  return Span{begin, begin + groups[0].size()};
}

// Groups of the match of `rule` at [begin, match_end), found searching up to `end`. They come
// from the first alternative that matches at `begin`, which is the one that made the match
// (leftmost-first): RE2 extracted groups from the whole alternation of secrets.generic_phrase
// four times slower than from its one pattern.
bool MatchGroups(const CompiledRule& rule, const re2::StringPiece& text, size_t begin,
                 size_t match_end, size_t end, re2::StringPiece* groups) {
  for (const std::unique_ptr<re2::RE2>& alternative : rule.alternatives) {
    if (alternative->Match(text, begin, end, re2::RE2::ANCHOR_START, nullptr, 0)) {
      std::fill(groups + 1, groups + rule.groups + 1, re2::StringPiece());
      return alternative->Match(text, begin, match_end, re2::RE2::ANCHOR_BOTH, groups,
                                alternative->NumberOfCapturingGroups() + 1);
    }
  }
  return rule.match->Match(text, begin, match_end, re2::RE2::ANCHOR_BOTH, groups, rule.groups + 1);
}

// The confirmed value span and confidence for a match, or nothing if it is rejected.
std::optional<std::pair<Span, Confidence>> Confirm(const RuleSet::Impl& rules,
                                                   const CompiledRule& rule,
                                                   const re2::StringPiece& text, Span value) {
  if (rule.validator != nullptr) {
    // Only a whole-match value may be shortened: a group marks its value exactly.
    const std::optional<size_t> validated =
        rule.groups == 0
            ? ValidatedEnd(rule, text, value.begin, value.end)
            : (rule.validator(std::string_view(text.data() + value.begin, value.end - value.begin))
                   ? std::optional<size_t>(value.end)
                   : std::nullopt);
    if (!validated) {
      return std::nullopt;
    }
    value.end = *validated;
  }
  const std::string_view value_text(text.data() + value.begin, value.end - value.begin);
  if (!LengthFits(rule, value_text) ||
      (rule.placeholders &&
       re2::RE2::PartialMatch(re2::StringPiece(value_text.data(), value_text.size()),
                              *rules.placeholder)) ||
      Allowed(rule.allow, value_text) ||
      Allowed(rules.compiled_policies[rule.policy].allow, value_text)) {
    return std::nullopt;
  }
  for (const CompiledCheck& check : rule.unless) {
    if (TextCheckHolds(check, text, value.begin, value.end)) {
      return std::nullopt;
    }
  }
  Confidence confidence = rule.confidence;
  for (const CompiledCheck& check : rule.evidence) {
    if (check.rule != kNoRule) {
      break;  // rule checks come last and are settled after every rule is confirmed
    }
    if (check.confidence > confidence && TextCheckHolds(check, text, value.begin, value.end)) {
      confidence = check.confidence;
    }
  }
  return std::make_pair(value, confidence);
}

}  // namespace

bool ConfirmRange(const RuleSet::Impl& rules, uint32_t rule_number, uint32_t item,
                  std::string_view text, size_t begin, size_t end, size_t capacity,
                  std::vector<Hit>& hits) {
  const CompiledRule& rule = rules.compiled[rule_number];
  const re2::StringPiece piece(text.data(), text.size());
  re2::StringPiece groups[kMaxGroups + 1];
  // The trigger's window start may fall inside a code point; RE2 must start on one.
  size_t pos = CodePointStart(text, begin);
  while (pos < end) {
    // The whole match first: RE2 finds it with its DFAs alone, which allocate nothing once
    // warm. Only a match of a rule with a value group asks for groups, which RE2 extracts with
    // an engine that allocates per call; such matches are a few per thousand posts.
    if (!rule.match->Match(piece, pos, end, re2::RE2::UNANCHORED, groups, 1)) {
      break;
    }
    const auto match_begin = static_cast<size_t>(groups[0].data() - text.data());
    const size_t match_end = match_begin + groups[0].size();
    if (match_end == match_begin) {
      // Compile rejects patterns that match the empty string; never loop on one regardless.
      pos = StepForwardCodePoints(text, match_begin, 1);
      continue;
    }
    if (rule.groups > 0 && !MatchGroups(rule, piece, match_begin, match_end, end, groups)) {
      pos = StepForwardCodePoints(text, match_begin, 1);  // unreachable: it matched just now
      continue;
    }
    const auto confirmed = Confirm(rules, rule, piece, ValueOf(rule, groups, text.data()));
    if (confirmed) {
      if (hits.size() >= capacity) {
        return false;
      }
      const auto& [value, confidence] = *confirmed;
      hits.push_back(Hit{rule_number, static_cast<uint32_t>(value.begin),
                         static_cast<uint32_t>(value.end), confidence, item});
      pos = std::max(value.end, match_end);
    } else if (rule.unbounded) {
      pos = match_end;  // skipping the whole match keeps unbounded rules linear in the text
    } else {
      // A rejected match may hide an accepted one starting inside it ("40 4111 1111 1111
      // 1111"). Retrying one code point on costs at most a window per rejection.
      pos = StepForwardCodePoints(text, match_begin, 1);
    }
  }
  return true;
}

bool ConfirmSpan(const RuleSet::Impl& rules, uint32_t rule_number, uint32_t item,
                 std::string_view text, size_t begin, size_t end, size_t capacity,
                 std::vector<Hit>& hits) {
  const re2::StringPiece piece(text.data(), text.size());
  const auto confirmed = Confirm(rules, rules.compiled[rule_number], piece, Span{begin, end});
  if (!confirmed) {
    return true;
  }
  if (hits.size() >= capacity) {
    return false;
  }
  const auto& [value, confidence] = *confirmed;
  hits.push_back(Hit{rule_number, static_cast<uint32_t>(value.begin),
                     static_cast<uint32_t>(value.end), confidence, item});
  return true;
}

bool RuleEvidenceHolds(const CompiledCheck& check, std::string_view text, uint32_t begin,
                       uint32_t end, std::span<const Hit> hits) {
  const size_t before = StepBackCodePoints(text, begin, check.window);
  const size_t after = StepForwardCodePoints(text, end, check.window);
  for (const Hit& hit : hits) {
    if (hit.rule == check.rule && hit.begin < after && hit.end > before) {
      return true;
    }
  }
  return false;
}

}  // namespace holdfast::rules
