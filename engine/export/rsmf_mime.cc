#include "engine/export/rsmf_mime.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace holdfast::engine::rsmf {
namespace {

constexpr size_t kHeaderLine = 78;  // RFC 5322's SHOULD; 998 is the MUST
constexpr size_t kBase64Line = 76;
constexpr size_t kQuotedPrintableLine = 75;  // plus the soft break's '='

// --- Times ---------------------------------------------------------------------------------

struct CivilTime {
  int64_t year;
  unsigned month;
  unsigned day;
  unsigned hour;
  unsigned minute;
  unsigned second;
  unsigned weekday;  // 0 = Sunday
};

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

// Howard Hinnant's civil_from_days.
CivilTime ToCivil(int64_t time_us) {
  const int64_t seconds = FloorDiv(time_us, 1'000'000);
  const int64_t days = FloorDiv(seconds, 86'400);
  const int64_t in_day = seconds - days * 86'400;
  const int64_t z = days + 719'468;
  const int64_t era = FloorDiv(z, 146'097);
  const int64_t doe = z - era * 146'097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  CivilTime civil{};
  civil.year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  civil.month = static_cast<unsigned>(m);
  civil.day = static_cast<unsigned>(d);
  civil.hour = static_cast<unsigned>(in_day / 3600);
  civil.minute = static_cast<unsigned>(in_day % 3600 / 60);
  civil.second = static_cast<unsigned>(in_day % 60);
  // 1970-01-01 was a Thursday.
  civil.weekday = static_cast<unsigned>(days - FloorDiv(days + 4, 7) * 7 + 4);
  return civil;
}

std::string TwoDigits(unsigned value) {
  std::string out(2, '0');
  out[0] = static_cast<char>('0' + value / 10 % 10);
  out[1] = static_cast<char>('0' + value % 10);
  return out;
}

std::string Year(int64_t year) {
  std::string digits = std::to_string(year < 0 ? -year : year);
  if (digits.size() < 4) {
    digits.insert(0, 4 - digits.size(), '0');
  }
  if (year < 0) {
    digits.insert(0, 1, '-');
  }
  return digits;
}

// --- Encodings -----------------------------------------------------------------------------

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = (uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                       (uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                       uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += kBase64Alphabet[(n >> 6) & 63];
    out += kBase64Alphabet[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (rest == 2) {
      n |= uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    }
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool IsPrintableAscii(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7e) {
      return false;
    }
  }
  return true;
}

// Control characters (CR, LF, tab, ...) would break or bend a header line: they become spaces.
std::string HeaderText(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      ch = ' ';
    }
  }
  return out;
}

// Length of the longest prefix of `text` of at most `limit` bytes that ends on a UTF-8
// character boundary (at least one byte, so that progress is always made).
size_t Utf8Prefix(std::string_view text, size_t limit) {
  if (text.size() <= limit) {
    return text.size();
  }
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
    --n;
  }
  return n == 0 ? limit : n;
}

// RFC 2047 "B" encoded-words of `text`, each within 75 characters and whole UTF-8 characters;
// the first one fits in `first_room` columns where it can.
std::vector<std::string> EncodedWords(std::string_view text, size_t first_room) {
  constexpr std::string_view kOpen = "=?UTF-8?B?";
  constexpr std::string_view kClose = "?=";
  constexpr size_t kMaxWord = 75;
  std::vector<std::string> words;
  while (!text.empty()) {
    size_t room = words.empty() ? std::min(first_room, kMaxWord) : kMaxWord;
    if (room < kOpen.size() + kClose.size() + 8) {
      room = kMaxWord;  // too little left on the line: the word starts the next one
    }
    const size_t payload = (room - kOpen.size() - kClose.size()) / 4 * 3;
    const size_t take = Utf8Prefix(text, payload);
    std::string word(kOpen);
    word += Base64(text.substr(0, take));
    word += kClose;
    words.push_back(std::move(word));
    text.remove_prefix(take);
  }
  return words;
}

// Joins pieces after "Name:" with a space, folding (CRLF SP) before a piece that would pass
// 78 columns; no piece is empty.
std::string FoldPieces(std::string_view name, const std::vector<std::string>& pieces) {
  std::string out(name);
  out += ':';
  size_t width = out.size();
  for (const std::string& piece : pieces) {
    if (width + 1 + piece.size() > kHeaderLine && width > name.size() + 1) {
      out += "\r\n";
      width = 0;
    }
    out += ' ';
    out += piece;
    width += 1 + piece.size();
  }
  out += "\r\n";
  return out;
}

}  // namespace

