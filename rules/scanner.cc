// Scanner: per view, the texts of a batch are normalized into one buffer and scanned by
// Hyperscan once (the first stage); each trigger's end offset gives a range of one text where
// its rule may match. RE2 and the rule's checks then confirm spans in those ranges only (the
// second stage), spans are mapped back to the texts as given, rule evidence is settled, and
// each policy's confidence floor, scope and exceptions keep or drop the hits.
#include "rules/scanner.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <tuple>

#include "rules/internal/batch_view.h"
#include "rules/internal/confirmation.h"
#include "rules/internal/pattern_text.h"
#include "rules/internal/rule_set_impl.h"
#include "rules/internal/utf8.h"
#include "rules/text_view.h"

namespace holdfast::rules {
namespace {

constexpr uint32_t kNoCandidate = std::numeric_limits<uint32_t>::max();

// Buffer bytes [begin, end) of text `item` in which a match of `rule` may lie.
struct Candidate {
  uint32_t item = 0;
  uint32_t rule = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool exact = false;  // [begin, end) is a match of an exact rule's literal
};

// What the Hyperscan callback reads and writes; all of it is sized in Scanner::Create.
struct Collector {
  const ViewDatabase* view = nullptr;
  const char* buffer = nullptr;      // what Hyperscan scans
  std::span<const uint32_t> starts;  // buffer offset of each text, then one past the last
  size_t capacity = 0;
  std::vector<Candidate> candidates;
  std::vector<uint32_t> open;  // per rule: its latest entry in `candidates`, or kNoCandidate
  uint32_t item = 0;           // the text of the latest match
  bool full = false;
};

int OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
            unsigned int /*flags*/, void* context) noexcept {
  auto& collector = *static_cast<Collector*>(context);
  const ExpressionReach& reach = collector.view->reach[id];
  const auto end_offset = static_cast<uint32_t>(to);
  // The text holding the match's last byte; a match may end on the separator after it.
  // Matches come nearly always in ascending order, so the text of the last one is tried first.
  const uint32_t last_byte = end_offset > 0 ? end_offset - 1 : 0;
  uint32_t item = collector.item;
  if (last_byte < collector.starts[item] || last_byte >= collector.starts[item + 1]) {
    const auto next =
        std::upper_bound(collector.starts.begin(), collector.starts.end() - 1, last_byte);
    item = static_cast<uint32_t>(next - collector.starts.begin() - 1);
    collector.item = item;
  }
  const uint32_t text_begin = collector.starts[item];
  const uint32_t text_end = collector.starts[item + 1] - 1;  // before the separator
  if (reach.literal > 0) {
    // A plain literal: its word boundaries are checked here, which spares RE2 the many
    // candidates a short word has inside longer ones ("ass" in "password").
    const char* buffer = collector.buffer;
    const uint32_t literal_begin = end_offset - reach.literal;
    if (end_offset < reach.literal || literal_begin < text_begin ||
        (reach.bound_before && literal_begin > text_begin &&
         IsAsciiWordChar(buffer[literal_begin - 1])) ||
        (reach.bound_after && end_offset < text_end && IsAsciiWordChar(buffer[end_offset]))) {
      return 0;
    }
    if (reach.exact) {
      if (collector.candidates.size() >= collector.capacity) {
        collector.full = true;
        return 1;
      }
      collector.candidates.push_back(Candidate{item, reach.rule, literal_begin, end_offset, true});
      return 0;
    }
  }
  const uint32_t begin = reach.before == kUnboundedReach || end_offset - text_begin < reach.before
                             ? text_begin
                             : end_offset - reach.before;
  const uint32_t end = static_cast<uint32_t>(
      std::min<uint64_t>(text_end, static_cast<uint64_t>(end_offset) + reach.after));
  // Hyperscan reports end offsets in ascending order (nearly always), so a rule's new range
  // usually overlaps its latest one: widen that one instead of taking a slot.
  if (const uint32_t open = collector.open[reach.rule]; open != kNoCandidate) {
    Candidate& latest = collector.candidates[open];
    if (latest.item == item && begin <= latest.end && latest.begin <= end) {
      latest.begin = std::min(latest.begin, begin);
      latest.end = std::max(latest.end, end);
      return 0;
    }
  }
  if (collector.candidates.size() >= collector.capacity) {
    collector.full = true;
    return 1;  // stops the scan
  }
  collector.open[reach.rule] = static_cast<uint32_t>(collector.candidates.size());
  collector.candidates.push_back(Candidate{item, reach.rule, begin, end});
  return 0;
}

// Sorts candidates by text, rule and offset and merges the overlapping ranges of each rule,
// which the callback left apart only when matches came out of order.
// An exact rule's matches are spans already: of overlapping ones the first is kept (the
// longest of those starting together), as RE2 would go on after the first match it confirms.
void MergeCandidates(std::vector<Candidate>& candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.item, a.rule, a.begin, b.end) < std::tie(b.item, b.rule, b.begin, a.end);
  });
  size_t kept = 0;
  for (const Candidate& candidate : candidates) {
    Candidate* last = kept > 0 ? &candidates[kept - 1] : nullptr;
    if (last != nullptr && last->item == candidate.item && last->rule == candidate.rule &&
        (candidate.exact ? candidate.begin < last->end : candidate.begin <= last->end)) {
      if (!candidate.exact) {
        last->end = std::max(last->end, candidate.end);
      }
    } else {
      candidates[kept++] = candidate;
    }
  }
  candidates.resize(kept);
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// An id or a name of the context equals `want`; "" wants anything.
bool Matches(const std::string& want, std::string_view id, std::string_view name) {
  return want.empty() || want == id || (!name.empty() && want == name);
}

