// Scanner: one Hyperscan pass over the text collects, per rule, the ranges where a match may
// lie; RE2 and the rule's checks then confirm spans inside those ranges only. All buffers are
// sized in Create, so Scan allocates nothing.
#include "rules/scanner.h"

#include <algorithm>
#include <limits>
#include <string>
#include <tuple>

#include "rules/internal/confirmation.h"
#include "rules/internal/rule_set_impl.h"
#include "rules/internal/utf8.h"

namespace holdfast::rules {
namespace {

constexpr uint32_t kNoCandidate = std::numeric_limits<uint32_t>::max();

// Bytes [begin, end) of the text in which a match of `rule` may lie: the union of
// [e - window, e] over the Hyperscan end offsets e reported for the rule's patterns.
struct Candidate {
  uint32_t rule = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
};

// What the Hyperscan callback writes into; all of it is sized in Scanner::Create.
struct Collector {
  const RuleSet::Impl* impl = nullptr;
  size_t capacity = 0;
  std::vector<Candidate> candidates;
  std::vector<uint32_t> open;  // per rule: its latest entry in `candidates`, or kNoCandidate
  bool full = false;
};

int OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
            unsigned int /*flags*/, void* context) noexcept {
  auto& collector = *static_cast<Collector*>(context);
  const uint32_t rule = collector.impl->pattern_rule[id];
  const uint32_t window = collector.impl->compiled[rule].window;
  const auto end = static_cast<uint32_t>(to);
  const uint32_t begin = end > window ? end - window : 0;
  // Hyperscan reports end offsets in ascending order (nearly always), so a rule's new range
  // usually overlaps its latest one: widen that one instead of taking a slot.
  if (const uint32_t open = collector.open[rule]; open != kNoCandidate) {
    Candidate& latest = collector.candidates[open];
    if (begin <= latest.end && latest.begin <= end) {
      latest.begin = std::min(latest.begin, begin);
      latest.end = std::max(latest.end, end);
      return 0;
    }
  }
  if (collector.candidates.size() >= collector.capacity) {
    collector.full = true;
    return 1;  // stops the scan
  }
  collector.open[rule] = static_cast<uint32_t>(collector.candidates.size());
  collector.candidates.push_back(Candidate{rule, begin, end});
  return 0;
}

// Sorts candidates by rule and offset and merges the overlapping ranges of each rule, which
// the callback left apart only when matches came out of order.
void MergeCandidates(std::vector<Candidate>& candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.begin < b.begin;
  });
  size_t kept = 0;
  for (const Candidate& candidate : candidates) {
    if (kept > 0 && candidates[kept - 1].rule == candidate.rule &&
        candidate.begin <= candidates[kept - 1].end) {
      candidates[kept - 1].end = std::max(candidates[kept - 1].end, candidate.end);
    } else {
      candidates[kept++] = candidate;
    }
  }
  candidates.resize(kept);
}

}  // namespace

struct Scanner::State {
  std::shared_ptr<const RuleSet> rules;
  ScannerOptions options;
  HsScratch scratch;  // null when the rule set has no patterns
  Collector collector;
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
  auto state = std::make_unique<State>();
  const RuleSet::Impl& impl = rules->impl();
  if (impl.database != nullptr) {
    hs_scratch_t* raw_scratch = nullptr;
    const hs_error_t status = hs_alloc_scratch(impl.database.get(), &raw_scratch);
    state->scratch.reset(raw_scratch);
    if (status != HS_SUCCESS) {
      return tl::unexpected(
          Error{"", 0, "", "",
                "Hyperscan cannot allocate scratch (error " + std::to_string(status) + ")"});
    }
  }
  state->options = options;
  state->collector.impl = &impl;
  state->collector.capacity = options.max_hits;
  state->collector.candidates.reserve(options.max_hits);
  state->collector.open.assign(rules->size(), kNoCandidate);
  state->hits.reserve(options.max_hits);
  state->rules = std::move(rules);
  return Scanner(std::move(state));
}

tl::expected<std::span<const Hit>, Error> Scanner::Scan(std::string_view text) {
  if (text.size() > std::numeric_limits<unsigned int>::max()) {
    return tl::unexpected(
        Error{"", 0, "", "",
              "text of " + std::to_string(text.size()) + " bytes is over Hyperscan's 4 GiB limit"});
  }
  // Both engines read the text as UTF-8; Hyperscan's results on invalid UTF-8 are undefined.
  if (!IsValidUtf8(text)) {
    return tl::unexpected(
        Error{"", 0, "", "", "text is not valid UTF-8 (normalize it with NormalizeNfc first)"});
  }
  State& state = *state_;
  Collector& collector = state.collector;
  collector.candidates.clear();
  collector.full = false;
  state.hits.clear();
  state.truncated = false;
  const RuleSet::Impl& impl = state.rules->impl();
  if (impl.database == nullptr || text.empty()) {
    return std::span<const Hit>();
  }
  const hs_error_t status =
      hs_scan(impl.database.get(), text.data(), static_cast<unsigned int>(text.size()), 0,
              state.scratch.get(), &OnMatch, &collector);
  for (const Candidate& candidate : collector.candidates) {
    collector.open[candidate.rule] = kNoCandidate;
  }
  if (status != HS_SUCCESS && status != HS_SCAN_TERMINATED) {
    return tl::unexpected(
        Error{"", 0, "", "", "Hyperscan scan failed (error " + std::to_string(status) + ")"});
  }
  state.truncated = collector.full;
  MergeCandidates(collector.candidates);
  for (const Candidate& candidate : collector.candidates) {
    if (!ConfirmRange(impl.compiled[candidate.rule], candidate.rule, text, candidate.begin,
                      candidate.end, state.options.max_hits, state.hits)) {
      state.truncated = true;
      break;
    }
  }
  std::sort(state.hits.begin(), state.hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.begin, a.rule, a.end) < std::tie(b.begin, b.rule, b.end);
  });
  // Ranges of a rule are disjoint, but each starts up to three bytes early on a code point
  // boundary, so a short match could be confirmed from two of them.
  state.hits.erase(std::unique(state.hits.begin(), state.hits.end(),
                               [](const Hit& a, const Hit& b) {
                                 return a.rule == b.rule && a.begin == b.begin && a.end == b.end;
                               }),
                   state.hits.end());
  return std::span<const Hit>(state.hits);
}

const RuleSet& Scanner::rules() const { return *state_->rules; }

bool Scanner::last_scan_truncated() const { return state_->truncated; }

}  // namespace holdfast::rules
