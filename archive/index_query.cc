// Index: parsing queries, searching with sort and facets, and a document's context in time.
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>

#include "archive/index.h"
#include "archive/internal/index_schema.h"

namespace holdfast::archive {
namespace {

using namespace internal;

constexpr size_t kSnippetBytes = 200;
// A wildcard such as "a*" could expand to every term of a years-long archive; beyond this
// many terms only the most frequent are kept.
constexpr Xapian::termcount kMaxWildcardTerms = 1000;
// Values listed per facet; the rest of a long tail (thousands of authors) is left out.
constexpr size_t kMaxFacetValues = 100;

class FilterFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(FilterTerm(prefix_, value));
  }

 private:
  const std::string prefix_;
};

// An excluded word (`-word`, `NOT word`) must exclude a document when either language's
// stemmer relates it to one of the document's words, whichever reading of the query runs: so
// it is rewritten to this hidden field, which matches the word and both its stems.
constexpr std::string_view kAnyStemField = "holdfastanystem";

class AnyStemFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    const std::string word = Xapian::Unicode::tolower(value);
    const std::string terms[] = {word, "Z" + english_(word), "Z" + dutch_(word)};
    return Xapian::Query(Xapian::Query::OP_OR, std::begin(terms), std::end(terms));
  }

 private:
  Xapian::Stem english_{"english"};
  Xapian::Stem dutch_{"dutch"};
};

// Counts each value of a multi-valued facet slot (u32 big-endian length, bytes, repeated).
// ValueCountMatchSpy would count the whole slot as one value.
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    const std::string bytes = doc.get_value(slot_);
    const std::string_view view(bytes);
    size_t pos = 0;
    while (view.size() - pos >= 4) {
      const uint64_t size = DecodeBigEndian(view.substr(pos, 4));
      pos += 4;
      if (size > view.size() - pos) {
        break;
      }
      ++counts_[std::string(view.substr(pos, size))];
      pos += size;
    }
  }
  Xapian::MatchSpy* clone() const override { return new MultiValueCountSpy(slot_); }
  std::string name() const override { return "holdfast.MultiValueCountSpy"; }
  const std::map<std::string, uint64_t>& counts() const { return counts_; }

 private:
  const Xapian::valueno slot_;
  std::map<std::string, uint64_t> counts_;
};

Facet TopValues(std::string_view field, std::vector<FacetCount> counts) {
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (counts.size() > kMaxFacetValues) {
    counts.resize(kMaxFacetValues);
  }
  return {std::string(field), std::move(counts)};
}

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
  parser.add_rangeprocessor((new Xapian::DateRangeProcessor(kDateSlot))->release());
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

// A query does not say which language it means, so it is parsed with both stemmers and either
// reading may match. Every document holds the stems of both languages (see MakeDocument), so
// that a word excluded (NOT, -) in one reading is excluded in the other too. NEAR and ADJ come
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
  return Xapian::Query(Xapian::Query::OP_OR, english.parse_query(bracketed, kFlags),
                       dutch.parse_query(bracketed, kFlags));
}

Xapian::Query WithoutSuperseded(Xapian::Query query) {
  return Xapian::Query(Xapian::Query::OP_AND_NOT, std::move(query),
                       Xapian::Query(std::string(kSupersededTerm)));
}

// A hit without a snippet (there is no query to highlight).
SearchHit HitOf(const Xapian::Document& doc) {
  SearchHit hit;
  Xapian::TermIterator id = doc.termlist_begin();
  id.skip_to("Q");
  if (id != doc.termlist_end() && (*id).front() == 'Q') {
    hit.key = (*id).substr(1);
  }
  hit.sequence = DecodeBigEndian(doc.get_value(kSequenceSlot));
  hit.time_us = std::llround(Xapian::sortable_unserialise(doc.get_value(kTimeSlot)));
  hit.data = doc.get_data();
  return hit;
}

void SetSort(Xapian::Enquire& enquire, SearchSort sort) {
  switch (sort) {
    case SearchSort::kRelevance:
      // Equal relevance (always so for filter-only queries): newest first.
      enquire.set_sort_by_relevance_then_value(kTimeSlot, true);
      return;
    case SearchSort::kNewest:
      enquire.set_sort_by_value_then_relevance(kTimeSlot, true);
      return;
    case SearchSort::kOldest:
      enquire.set_sort_by_value_then_relevance(kTimeSlot, false);
      return;
  }
}

// Up to `count` documents matching `scope`, on one side of `order` (exclusive), nearest
// first.
std::vector<SearchHit> Neighbours(const Xapian::Database& db, const Xapian::Query& scope,
                                  const std::string& order, bool later, uint32_t count) {
  if (count == 0) {
    return {};
  }
  // VALUE_LE/GE are inclusive; the document itself is left out by the caller's scope.
  const Xapian::Query side = later ? Xapian::Query(Xapian::Query::OP_VALUE_GE, kOrderSlot, order)
                                   : Xapian::Query(Xapian::Query::OP_VALUE_LE, kOrderSlot, order);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, scope, side));
  enquire.set_sort_by_value(kOrderSlot, /*reverse=*/!later);
  const Xapian::MSet mset = enquire.get_mset(0, count);
  std::vector<SearchHit> hits;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    hits.push_back(HitOf(it.get_document()));
  }
  if (!later) {
    std::reverse(hits.begin(), hits.end());
  }
  return hits;
}

}  // namespace