// Whether the hit's policy keeps it: confidence floor, scope and exceptions.
bool PolicyKeeps(const RuleSet::Impl& impl, const Hit& hit, const ScanContext& context) {
  const CompiledPolicy& policy = impl.compiled_policies[impl.compiled[hit.rule].policy];
  if (hit.confidence < policy.min_confidence) {
    return false;
  }
  if ((!policy.sources.empty() && !context.source.empty() &&
       !Contains(policy.sources, context.source)) ||
      (!policy.communities.empty() &&
       (!context.community.empty() || !context.community_name.empty()) &&
       !Contains(policy.communities, context.community) &&
       !Contains(policy.communities, context.community_name))) {
    return false;
  }
  for (const CompiledException& exception : policy.exceptions) {
    if (Matches(exception.source, context.source, {}) &&
        Matches(exception.community, context.community, context.community_name) &&
        Matches(exception.author, context.author, context.author_name) &&
        (exception.rules.empty() ||
         std::binary_search(exception.rules.begin(), exception.rules.end(), hit.rule))) {
      return false;
    }
  }
  return true;
}

bool HitOrder(const Hit& a, const Hit& b) {
  return std::tie(a.item, a.begin, a.rule, a.end) < std::tie(b.item, b.begin, b.rule, b.end);
}

bool SameHit(const Hit& a, const Hit& b) {
  return a.item == b.item && a.rule == b.rule && a.begin == b.begin && a.end == b.end;
}

// Raises hits whose rule counts another rule's hits as evidence. REQUIRES: hits sorted by item.
void SettleRuleEvidence(const RuleSet::Impl& impl, std::span<const std::string_view> texts,
                        std::vector<Hit>& hits) {
  size_t item_begin = 0;
  while (item_begin < hits.size()) {
    size_t item_end = item_begin;
    while (item_end < hits.size() && hits[item_end].item == hits[item_begin].item) {
      ++item_end;
    }
    const std::span<const Hit> same_text(hits.data() + item_begin, item_end - item_begin);
    for (size_t h = item_begin; h < item_end; ++h) {
      Hit& hit = hits[h];
      const CompiledRule& rule = impl.compiled[hit.rule];
      if (!rule.rule_evidence) {
        continue;
      }
      for (const CompiledCheck& check : rule.evidence) {
        if (check.rule != kNoRule && check.confidence > hit.confidence &&
            RuleEvidenceHolds(check, texts[hit.item], hit.begin, hit.end, same_text)) {
          hit.confidence = check.confidence;
        }
      }
    }
    item_begin = item_end;
  }
}

}  // namespace

struct Scanner::State {
  std::shared_ptr<const RuleSet> rules;
  ScannerOptions options;
  HsScratch scratch;  // null when no view has a database; large enough for both
  std::array<BatchView, kViews> views;
  std::array<Collector, kViews> collectors;
  std::vector<Hit> hits;
  bool truncated = false;
};

Scanner::Scanner(std::unique_ptr<State> state) : state_(std::move(state)) {}
Scanner::~Scanner() = default;
Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;

tl::expected<Scanner, Error> Scanner::Create(std::shared_ptr<const RuleSet> rules,
                                             ScannerOptions options) {
  if (rules == nullptr) {
    return tl::unexpected(Error{"", 0, "", "", "no rule set to scan with"});
  }
  options.max_batch = std::max<size_t>(options.max_batch, 1);
  auto state = std::make_unique<State>();
  const RuleSet::Impl& impl = rules->impl();
  for (size_t v = 0; v < kViews; ++v) {
    if (impl.views[v].empty()) {
      continue;
    }
    for (const HsDatabase* database : {&impl.views[v].database, &impl.views[v].literals}) {
      if (*database == nullptr) {
        continue;
      }
      hs_scratch_t* raw_scratch = state->scratch.release();
      const hs_error_t status = hs_alloc_scratch(database->get(), &raw_scratch);
      state->scratch.reset(raw_scratch);
      if (status != HS_SUCCESS) {
        return tl::unexpected(
            Error{"", 0, "", "",
                  "Hyperscan cannot allocate scratch (error " + std::to_string(status) + ")"});
      }
    }
    BatchView& batch = state->views[v];
    batch.identity.resize(options.max_batch);
    batch.views.resize(options.max_batch);
    batch.starts.reserve(options.max_batch + 1);
    Collector& collector = state->collectors[v];
    collector.view = &impl.views[v];
    collector.capacity = options.max_hits * options.max_batch;
    collector.candidates.reserve(collector.capacity);
    collector.open.assign(rules->size(), kNoCandidate);
  }
  state->options = options;
  state->hits.reserve(options.max_hits * options.max_batch);
  state->rules = std::move(rules);
  return Scanner(std::move(state));
}

