// Query parsing for Index::Search: Xapian's QueryParser with our filter fields and date range,
// read as English and as Dutch, after two rewrites of the text (see RewriteQuery).
#include <xapian.h>

#include <charconv>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/internal/index_schema.h"

namespace holdfast::archive::internal {
namespace {

// A wildcard such as "a*" could expand to every term of a years-long archive; beyond this
// many terms only the most frequent are kept.
constexpr Xapian::termcount kMaxWildcardTerms = 1000;

class FilterFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(FilterTerm(prefix_, value));
  }

 private:
  const std::string prefix_;
};

// An excluded word (`-word`, `NOT word`) must exclude a document when the document's own
// language relates it to one of its words, whichever reading of the query runs (else an English
// post escapes `-quarterly` through the Dutch reading, which stems it differently): so it is
// rewritten to this hidden field, which matches the word and its stems in both languages.
constexpr std::string_view kAnyStemField = "holdfastanystem";

class AnyStemFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    const std::string word = Xapian::Unicode::tolower(value);
    std::string english_term = "Z";
    english_term += english_(word);
    std::string dutch_term = "Z";
    dutch_term += dutch_(word);
    const std::string terms[] = {word, english_term, dutch_term};
    return Xapian::Query(Xapian::Query::OP_OR, std::begin(terms), std::end(terms));
  }

 private:
  Xapian::Stem english_{"english"};
  Xapian::Stem dutch_{"dutch"};
};

// `YYYY-MM-DD..YYYY-MM-DD` (or YYYYMMDD; an empty end leaves the range open) as a range of
// the order slot, whose bytes sort by time: whole UTC days, the last one included.
class DayRangeProcessor : public Xapian::RangeProcessor {
 public:
  DayRangeProcessor() : Xapian::RangeProcessor(kOrderSlot) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    const std::optional<int64_t> from = DayStart(begin);
    const std::optional<int64_t> to = DayStart(end);
    if ((!begin.empty() && !from) || (!end.empty() && !to)) {
      return Xapian::Query(Xapian::Query::OP_INVALID);  // not a date: the parser says so
    }
    constexpr int64_t kDay = 86'400'000'000;
    const std::string low = from ? OrderValue(*from, 0) : std::string();
    const std::string high =
        to ? OrderValue(*to + kDay - 1, std::numeric_limits<uint64_t>::max()) : std::string();
    if (begin.empty()) {
      return Xapian::Query(Xapian::Query::OP_VALUE_LE, kOrderSlot, high);
    }
    if (end.empty()) {
      return Xapian::Query(Xapian::Query::OP_VALUE_GE, kOrderSlot, low);
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kOrderSlot, low, high);
  }

 private:
  // Midnight UTC of the day, in microseconds since 1970.
  static std::optional<int64_t> DayStart(std::string_view text) {
    std::string digits;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
      digits = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) +
               std::string(text.substr(8, 2));
    } else if (text.size() == 8) {
      digits = text;
    } else {
      return std::nullopt;
    }
    int year = 0;
    unsigned month = 0, day = 0;
    const char* p = digits.data();
    if (std::from_chars(p, p + 4, year).ptr != p + 4 ||
        std::from_chars(p + 4, p + 6, month).ptr != p + 6 ||
        std::from_chars(p + 6, p + 8, day).ptr != p + 8) {
      return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                              std::chrono::day{day}};
    if (!date.ok()) {
      return std::nullopt;
    }
    return duration_cast<microseconds>(sys_days{date}.time_since_epoch()).count();
  }
};

Xapian::QueryParser MakeParser(const Xapian::Database& db, const Xapian::Stem& stemmer) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD);
  for (const Field& f : kFields) {
    parser.add_boolean_prefix(std::string(f.name), (new FilterFieldProcessor(f.prefix))->release());
  }
  parser.add_prefix(std::string(kAnyStemField), (new AnyStemFieldProcessor())->release());
  // Understands YYYY-MM-DD (and YYYYMMDD) at either end; an empty end leaves the range open.
  parser.add_rangeprocessor((new DayRangeProcessor())->release());
  return parser;
}

