// The DAT load file, one row per exported post version. Fields, in header order:
//
//   BEGDOC, ENDDOC      the post's control number (a post is a one-page document)
//   GROUPID             the family: the slice's conversation id, shared by its posts
//   CUSTODIAN           the author's name, else the author's id
//   AUTHOR_ID           the author's id in the tool
//   CONVERSATION        the slice's title ("#general", the chat's name)
//   CONVERSATION_ID     the slice's conversation id
//   PLATFORM            the tool ("slack", "teams", ...)
//   WORKSPACE           the tenant / workspace / network
//   PARTICIPANTS        multi-value: the slice's distinct authors, in order of first post
//   DATE_SENT           YYYY-MM-DD, UTC
//   TIME_SENT           HH:MM:SS, UTC
//   DATETIME_SENT       RFC 3339, UTC, with microseconds when the post has them
//   KIND                message | edit | delete | system
//   MESSAGE_ID          the tool's own id of the post
//   THREAD_ID           the thread root's id; empty when none
//   PARENT_ID           the id of the post answered; empty when none
//   TEXT_EXCERPT        at most kExcerptBytes of the text, cut on a character boundary; the
//                       full text is in the native file and the RSMF
//   SHA256              hex SHA-256 of the logged content ("" when erased)
//   NATIVE_PATH         the original record when kept, else the native folder's post.json
//   RSMF_PATH           the slice's RSMF file
//   FLAGS               nested multi-value: category\rule per flag, ';' between flags
//   FLAG_STATES         multi-value: each flag's state, in the same order as FLAGS
//   CONTENT_ERASED      Y | N
//
// What a value may not hold, and what is written instead. The substitutes are chosen so that
// a reader that strips every þ and splits rows on CRLF and fields on 0x14 always finds the
// right fields, and so a reviewer still reads the value; they are not reversible, and need not
// be: the exact text stays in the native file, whose hash is SHA256.
//   CR, LF, CRLF      ® (U+00AE), one per line break: the Concordance newline.
//   0x14, other C0    a space (TAB is kept). 0x14 is the field separator; no loader takes
//                     the others well.
//   þ (U+00FE)        "th", its usual transliteration: the qualifier has no escape.
//   ® (U+00AE)        "(R)", so that a ® read back always means a line break.
//   ';' in an element of a multi-value field (a participant named "Doe; Jane", a rule name)
//                     the full-width semicolon ； (U+FF1B): same look, not the separator.
//   '\' in a level of a nested field
//                     the full-width reverse solidus ＼ (U+FF3C), likewise.
// ';' and '\' in single-value fields (CONVERSATION, TEXT_EXCERPT, ...) are written as they are.
#include "engine/export/dat_load_file.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/time_format.h"

namespace holdfast::engine {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr char kSeparator = '\x14';
constexpr std::string_view kQualifier = "\xC3\xBE";  // þ
constexpr std::string_view kNewline = "\xC2\xAE";    // ®
constexpr std::string_view kRowEnd = "\r\n";
constexpr char kValueSeparator = ';';
constexpr char kLevelSeparator = '\\';
constexpr std::string_view kQualifierSubstitute = "th";
constexpr std::string_view kNewlineSubstitute = "(R)";
constexpr std::string_view kMultiValueSubstitute = "\xEF\xBC\x9B";  // ；
constexpr std::string_view kNestedSubstitute = "\xEF\xBC\xBC";      // ＼
constexpr size_t kExcerptBytes = 200;

constexpr std::array<std::string_view, 24> kFields = {
    "BEGDOC",       "ENDDOC",          "GROUPID",       "CUSTODIAN",     "AUTHOR_ID",
    "CONVERSATION", "CONVERSATION_ID", "PLATFORM",      "WORKSPACE",     "PARTICIPANTS",
    "DATE_SENT",    "TIME_SENT",       "DATETIME_SENT", "KIND",          "MESSAGE_ID",
    "THREAD_ID",    "PARENT_ID",       "TEXT_EXCERPT",  "SHA256",        "NATIVE_PATH",
    "RSMF_PATH",    "FLAGS",           "FLAG_STATES",   "CONTENT_ERASED"};

// Where a value goes decides which separators it must not contain.
enum class Level { kSingle, kMultiValue, kNested };

// `value` made safe for a field at `level`, as the file comment describes.
std::string Clean(std::string_view value, Level level) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\r' || c == '\n') {
      out += kNewline;
      if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
        ++i;  // CRLF is one line break
      }
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      out += ' ';
    } else if (value.substr(i, kQualifier.size()) == kQualifier) {
      out += kQualifierSubstitute;
      ++i;
    } else if (value.substr(i, kNewline.size()) == kNewline) {
      out += kNewlineSubstitute;
      ++i;
    } else if (c == kValueSeparator && level != Level::kSingle) {
      out += kMultiValueSubstitute;
    } else if (c == kLevelSeparator && level == Level::kNested) {
      out += kNestedSubstitute;
    } else {
      out += c;
    }
  }
  return out;
}