tl::expected<std::span<const Hit>, Error> Scanner::Scan(std::string_view text,
                                                        const ScanContext& context) {
  return ScanBatch(std::span<const std::string_view>(&text, 1),
                   std::span<const ScanContext>(&context, 1));
}

tl::expected<std::span<const Hit>, Error> Scanner::ScanBatch(
    std::span<const std::string_view> texts, std::span<const ScanContext> contexts) {
  State& state = *state_;
  state.hits.clear();
  state.truncated = false;
  if (texts.size() > state.options.max_batch) {
    return tl::unexpected(Error{"", 0, "", "",
                                std::to_string(texts.size()) + " texts in one batch (at most " +
                                    std::to_string(state.options.max_batch) + ")"});
  }
  uint64_t total = 0;
  for (std::string_view text : texts) {
    total += text.size() + 1;
  }
  // Normalized views may grow a text (NFKC); half the limit leaves room for that.
  if (total > std::numeric_limits<unsigned int>::max() / 2) {
    return tl::unexpected(Error{"", 0, "", "",
                                "text of " + std::to_string(total - texts.size()) +
                                    " bytes is over Hyperscan's limit for one scan (2 GiB)"});
  }
  const RuleSet::Impl& impl = state.rules->impl();
  for (BatchView& batch : state.views) {
    batch.used = 0;
    batch.starts.clear();
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    if (auto appended = AppendViews(impl, texts[i], i, state.views); !appended) {
      return tl::unexpected(appended.error());
    }
  }
  for (size_t v = 0; v < kViews; ++v) {
    if (impl.views[v].empty() || texts.empty()) {
      continue;
    }
    BatchView& batch = state.views[v];
    batch.starts.push_back(static_cast<uint32_t>(batch.used));
    Collector& collector = state.collectors[v];
    collector.buffer = batch.buffer.data();
    collector.starts = batch.starts;
    collector.candidates.clear();
    collector.capacity = state.options.max_hits * texts.size();
    collector.full = false;
    collector.item = 0;
    hs_error_t status = HS_SUCCESS;
    for (const HsDatabase* database : {&impl.views[v].database, &impl.views[v].literals}) {
      if (*database != nullptr && status == HS_SUCCESS) {
        status =
            hs_scan(database->get(), batch.buffer.data(), static_cast<unsigned int>(batch.used), 0,
                    state.scratch.get(), &OnMatch, &collector);
      }
    }
    for (const Candidate& candidate : collector.candidates) {
      collector.open[candidate.rule] = kNoCandidate;
    }
    if (status != HS_SUCCESS && status != HS_SCAN_TERMINATED) {
      return tl::unexpected(
          Error{"", 0, "", "", "Hyperscan scan failed (error " + std::to_string(status) + ")"});
    }
    state.truncated = state.truncated || collector.full;
    MergeCandidates(collector.candidates);
    for (const Candidate& candidate : collector.candidates) {
      const uint32_t start = batch.starts[candidate.item];
      const std::string_view text(batch.buffer.data() + start,
                                  batch.starts[candidate.item + 1] - 1 - start);
      const size_t first = state.hits.size();
      const size_t capacity = state.options.max_hits * texts.size();
      if (!(candidate.exact
                ? ConfirmSpan(impl, candidate.rule, candidate.item, text, candidate.begin - start,
                              candidate.end - start, capacity, state.hits)
                : ConfirmRange(impl, candidate.rule, candidate.item, text, candidate.begin - start,
                               candidate.end - start, capacity, state.hits))) {
        state.truncated = true;
        break;
      }
      if (batch.identity[candidate.item] == 0) {
        const TextView& view = batch.views[candidate.item];
        for (size_t h = first; h < state.hits.size(); ++h) {
          const ByteSpan original = view.ToOriginal(state.hits[h].begin, state.hits[h].end);
          state.hits[h].begin = original.begin;
          state.hits[h].end = original.end;
        }
      }
    }
  }
  std::sort(state.hits.begin(), state.hits.end(), HitOrder);
  // Ranges of a rule are disjoint, but each starts up to three bytes early on a code point
  // boundary, so a short match could be confirmed from two of them.
  state.hits.erase(std::unique(state.hits.begin(), state.hits.end(), SameHit), state.hits.end());
  SettleRuleEvidence(impl, texts, state.hits);
  const ScanContext unknown;
  std::erase_if(state.hits, [&](const Hit& hit) {
    return !PolicyKeeps(impl, hit, contexts.empty() ? unknown : contexts[hit.item]);
  });
  return std::span<const Hit>(state.hits);
}

const RuleSet& Scanner::rules() const { return *state_->rules; }

bool Scanner::last_scan_truncated() const { return state_->truncated; }

}  // namespace holdfast::rules
