#include "engine/duplicate_group.h"

#include "archive/merkle.h"
#include "archive/record.h"

namespace holdfast::engine {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordByte(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' ||
         c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

// The end of the token that starts at `pos`: up to the next white space.
size_t TokenEnd(std::string_view text, size_t pos) {
  while (pos < text.size() && !IsSpace(text[pos])) {
    ++pos;
  }
  return pos;
}

}  // namespace

std::string DuplicateText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (IsSpace(c)) {
      while (pos < text.size() && IsSpace(text[pos])) {
        ++pos;
      }
      if (!out.empty() && pos < text.size()) {
        out.push_back(' ');
      }
      continue;
    }
    const std::string_view rest = text.substr(pos);
    if (rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.")) {
      out += "<url>";
      pos = TokenEnd(text, pos);
      continue;
    }
    if (c == '@' && pos + 1 < text.size() && IsWordByte(text[pos + 1]) &&
        (pos == 0 || IsSpace(text[pos - 1]))) {
      out += "@";
      for (++pos; pos < text.size() && IsWordByte(text[pos]); ++pos) {
      }
      continue;
    }
    if (IsDigit(c)) {
      out.push_back('#');
      while (pos < text.size() && IsDigit(text[pos])) {
        ++pos;
      }
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    ++pos;
  }
  return out;
}

std::string DuplicateGroup(std::string_view rule, std::string_view duplicate_text) {
  std::string input(rule);
  input.push_back('\n');
  input.append(duplicate_text);
  return archive::ToHex(archive::Sha256(input)).substr(0, 16);
}

}  // namespace holdfast::engine
