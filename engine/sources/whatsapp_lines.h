// The line grammar of WhatsApp's "Export chat" text: the header that starts each message
// (date, time, then "Name: text" or a system text), the order of the date's fields, and the
// markers WhatsApp writes in place of media and deleted messages, in English, Dutch and German.
//   Android  "31/12/2023, 21:05 - Name: text"   "12/31/23, 9:05 PM - Name: text"
//            "31-12-2023 21:05 - Name: text"    "31.12.23, 21:05 - Name: text"
//            "2023/12/31, 21:05 - Name: text"   "1/30/2019, 08:49 p. m. - Name: text"
//   iOS      "[31/12/2023, 21:05:33] Name: text"  "[12/31/23, 9:05:33 PM] Name: text"
// A space before AM/PM may be U+0020, U+00A0 or U+202F. Lines may start with U+200E.
// Thread safety: pure functions; DateOrderDetector is a value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace holdfast::engine {

enum class DateOrder { kDayFirst, kMonthFirst, kYearFirst };
std::string_view DateOrderName(DateOrder order);  // "day-first", "month-first", "year-first"

struct WhatsAppHeader {
  // The date's three numbers as written; which is the day is decided per file.
  int field1 = 0;
  int field2 = 0;
  int field3 = 0;
  bool year_first = false;  // "2023/12/31": field1 is a four-digit year
  int hour = 0;             // 0..23, AM/PM already applied
  int minute = 0;
  int second = 0;
  std::string_view rest;  // after the header: "Name: text" or a system text, marks kept
};

// Parses the header at the start of `line`; nullopt when the line does not start with one.
std::optional<WhatsAppHeader> ParseWhatsAppHeader(std::string_view line);

struct CivilTime {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  // Seconds since 1970-01-01T00:00 of the same wall clock (no zone).
  int64_t LocalSeconds() const;
  std::string ToString() const;  // "2023-12-31T21:05:00"
};

// The header's date read in `order`; nullopt when that is no calendar date (month 13, Feb 30).
// Two-digit years are 20yy: WhatsApp dates from 2009.
std::optional<CivilTime> ResolveDate(const WhatsAppHeader& header, DateOrder order);

// Decides the date order of one file from all its headers: a first field above 12 can only be
// a day, a second field above 12 only a day too; when no field says so, the order under which
// the dates run backwards less often wins (a chat is written in time order); then the order
// under which the chat spans fewer days between messages (3/1, 3/2 ... 3/10 is ten days of
// March, not the 3rd of ten months); a tie after that is read day-first, the order of most of
// the world's locales (and every Dutch and German one).
class DateOrderDetector {
 public:
  void Add(const WhatsAppHeader& header);
  DateOrder Decide() const;
  // Why Decide chose what it did, for the source's notes.
  std::string Explain() const;

 private:
  uint64_t headers_ = 0;
  uint64_t year_first_ = 0;
  uint64_t first_above_12_ = 0;
  uint64_t second_above_12_ = 0;
  uint64_t backwards_day_first_ = 0;
  uint64_t backwards_month_first_ = 0;
  uint64_t gap_days_day_first_ = 0;  // the sum of |days between consecutive dates|
  uint64_t gap_days_month_first_ = 0;
  bool has_previous_ = false;
  WhatsAppHeader previous_;
};

// Removes the invisible direction marks WhatsApp writes (U+200E, U+200F, U+202A..U+202E,
// U+2066..U+2069).
std::string StripDirectionMarks(std::string_view text);
// True when `text` starts with U+200E: iOS marks system texts and media markers that way.
bool StartsWithMark(std::string_view text);

// Splits "Name: text" at the first ": "; false for a system text (no author).
bool SplitAuthor(std::string_view rest, std::string_view& author, std::string_view& text);

// "This message was deleted", "You deleted this message", "Dit bericht is verwijderd",
// "Diese Nachricht wurde gelöscht" and their variants (marks already stripped).
bool IsDeletedMarker(std::string_view text);

// A media marker on the message's first line: "<Media omitted>" and its translations, iOS
// "<attached: NAME>" and "image omitted", Android "NAME (file attached)". Sets `file_name`
// (empty when the export left the file out).
bool ParseMediaMarker(std::string_view first_line, std::string& file_name);

// The MIME type for a media file name by its extension; empty when unknown.
std::string_view MediaType(std::string_view file_name);

// A phone number written "+31 6 1234 5678" becomes "+31612345678"; anything else is kept.
std::string AuthorId(std::string_view author_name);

}  // namespace holdfast::engine
