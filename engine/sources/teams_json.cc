#include "engine/sources/teams_json.h"

#include "engine/sources/json_scan.h"

namespace holdfast::engine {

namespace {

constexpr size_t kNone = kJsonCutOff;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; }

bool ContainsIgnoreCase(std::string_view text, std::string_view lower) {
  for (size_t i = 0; i + lower.size() <= text.size(); ++i) {
    if (EqualsIgnoreCase(text.substr(i, lower.size()), lower)) {
      return true;
    }
  }
  return false;
}

// Moves `pos` to the '[' of the "value" member of the object that starts at text[pos].
bool FindValueArray(std::string_view text, size_t& pos) {
  ++pos;
  for (;;) {
    pos = SkipJsonSpace(text, pos);
    if (pos >= text.size() || text[pos] != '"') {
      return false;
    }
    const size_t key_end = SkipJsonString(text, pos);
    if (key_end == kNone) {
      return false;
    }
    const std::string_view key = text.substr(pos + 1, key_end - pos - 2);
    pos = SkipJsonSpace(text, key_end);
    if (pos >= text.size() || text[pos] != ':') {
      return false;
    }
    pos = SkipJsonSpace(text, pos + 1);
    if (pos >= text.size()) {
      return false;
    }
    if (text[pos] == '[' && EqualsIgnoreCase(key, "value")) {
      return true;
    }
    const size_t end = SkipJsonValue(text, pos);
    if (end == kNone) {
      return false;
    }
    pos = SkipJsonSpace(text, end);
    if (pos >= text.size() || text[pos] != ',') {
      return false;
    }
    ++pos;
  }
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != lower[i]) {
      return false;
    }
  }
  return true;
}

std::string_view StripBom(std::string_view bytes) {
  return bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
}

bool IsTeamsMetadataFile(std::string_view file_name) {
  return file_name == "usersList.json" || file_name == "teamsList.json" ||
         (file_name.starts_with("channels_") && file_name.ends_with(".json"));
}

bool LooksLikeChatMessages(std::string_view start) {
  return ContainsIgnoreCase(start, "\"messagetype\"") &&
         ContainsIgnoreCase(start, "\"createddatetime\"");
}

bool IsJsonLines(std::string_view text) {
  const size_t pos = SkipJsonSpace(text, 0);
  if (pos >= text.size() || text[pos] != '{') {
    return false;
  }
  const size_t end = SkipJsonValue(text, pos);
  if (end == kNone || text.substr(pos, end - pos).find('\n') != kNone) {
    return false;
  }
  const size_t line_end = text.find('\n', end);
  return line_end != kNone && SkipJsonSpace(text, line_end) < text.size();
}

void SplitLines(std::string_view text, std::vector<JsonSpan>& spans) {
  uint64_t line = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == kNone) {
      end = text.size();
    }
    ++line;
    size_t trimmed = end;
    while (trimmed > begin && IsJsonSpace(text[trimmed - 1])) {
      --trimmed;
    }
    if (SkipJsonSpace(text, begin) < trimmed) {
      spans.push_back({begin, trimmed, line});
    }
    begin = end + 1;
  }
}

bool SplitArray(std::string_view text, std::vector<JsonSpan>& spans, JsonSpan& tail,
                bool& truncated) {
  truncated = false;
  size_t pos = SkipJsonSpace(text, 0);
  if (pos < text.size() && text[pos] == '{' && !FindValueArray(text, pos)) {
    return false;
  }
  if (pos >= text.size() || text[pos] != '[') {
    return false;
  }
  ++pos;
  uint64_t record = 0;
  for (;;) {
    pos = SkipJsonSpace(text, pos);
    if (pos >= text.size()) {
      truncated = true;
      tail = {text.size(), text.size(), record + 1};
      return true;
    }
    if (text[pos] == ']') {
      return true;
    }
    if (text[pos] == ',') {
      ++pos;
      continue;
    }
    const size_t end = SkipJsonValue(text, pos);
    ++record;
    if (end == kNone) {
      truncated = true;
      tail = {pos, text.size(), record};
      return true;
    }
    spans.push_back({pos, end, record});
    pos = end;
  }
}

}  // namespace holdfast::engine
