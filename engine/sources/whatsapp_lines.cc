#include "engine/sources/whatsapp_lines.h"

#include <array>
#include <cstdio>

#include "engine/time_zone.h"

namespace holdfast::engine {

namespace {

// A cursor over one line; every read checks the end.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  size_t pos() const { return pos_; }
  void Reset(size_t pos) { pos_ = pos; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  std::string_view Rest() const { return text_.substr(std::min(pos_, text_.size())); }
  bool Take(char c) {
    if (Peek() != c) {
      return false;
    }
    ++pos_;
    return true;
  }
  bool Take(std::string_view s) {
    if (!Rest().starts_with(s)) {
      return false;
    }
    pos_ += s.size();
    return true;
  }
  // Reads 1..max_digits digits; `digits` says how many there were.
  bool Number(size_t max_digits, int& value, size_t& digits) {
    value = 0;
    digits = 0;
    while (digits < max_digits && Peek() >= '0' && Peek() <= '9') {
      value = value * 10 + (Peek() - '0');
      ++pos_;
      ++digits;
    }
    return digits > 0 && !(Peek() >= '0' && Peek() <= '9');
  }
  // Skips spaces, including U+00A0 and U+202F (the narrow one iOS puts before AM/PM).
  void SkipSpaces() {
    while (Take(' ') || Take("\xC2\xA0") || Take("\xE2\x80\xAF")) {
    }
  }
  void SkipMarks() {
    while (Take("\xE2\x80\x8E") || Take("\xE2\x80\x8F") || Take("\xEF\xBB\xBF")) {
    }
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool Lower(char c, char want) { return c == want || c == want - 'a' + 'A'; }

// "AM", "pm", "a.m.", "p. m." (any space kind inside); sets pm. Leaves the cursor unmoved
// when there is no marker.
bool TakeMeridiem(Cursor& cursor, bool& pm) {
  const size_t start = cursor.pos();
  cursor.SkipSpaces();
  const char letter = cursor.Peek();
  if (Lower(letter, 'a') || Lower(letter, 'p')) {
    pm = Lower(letter, 'p');
    cursor.Reset(cursor.pos() + 1);
    cursor.Take('.');
    cursor.SkipSpaces();
    if (Lower(cursor.Peek(), 'm')) {
      cursor.Reset(cursor.pos() + 1);
      cursor.Take('.');
      return true;
    }
  }
  cursor.Reset(start);
  return false;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '.' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::string_view DateOrderName(DateOrder order) {
  switch (order) {
    case DateOrder::kDayFirst:
      return "day-first";
    case DateOrder::kMonthFirst:
      return "month-first";
    case DateOrder::kYearFirst:
      return "year-first";
  }
  return "day-first";
}

std::optional<WhatsAppHeader> ParseWhatsAppHeader(std::string_view line) {
  Cursor cursor(line);
  cursor.SkipMarks();
  const bool bracket = cursor.Take('[');
  WhatsAppHeader header;
  size_t digits1 = 0;
  size_t digits2 = 0;
  size_t digits3 = 0;
  if (!cursor.Number(4, header.field1, digits1)) {
    return std::nullopt;
  }
  const char separator = cursor.Peek();
  if ((separator != '/' && separator != '.' && separator != '-') || !cursor.Take(separator) ||
      !cursor.Number(2, header.field2, digits2) || !cursor.Take(separator) ||
      !cursor.Number(4, header.field3, digits3)) {
    return std::nullopt;
  }
  header.year_first = digits1 == 4;
  if ((digits1 == 3 || digits3 == 3) || (header.year_first ? digits3 > 2 : digits1 > 2) ||
      (!header.year_first && digits3 != 2 && digits3 != 4)) {
    return std::nullopt;
  }
  cursor.Take(',');
  if (!cursor.Take(' ')) {
    return std::nullopt;
  }
  cursor.SkipSpaces();
  size_t digits = 0;
  if (!cursor.Number(2, header.hour, digits) || !cursor.Take(':') ||
      !cursor.Number(2, header.minute, digits) || digits != 2) {
    return std::nullopt;
  }
  if (cursor.Take(':') && (!cursor.Number(2, header.second, digits) || digits != 2)) {
    return std::nullopt;
  }
  cursor.Take('.');  // "13:34. -" (chat-miner's dateformat3)
  bool pm = false;
  if (TakeMeridiem(cursor, pm)) {
    if (header.hour == 12) {
      header.hour = pm ? 12 : 0;
    } else if (pm && header.hour < 12) {
      header.hour += 12;  // "13:37 p.m." stays 13:37
    }
  }
  if (header.hour > 23 || header.minute > 59 || header.second > 59) {
    return std::nullopt;
  }
  if (bracket) {
    if (!cursor.Take(']')) {
      return std::nullopt;
    }
    cursor.Take(' ');
  } else {
    cursor.SkipSpaces();
    if (!cursor.Take('-') && !cursor.Take("\xE2\x80\x93")) {  // hyphen or en dash
      return std::nullopt;
    }
    if (!cursor.Take(' ') && !cursor.AtEnd()) {
      return std::nullopt;
    }
  }
  header.rest = cursor.Rest();
  return header;
}

int64_t CivilTime::LocalSeconds() const {
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

std::string CivilTime::ToString() const {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour,
                minute, second);
  return buffer;
}

std::optional<CivilTime> ResolveDate(const WhatsAppHeader& header, DateOrder order) {
  CivilTime time{0, 0, 0, header.hour, header.minute, header.second};
  if (header.year_first) {
    time.year = header.field1;
    time.month = header.field2;
    time.day = header.field3;
  } else {
    time.year = header.field3 < 100 ? 2000 + header.field3 : header.field3;
    const bool day_first = order != DateOrder::kMonthFirst;
    time.day = day_first ? header.field1 : header.field2;
    time.month = day_first ? header.field2 : header.field1;
  }
  if (time.month < 1 || time.month > 12 || time.day < 1 ||
      time.day > DaysInMonth(time.year, time.month)) {
    return std::nullopt;
  }
  return time;
}

namespace {

// Days between two dates read in `order`; 0 when either is no calendar date in that order.
uint64_t GapDays(const WhatsAppHeader& a, const WhatsAppHeader& b, DateOrder order) {
  const auto first = ResolveDate(a, order);
  const auto second = ResolveDate(b, order);
  if (!first || !second) {
    return 0;
  }
  const int64_t days = (second->LocalSeconds() - first->LocalSeconds()) / 86400;
  return static_cast<uint64_t>(days < 0 ? -days : days);
}

}  // namespace

void DateOrderDetector::Add(const WhatsAppHeader& header) {
  ++headers_;
  if (header.year_first) {
    ++year_first_;
    return;
  }
  first_above_12_ += header.field1 > 12 ? 1 : 0;
  second_above_12_ += header.field2 > 12 ? 1 : 0;
  if (has_previous_ && !previous_.year_first) {
    auto later = [](int y1, int a1, int b1, int y2, int a2, int b2) {
      return y1 != y2 ? y1 > y2 : a1 != a2 ? a1 > a2 : b1 > b2;
    };
    const WhatsAppHeader& p = previous_;
    backwards_day_first_ +=
        later(p.field3, p.field2, p.field1, header.field3, header.field2, header.field1);
    backwards_month_first_ +=
        later(p.field3, p.field1, p.field2, header.field3, header.field1, header.field2);
    gap_days_day_first_ += GapDays(p, header, DateOrder::kDayFirst);
    gap_days_month_first_ += GapDays(p, header, DateOrder::kMonthFirst);
  }
  previous_ = header;
  has_previous_ = true;
}

DateOrder DateOrderDetector::Decide() const {
  if (year_first_ * 2 > headers_) {
    return DateOrder::kYearFirst;
  }
  if (first_above_12_ != second_above_12_) {
    return first_above_12_ > second_above_12_ ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
  }
  if (backwards_month_first_ != backwards_day_first_) {
    return backwards_month_first_ < backwards_day_first_ ? DateOrder::kMonthFirst
                                                         : DateOrder::kDayFirst;
  }
  return gap_days_month_first_ < gap_days_day_first_ ? DateOrder::kMonthFirst
                                                     : DateOrder::kDayFirst;
}

std::string DateOrderDetector::Explain() const {
  const DateOrder order = Decide();
  std::string why = "dates read " + std::string(DateOrderName(order)) + ": ";
  if (order == DateOrder::kYearFirst) {
    return why + "the year is written first";
  }
  if (first_above_12_ != second_above_12_) {
    why += std::to_string(order == DateOrder::kDayFirst ? first_above_12_ : second_above_12_) +
           " of " + std::to_string(headers_) + " dates have a " +
           (order == DateOrder::kDayFirst ? "first" : "second") + " field above 12";
    if (first_above_12_ > 0 && second_above_12_ > 0) {
      why += " (inconsistent: " + std::to_string(std::min(first_above_12_, second_above_12_)) +
             " say the other order; those are dead-lettered)";
    }
    return why;
  }
  why += "ambiguous (no field above 12); the dates run backwards " +
         std::to_string(backwards_day_first_) + " times read day-first and " +
         std::to_string(backwards_month_first_) + " times read month-first";
  if (backwards_day_first_ != backwards_month_first_) {
    return why;
  }
  why += "; the chat spans " + std::to_string(gap_days_day_first_) +
         " days between messages read day-first and " + std::to_string(gap_days_month_first_) +
         " read month-first";
  return why + (gap_days_day_first_ == gap_days_month_first_ ? ", a tie read day-first" : "");
}

std::string StripDirectionMarks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xE2 && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
          (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool StartsWithMark(std::string_view text) { return text.starts_with("\xE2\x80\x8E"); }

bool SplitAuthor(std::string_view rest, std::string_view& author, std::string_view& text) {
  const size_t colon = rest.find(": ");
  if (colon == 0 || colon == std::string_view::npos) {
    return false;
  }
  author = rest.substr(0, colon);
  text = rest.substr(colon + 2);
  return true;
}

bool IsDeletedMarker(std::string_view text) {
  static constexpr std::array<std::string_view, 8> kDeleted = {
      "This message was deleted",       "You deleted this message",
      "Dit bericht is verwijderd",      "Je hebt dit bericht verwijderd",
      "Diese Nachricht wurde gelöscht", "Du hast diese Nachricht gelöscht",
      "Este mensaje fue eliminado",     "Eliminaste este mensaje"};
  text = TrimEnd(text);
  for (std::string_view deleted : kDeleted) {
    if (text == deleted) {
      return true;
    }
  }
  return false;
}

bool ParseMediaMarker(std::string_view first_line, std::string& file_name) {
  static constexpr std::array<std::string_view, 4> kOmitted = {
      "<Media omitted>", "<Media weggelaten>", "<Medien ausgeschlossen>", "<Multimedia omitido>"};
  static constexpr std::array<std::string_view, 3> kAttachedTags = {
      "<attached: ", "<bijgevoegd: ", "<Anhang: "};
  static constexpr std::array<std::string_view, 3> kFileAttached = {
      " (file attached)", " (bestand bijgevoegd)", " (Datei angehängt)"};
  // iOS, when the export leaves media out: "image omitted", "afbeelding weggelaten", ...
  static constexpr std::array<std::string_view, 16> kIosOmitted = {
      "image omitted",     "video omitted",      "audio omitted",         "sticker omitted",
      "GIF omitted",       "document omitted",   "afbeelding weggelaten", "video weggelaten",
      "audio weggelaten",  "sticker weggelaten", "GIF weggelaten",        "Bild weggelassen",
      "Video weggelassen", "Audio weggelassen",  "Sticker weggelassen",   "GIF weggelassen"};
  const std::string line = StripDirectionMarks(first_line);
  std::string_view text = line;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  file_name.clear();
  for (std::string_view omitted : kOmitted) {
    if (text == omitted) {
      return true;
    }
  }
  for (std::string_view omitted : kIosOmitted) {
    if (text == omitted) {
      return true;
    }
  }
  for (std::string_view tag : kAttachedTags) {
    if (text.starts_with(tag) && text.ends_with(">") && text.size() > tag.size() + 1) {
      file_name = text.substr(tag.size(), text.size() - tag.size() - 1);
      return true;
    }
  }
  for (std::string_view suffix : kFileAttached) {
    if (text.ends_with(suffix) && text.size() > suffix.size()) {
      file_name = text.substr(0, text.size() - suffix.size());
      return true;
    }
  }
  return false;
}

std::string_view MediaType(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes = {{
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".mp4", "video/mp4"},
      {".opus", "audio/ogg"},
      {".m4a", "audio/mp4"},
      {".mp3", "audio/mpeg"},
      {".pdf", "application/pdf"},
      {".vcf", "text/vcard"},
      {".txt", "text/plain"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (file_name.ends_with(extension)) {
      return type;
    }
  }
  return {};
}

std::string AuthorId(std::string_view author_name) {
  std::string digits;
  for (size_t i = 0; i < author_name.size(); ++i) {
    const char c = author_name[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && i == 0) {
      digits += c;
    } else if (c == ' ' || c == '-' || c == '(' || c == ')') {
      continue;
    } else if (author_name.substr(i).starts_with("\xC2\xA0")) {
      ++i;
    } else {
      return std::string(author_name);  // a name, not a number
    }
  }
  return digits.size() >= 7 ? digits : std::string(author_name);
}

}  // namespace holdfast::engine