SearchResults Index::Impl::SearchOnce(const std::string& query,
                                      const SearchOptions& options) const {
  Xapian::Enquire enquire(*db);
  Xapian::Query parsed = ParseQuery(*db, query);
  if (!options.history && query.find("version:") == std::string::npos) {
    parsed = WithoutSuperseded(std::move(parsed));
  }
  enquire.set_query(parsed);
  SetSort(enquire, options.sort);
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> single_spies;
  std::vector<std::unique_ptr<MultiValueCountSpy>> multi_spies;
  if (options.facets) {
    for (const FacetField& facet : kFacetFields) {
      if (facet.multi) {
        multi_spies.push_back(std::make_unique<MultiValueCountSpy>(facet.slot));
        enquire.add_matchspy(multi_spies.back().get());
      } else {
        single_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet.slot));
        enquire.add_matchspy(single_spies.back().get());
      }
    }
  }
  // Spies see only the documents the match looks at: with facets, make it look at all.
  const Xapian::doccount check_at_least = options.facets ? db->get_doccount() : 0;
  const Xapian::MSet mset = enquire.get_mset(options.offset, options.limit, check_at_least);
  SearchResults results;
  results.estimated_total = mset.get_matches_estimated();
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    SearchHit hit = HitOf(doc);
    hit.snippet = mset.snippet(
        doc.get_value(kTextSlot), kSnippetBytes, StemmerFor(doc.get_value(kLanguageSlot)),
        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>",
        "</mark>", "…");
    results.hits.push_back(std::move(hit));
  }
  if (options.facets) {
    size_t single = 0;
    size_t multi = 0;
    for (const FacetField& facet : kFacetFields) {
      std::vector<FacetCount> counts;
      if (facet.multi) {
        for (const auto& [value, count] : multi_spies[multi++]->counts()) {
          counts.push_back({value, count});
        }
      } else {
        const Xapian::ValueCountMatchSpy& spy = *single_spies[single++];
        for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
          counts.push_back({*it, it.get_termfreq()});
        }
      }
      results.facets.push_back(TopValues(facet.name, std::move(counts)));
    }
  }
  return results;
}

tl::expected<SearchContext, Error> Index::Impl::ContextOnce(const std::string& key,
                                                            const std::vector<std::string>& scopes,
                                                            uint32_t before, uint32_t after) const {
  if (SchemaVersion() < kSchemaVersion) {
    return tl::unexpected(Fail("the index predates context (schema " +
                               std::to_string(SchemaVersion()) +
                               "); rebuild it with holdfast reindex"));
  }
  const std::string id = "Q" + key;
  Xapian::PostingIterator posting = db->postlist_begin(id);
  if (posting == db->postlist_end(id)) {
    return tl::unexpected(Fail("no document " + key));
  }
  const Xapian::Document doc = db->get_document(*posting);
  SearchContext context;
  context.hit = HitOf(doc);
  for (const std::string& field : scopes) {
    const std::optional<std::string_view> prefix = PrefixOf(field);
    if (!prefix.has_value()) {
      return tl::unexpected(Fail("unknown filter field \"" + field + "\""));
    }
    std::vector<Xapian::Query> terms;
    Xapian::TermIterator term = doc.termlist_begin();
    for (term.skip_to(std::string(*prefix));
         term != doc.termlist_end() && (*term).compare(0, prefix->size(), *prefix) == 0; ++term) {
      terms.emplace_back(*term);
    }
    if (terms.empty()) {
      continue;
    }
    const Xapian::Query scope = Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        WithoutSuperseded(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())),
        Xapian::Query(id));
    Xapian::Enquire others(*db);
    others.set_query(scope);
    if (others.get_mset(0, 1).empty()) {
      continue;  // the document is alone in this scope: try the wider one
    }
    const std::string order = doc.get_value(kOrderSlot);
    context.field = field;
    context.before = Neighbours(*db, scope, order, /*later=*/false, before);
    context.after = Neighbours(*db, scope, order, /*later=*/true, after);
    break;
  }
  return context;
}

tl::expected<SearchResults, Error> Index::Search(const std::string& query,
                                                 const SearchOptions& options) const {
  // A reader sees commits made since it opened; a writer sees its own pending changes. A
  // commit landing mid-search can invalidate what a reader holds: reopen and try once more.
  for (int attempt = 0;; ++attempt) {
    try {
      if (impl_->writer == nullptr) {
        impl_->db->reopen();
      }
      return impl_->SearchOnce(query, options);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt > 0) {
        return tl::unexpected(impl_->Fail("the index changed during the search", e));
      }
    } catch (const Xapian::QueryParserError& e) {
      return tl::unexpected(impl_->Fail("cannot parse the query: " + e.get_msg()));
    } catch (const Xapian::Error& e) {
      return tl::unexpected(impl_->Fail("cannot search the index", e));
    }
  }
}

tl::expected<SearchContext, Error> Index::Context(const std::string& key,
                                                  const std::vector<std::string>& scopes,
                                                  uint32_t before, uint32_t after) const {
  for (int attempt = 0;; ++attempt) {
    try {
      if (impl_->writer == nullptr) {
        impl_->db->reopen();
      }
      return impl_->ContextOnce(key, scopes, before, after);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt > 0) {
        return tl::unexpected(impl_->Fail("the index changed while reading context", e));
      }
    } catch (const Xapian::Error& e) {
      return tl::unexpected(impl_->Fail("cannot read the context of " + key, e));
    }
  }
}

}  // namespace holdfast::archive