std::string Rfc5322Date(int64_t time_us) {
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilTime t = ToCivil(time_us);
  std::string out(kDays[t.weekday % 7]);
  out += ", " + TwoDigits(t.day) + " " + std::string(kMonths[(t.month + 11) % 12]) + " " +
         Year(t.year) + " " + TwoDigits(t.hour) + ":" + TwoDigits(t.minute) + ":" +
         TwoDigits(t.second) + " +0000";
  return out;
}

std::string Day(int64_t time_us) {
  const CivilTime t = ToCivil(time_us);
  return Year(t.year) + "-" + TwoDigits(t.month) + "-" + TwoDigits(t.day);
}

std::string Base64Lines(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kBase64Line * 2 + 2);
  for (size_t pos = 0; pos < encoded.size(); pos += kBase64Line) {
    out.append(encoded, pos, kBase64Line);
    out += "\r\n";
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      const bool literal =
          (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end);
      std::string token;
      if (literal) {
        token.assign(1, static_cast<char>(c));
      } else {
        token = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      if (width + token.size() > kQuotedPrintableLine) {
        out += "=\r\n";
        width = 0;
      }
      out += token;
      width += token.size();
    }
    if (last) {
      if (!line.empty()) {
        out += "\r\n";
      }
      break;
    }
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

std::string UnstructuredHeader(std::string_view name, std::string_view value) {
  const std::string text = HeaderText(value);
  bool plain = IsPrintableAscii(text);
  std::vector<std::string> pieces;
  if (plain) {
    // Each piece carries the spaces before it but the one the join adds, so unfolding gives the
    // value back exactly; a fold only ever comes before a word.
    std::string pending;
    size_t pos = 0;
    while (pos < text.size() && text[pos] == ' ') {
      ++pos;
    }
    // Leading spaces of a value are not significant in a header: they are dropped.
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string::npos) {
        end = text.size();
      }
      std::string word = pending + text.substr(pos, end - pos);
      const size_t room = pieces.empty() ? kHeaderLine - name.size() - 2 : kHeaderLine - 1;
      if (word.size() > room) {
        plain = false;
        break;
      }
      pieces.push_back(std::move(word));
      pending.clear();
      pos = end;
      // The first of a run of spaces is the join's; the others stay with the next word.
      if (pos < text.size()) {
        ++pos;
        while (pos < text.size() && text[pos] == ' ') {
          pending += ' ';
          ++pos;
        }
      }
    }
    if (plain && !pending.empty() && !pieces.empty()) {
      pieces.back() += pending;  // trailing spaces stay on the last word
    }
  }
  if (!plain) {
    pieces = EncodedWords(text, kHeaderLine - name.size() - 2);
  }
  return FoldPieces(name, pieces);
}

std::string MailboxHeader(std::string_view name, std::string_view display, std::string_view addr) {
  const std::string text = HeaderText(display);
  std::vector<std::string> pieces;
  if (!text.empty() && IsPrintableAscii(text) && text.size() < kHeaderLine - name.size() - 6) {
    std::string quoted = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') {
        quoted += '\\';
      }
      quoted += c;
    }
    quoted += '"';
    pieces.push_back(std::move(quoted));
  } else if (!text.empty()) {
    pieces = EncodedWords(text, kHeaderLine - name.size() - 2);
  }
  std::string bracketed(1, '<');
  bracketed += addr;
  bracketed += '>';
  pieces.push_back(std::move(bracketed));
  return FoldPieces(name, pieces);
}

std::string HostLabel(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  if (out.size() > 63) {
    out.resize(63);
    while (!out.empty() && out.back() == '-') {
      out.pop_back();
    }
  }
  return out;
}

std::string LocalPart(std::string_view text) {
  std::string out = HostLabel(text);
  return out.empty() ? "conversation" : out;
}

}  // namespace holdfast::engine::rsmf