void AppendRow(std::string& out, const std::vector<std::string>& fields) {
  assert(fields.size() == kFields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += kSeparator;
    }
    out += kQualifier;
    out += fields[i];
    out += kQualifier;
  }
  out += kRowEnd;
}

std::string_view AuthorOf(const Post& post) {
  return post.author_name.empty() ? post.author_id : post.author_name;
}

// The slice's distinct authors in order of their first post, each cleaned as one value. Every
// row repeats it; the writer computes it once per slice.
std::string Participants(const ConversationSlice& slice) {
  std::vector<std::string_view> authors;
  std::string_view previous;
  for (const ExportPost& item : slice.posts) {
    const std::string_view author = AuthorOf(item.post);
    if (author.empty() || author == previous) {
      continue;
    }
    previous = author;
    if (std::find(authors.begin(), authors.end(), author) == authors.end()) {
      authors.push_back(author);
    }
  }
  std::string out;
  std::unordered_set<std::string> seen;  // names that differ only in what Clean replaces
  for (std::string_view author : authors) {
    std::string clean = Clean(author, Level::kMultiValue);
    if (!seen.insert(clean).second) {
      continue;
    }
    if (!out.empty()) {
      out += kValueSeparator;
    }
    out += clean;
  }
  return out;
}

// At most kExcerptBytes of `text`, never cutting a UTF-8 sequence; "…" marks a cut.
std::string Excerpt(std::string_view text) {
  if (text.size() <= kExcerptBytes) {
    return std::string(text);
  }
  size_t end = kExcerptBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

std::string Flags(const std::vector<ExportFlag>& flags) {
  std::string out;
  for (size_t i = 0; i < flags.size(); ++i) {
    if (i > 0) {
      out += kValueSeparator;
    }
    out += Clean(flags[i].flag.category, Level::kNested);
    out += kLevelSeparator;
    out += Clean(flags[i].flag.rule, Level::kNested);
  }
  return out;
}

std::string FlagStates(const std::vector<ExportFlag>& flags) {
  std::string out;
  for (size_t i = 0; i < flags.size(); ++i) {
    if (i > 0) {
      out += kValueSeparator;
    }
    out += Clean(flags[i].state, Level::kMultiValue);
  }
  return out;
}

std::vector<std::string> Header() {
  return std::vector<std::string>(kFields.begin(), kFields.end());
}

}  // namespace

DatLoadFile::DatLoadFile() {
  bytes_ += kBom;
  AppendRow(bytes_, Header());
}

void DatLoadFile::Add(const ConversationSlice& slice, const ExportPost& item) {
  const Post& post = item.post;
  // "2024-03-01T09:30:00Z" or "2024-03-01T09:30:00.123456Z": date and time at fixed offsets.
  const std::string sent = FormatRfc3339(post.created_us);
  const std::string native =
      item.original_file.empty() ? item.native_dir + "post.json" : item.original_file;
  if (participants_slug_ != slice.slug || rows_ == 0) {
    participants_slug_ = slice.slug;
    participants_ = Participants(slice);
  }
  std::vector<std::string> fields = {
      Clean(item.control_number, Level::kSingle),
      Clean(item.control_number, Level::kSingle),
      Clean(slice.conversation_id, Level::kSingle),
      Clean(AuthorOf(post), Level::kSingle),
      Clean(post.author_id, Level::kSingle),
      Clean(slice.title, Level::kSingle),
      Clean(slice.conversation_id, Level::kSingle),
      Clean(post.source, Level::kSingle),
      Clean(post.workspace, Level::kSingle),
      participants_,
      sent.substr(0, 10),
      sent.substr(11, 8),
      sent,
      std::string(PostKindName(post.kind)),
      Clean(post.native_id, Level::kSingle),
      Clean(post.thread_id, Level::kSingle),
      Clean(post.parent_id, Level::kSingle),
      item.content_erased ? std::string() : Clean(Excerpt(post.text), Level::kSingle),
      Clean(item.content_sha256, Level::kSingle),
      Clean(native, Level::kSingle),
      Clean("rsmf/" + slice.slug + ".rsmf", Level::kSingle),
      Flags(item.flags),
      FlagStates(item.flags),
      item.content_erased ? "Y" : "N",
  };
  AppendRow(bytes_, fields);
  ++rows_;
}

std::string DatLoadFile::Take() {
  std::string out;
  out.swap(bytes_);
  return out;
}

}  // namespace holdfast::engine