bool IsProximityOperator(std::string_view token) {
  for (std::string_view op : {"NEAR", "ADJ"}) {
    if (token.starts_with(op)) {
      const std::string_view rest = token.substr(op.size());
      if (rest.empty()) {
        return true;
      }
      return rest.size() >= 2 && rest[0] == '/' &&
             rest.find_first_not_of("0123456789", 1) == std::string_view::npos;
    }
  }
  return false;
}

// A word that can stand beside NEAR or ADJ: no brackets, quotes, field, sign or operator.
bool IsPlainWord(std::string_view token) {
  return !token.empty() && token.find_first_of("()\":*") == std::string_view::npos &&
         token[0] != '+' && token[0] != '-' && token != "AND" && token != "OR" && token != "NOT" &&
         token != "XOR" && !IsProximityOperator(token);
}

// Two rewrites of the query text before Xapian parses it:
// - Xapian's parser takes `a NEAR b` alone or in brackets, but beside another plain word
//   (`a NEAR b c`) it gives up on the operators and searches for the word "near". Brackets
//   around each chain of `word NEAR|ADJ word ...` give what was meant: `(a NEAR b) c`.
// - An excluded plain word goes to the hidden any-stem field (see AnyStemFieldProcessor).
std::string RewriteQuery(const std::string& text) {
  std::vector<std::string> tokens;
  bool quoted = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && !quoted) {
      if (!tokens.empty() && !tokens.back().empty()) {
        tokens.emplace_back();
      }
      continue;
    }
    if (tokens.empty()) {
      tokens.emplace_back();
    }
    tokens.back() += c;
    quoted = c == '"' ? !quoted : quoted;
  }
  if (!tokens.empty() && tokens.back().empty()) {
    tokens.pop_back();
  }
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    size_t end = i;  // the chain's last word
    while (end + 2 < tokens.size() && IsPlainWord(tokens[end]) &&
           IsProximityOperator(tokens[end + 1]) && IsPlainWord(tokens[end + 2])) {
      end += 2;
    }
    const bool chain = end > i && tokens.size() > end - i + 1;
    if (!out.empty()) {
      out += ' ';
    }
    const bool after_not = i > 0 && tokens[i - 1] == "NOT";
    if (!chain && tokens[i].size() > 1 && tokens[i][0] == '-' &&
        IsPlainWord(std::string_view(tokens[i]).substr(1))) {
      out += '-';
      out += kAnyStemField;
      out += ':';
      out += tokens[i].substr(1);
      continue;
    }
    if (!chain && after_not && IsPlainWord(tokens[i])) {
      out += kAnyStemField;
      out += ':';
      out += tokens[i];
      continue;
    }
    if (!chain) {
      out += tokens[i];
      continue;
    }
    out += '(';
    for (size_t j = i; j <= end; ++j) {
      out += tokens[j];
      out += j == end ? ")" : " ";
    }
    i = end;
  }
  return out;
}

}  // namespace

// A query does not say which language it means, so it is parsed with both stemmers and either
// reading may match; an excluded word is rewritten so that both readings exclude the same
// (see AnyStemFieldProcessor). NEAR and ADJ come
// with FLAG_BOOLEAN; their words, like a phrase's, are matched unstemmed, since only unstemmed
// terms carry positions.
Xapian::Query ParseQuery(const Xapian::Database& db, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Xapian::Query::MatchAll;
  }
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                              Xapian::QueryParser::FLAG_BOOLEAN |
                              Xapian::QueryParser::FLAG_LOVEHATE |
                              Xapian::QueryParser::FLAG_WILDCARD;
  const std::string bracketed = RewriteQuery(text);
  Xapian::QueryParser english = MakeParser(db, Xapian::Stem("english"));
  Xapian::QueryParser dutch = MakeParser(db, Xapian::Stem("dutch"));
  Xapian::Query as_english = english.parse_query(bracketed, kFlags);
  Xapian::Query as_dutch = dutch.parse_query(bracketed, kFlags);
  // Often the two readings are the same query: a phrase (its words are not stemmed), a filter,
  // a word both stemmers leave alike. OR-ed, Xapian would run it twice (measured: p99 of word
  // and phrase queries on 2,000,000 posts 77 ms, 42 ms once), for the same matches in the same
  // order.
  if (as_english.serialise() == as_dutch.serialise()) {
    return as_english;
  }
  return Xapian::Query(Xapian::Query::OP_OR, as_english, as_dutch);
}

}  // namespace holdfast::archive::internal
