#include "engine/sources/json_scan.h"

namespace holdfast::engine {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipJsonSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && IsJsonSpace(text[pos])) {
    ++pos;
  }
  return pos;
}

size_t SkipJsonString(std::string_view text, size_t pos) {
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return kJsonCutOff;
}

size_t SkipJsonValue(std::string_view text, size_t pos) {
  const char first = text[pos];
  if (first == '"') {
    return SkipJsonString(text, pos);
  }
  if (first != '{' && first != '[') {
    size_t i = pos + 1;
    while (i < text.size() && !IsJsonSpace(text[i]) && text[i] != ',' && text[i] != ']' &&
           text[i] != '}' && text[i] != '{' && text[i] != '[' && text[i] != '"') {
      ++i;
    }
    return i == text.size() ? kJsonCutOff : i;
  }
  size_t depth = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = SkipJsonString(text, i);
      if (i == kJsonCutOff) {
        return kJsonCutOff;
      }
      --i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return kJsonCutOff;
}

}  // namespace holdfast::engine
