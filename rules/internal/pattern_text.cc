#include "rules/internal/pattern_text.h"

#include <cstdio>

namespace holdfast::rules {
bool IsAsciiWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

namespace {

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) {
      out += separator;
    }
    out += part;
  }
  return out;
}

// A pattern as an alternative of a rule's RE2: a group with the pattern's case sensitivity.
std::string Grouped(const Pattern& pattern) {
  return (pattern.case_insensitive ? "(?i:" : "(?:") + PatternRegex(pattern) + ")";
}

}  // namespace

// Escapes only what is special to both dialects; every other byte, UTF-8 included, stands
// for itself in Hyperscan and RE2 alike. Control bytes become \xHH because Hyperscan takes
// patterns as NUL-terminated strings.
std::string EscapeLiteral(std::string_view literal) {
  static constexpr std::string_view kSpecial = "\\^$.|?*+()[]{}";
  std::string out;
  out.reserve(literal.size() * 2);
  for (char c : literal) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02X", byte);
      out += hex;
    } else {
      if (kSpecial.find(c) != std::string_view::npos) {
        out += '\\';
      }
      out += c;
    }
  }
  return out;
}

std::string LiteralRegex(std::string_view literal) {
  std::string out;
  if (!literal.empty() && IsAsciiWordChar(literal.front())) {
    out += "\\b";
  }
  out += EscapeLiteral(literal);
  if (!literal.empty() && IsAsciiWordChar(literal.back())) {
    out += "\\b";
  }
  return out;
}

std::string PatternRegex(const Pattern& pattern) {
  return pattern.regex ? pattern.text : LiteralRegex(pattern.text);
}

std::string AlternationRegex(const std::vector<Pattern>& patterns) {
  std::vector<std::string> parts;
  parts.reserve(patterns.size());
  for (const Pattern& pattern : patterns) {
    parts.push_back(Grouped(pattern));
  }
  return "(?m)" + Join(parts, "|");
}

std::string AlternativeRegex(const Pattern& pattern) { return "(?m)" + Grouped(pattern); }

std::string WordListRegex(const std::vector<std::string>& words) {
  std::vector<std::string> parts;
  parts.reserve(words.size());
  for (const std::string& word : words) {
    parts.push_back(LiteralRegex(word));
  }
  return "(?i:" + Join(parts, "|") + ")";
}

std::string ExactListRegex(const std::vector<std::string>& entries) {
  std::vector<std::string> parts;
  parts.reserve(entries.size());
  for (const std::string& entry : entries) {
    parts.push_back(EscapeLiteral(entry));
  }
  return "(?i:" + Join(parts, "|") + ")";
}

}  // namespace holdfast::rules
