// Index: searching with sort and facets, and a document's context in time. Queries are parsed
// in index_parse.cc.
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
// Values listed per facet; the rest of a long tail (thousands of authors) is left out.
constexpr size_t kMaxFacetValues = 100;

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

Xapian::Query WithoutSuperseded(Xapian::Query query) {
  return Xapian::Query(Xapian::Query::OP_AND_NOT, std::move(query),
                       Xapian::Query(std::string(kSupersededTerm)));
}

// A hit without a snippet (there is no query to highlight).
// `stored` is the document's data, read once by a caller that also needs its text: Xapian reads
// (and inflates) the data afresh on each get_data().
SearchHit HitOf(const Xapian::Document& doc, std::string_view stored) {
  SearchHit hit;
  Xapian::TermIterator id = doc.termlist_begin();
  id.skip_to("Q");
  if (id != doc.termlist_end() && (*id).front() == 'Q') {
    hit.key = Unpacked((*id).substr(1));
  }
  const std::string post_prefix(*PrefixOf("post"));
  id.skip_to(post_prefix);
  if (id != doc.termlist_end() && (*id).starts_with(post_prefix)) {
    hit.post = Unpacked((*id).substr(post_prefix.size()));
  }
  const std::string order = doc.get_value(kOrderSlot);
  if (order.size() == 16) {
    hit.time_us = static_cast<int64_t>(DecodeBigEndian(std::string_view(order).substr(0, 8)) ^
                                       (uint64_t{1} << 63));
    hit.sequence = DecodeBigEndian(std::string_view(order).substr(8));
  } else {  // schema 1
    hit.time_us = std::llround(Xapian::sortable_unserialise(doc.get_value(kSchema1TimeSlot)));
    hit.sequence = DecodeBigEndian(doc.get_value(kSchema1SequenceSlot));
  }
  hit.data = SplitDocumentData(stored).data;
  return hit;
}

SearchHit HitOf(const Xapian::Document& doc) { return HitOf(doc, doc.get_data()); }

void SetSort(Xapian::Enquire& enquire, SearchSort sort, Xapian::valueno time_slot) {
  switch (sort) {
    case SearchSort::kRelevance:
      // Equal relevance (always so for filter-only queries): newest first.
      enquire.set_sort_by_relevance_then_value(time_slot, true);
      return;
    case SearchSort::kNewest:
      enquire.set_sort_by_value_then_relevance(time_slot, true);
      return;
    case SearchSort::kOldest:
      enquire.set_sort_by_value_then_relevance(time_slot, false);
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

// The values of `prefix` on `doc`, each as a query. A thread also takes its root, a document
// outside any thread that names it as its thread_root (in the same chat): a root that is alone
// has no thread term, but its thread_root is what its replies' thread terms say.
std::vector<Xapian::Query> ScopeQueries(const Xapian::Document& doc, const std::string& field,
                                        std::string_view prefix) {
  std::vector<Xapian::Query> queries;
  std::vector<std::string> values;
  Xapian::TermIterator term = doc.termlist_begin();
  for (term.skip_to(std::string(prefix));
       term != doc.termlist_end() && (*term).compare(0, prefix.size(), prefix) == 0; ++term) {
    queries.emplace_back(*term);
    values.push_back((*term).substr(prefix.size()));
  }
  if (field != "thread") {
    return queries;
  }
  if (values.empty()) {
    const std::string root = doc.get_value(kThreadRootSlot);
    if (root.empty()) {
      return queries;
    }
    queries.emplace_back(std::string(prefix) + root);  // the replies
    values.push_back(root);
  }
  std::vector<Xapian::Query> chats;
  const std::string chat_prefix(*PrefixOf("chat"));
  Xapian::TermIterator chat = doc.termlist_begin();
  for (chat.skip_to(chat_prefix);
       chat != doc.termlist_end() && (*chat).compare(0, chat_prefix.size(), chat_prefix) == 0;
       ++chat) {
    chats.emplace_back(*chat);
  }
  for (const std::string& value : values) {
    Xapian::Query root(Xapian::Query::OP_VALUE_RANGE, kThreadRootSlot, value, value);
    if (!chats.empty()) {  // values are checked only on the chat's documents
      root = Xapian::Query(Xapian::Query::OP_FILTER,
                           Xapian::Query(Xapian::Query::OP_OR, chats.begin(), chats.end()), root);
    }
    queries.push_back(std::move(root));
  }
  return queries;
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
  // Equal relevance: the most recently archived first (docid order, free), where reading each
  // tied match's time doubled the time of a one-word query (measured on 1,000,000 posts: 16.5
  // against 7.6 ms). Only when every match ties at weight 0, a query of filters alone, are
  // they ordered by the posts' time, newest first.
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  if (options.sort != SearchSort::kRelevance || enquire.get_mset(0, 0).get_max_possible() == 0) {
    SetSort(enquire, options.sort, SchemaVersion() >= 2 ? kOrderSlot : kSchema1TimeSlot);
  }
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
    const std::string stored = doc.get_data();
    SearchHit hit = HitOf(doc, stored);
    const DocumentParts parts = SplitDocumentData(stored);
    const bool old = !parts.has_text;  // schema 2 and older: text and language in value slots
    hit.snippet = mset.snippet(
        old ? doc.get_value(kSchema2TextSlot) : std::string(parts.text), kSnippetBytes,
        StemmerFor(old ? doc.get_value(kSchema2LanguageSlot) : std::string(parts.language)),
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
    return tl::unexpected(Fail(std::string("the index predates context (schema ") +
                               std::to_string(SchemaVersion()) +
                               "); rebuild it with holdfast reindex"));
  }
  const std::string id = KeyTerm(key);
  Xapian::PostingIterator posting = db->postlist_begin(id);
  if (posting == db->postlist_end(id)) {
    return tl::unexpected(Fail(std::string("no document ") + key));
  }
  const Xapian::Document doc = db->get_document(*posting);
  SearchContext context;
  context.hit = HitOf(doc);
  for (const std::string& field : scopes) {
    const std::optional<std::string_view> prefix = PrefixOf(field);
    if (!prefix.has_value()) {
      return tl::unexpected(Fail(std::string("unknown filter field \"") + field + "\""));
    }
    std::vector<Xapian::Query> terms = ScopeQueries(doc, field, *prefix);
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
      if (!impl_->writable()) {
        impl_->db->reopen();
      }
      (void)impl_->Settle();  // a failed write shows at the writer's next Put or Commit
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
      if (!impl_->writable()) {
        impl_->db->reopen();
      }
      (void)impl_->Settle();
      return impl_->ContextOnce(key, scopes, before, after);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt > 0) {
        return tl::unexpected(impl_->Fail("the index changed while reading context", e));
      }
    } catch (const Xapian::Error& e) {
      return tl::unexpected(impl_->Fail(std::string("cannot read the context of ") + key, e));
    }
  }
}

}  // namespace holdfast::archive
