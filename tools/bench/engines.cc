#include "tools/bench/engines.h"

#include <limits>
#include <utility>

namespace holdfast::tools::bench {
namespace {

constexpr int64_t kSetMemory = int64_t{1} << 30;

re2::RE2::Options Re2Options() {
  re2::RE2::Options options;  // UTF-8 and ASCII classes, as the rules component uses RE2
  options.set_log_errors(false);
  return options;
}

int CountMatch(unsigned int /*id*/, unsigned long long /*from*/, unsigned long long /*to*/,
               unsigned int /*flags*/, void* context) noexcept {
  ++*static_cast<uint64_t*>(context);
  return 0;
}

}  // namespace

std::string FlaggedRe2Regex(const rules::StageExpression& expression) {
  return (expression.case_insensitive ? "(?mi:" : "(?m:") + expression.regex + ")";
}

tl::expected<Re2SetEngine, std::string> Re2SetEngine::Create(
    const std::vector<rules::StageExpression>& patterns) {
  // A budget for the whole set's DFA: with RE2's default 8 MiB the shipped patterns thrash
  // its state cache and the set ran at 0.4 MB/s, which would flatter Holdfast.
  re2::RE2::Options options = Re2Options();
  options.set_max_mem(kSetMemory);
  auto set = std::make_unique<re2::RE2::Set>(options, re2::RE2::UNANCHORED);
  for (const rules::StageExpression& pattern : patterns) {
    std::string error;
    if (set->Add(FlaggedRe2Regex(pattern), &error) < 0) {
      return tl::unexpected("RE2::Set cannot add " + pattern.regex + ": " + error);
    }
  }
  if (!set->Compile()) {
    return tl::unexpected(std::string("RE2::Set cannot compile (out of memory)"));
  }
  return Re2SetEngine(std::move(set));
}

tl::expected<size_t, std::string> Re2SetEngine::Scan(std::string_view text) {
  re2::RE2::Set::ErrorInfo error{};
  if (set_->Match(re2::StringPiece(text.data(), text.size()), &matched_, &error)) {
    return matched_.size();
  }
  if (error.kind != re2::RE2::Set::kNoError) {
    return tl::unexpected("RE2::Set::Match failed (error kind " +
                          std::to_string(static_cast<int>(error.kind)) + ")");
  }
  return 0;
}

tl::expected<Re2LoopEngine, std::string> Re2LoopEngine::Create(
    const std::vector<rules::StageExpression>& patterns) {
  Re2LoopEngine engine;
  for (const rules::StageExpression& pattern : patterns) {
    auto program = std::make_unique<re2::RE2>(FlaggedRe2Regex(pattern), Re2Options());
    if (!program->ok()) {
      return tl::unexpected("RE2 cannot compile " + pattern.regex + ": " + program->error());
    }
    engine.programs_.push_back(std::move(program));
  }
  return engine;
}

size_t Re2LoopEngine::Scan(std::string_view text) const {
  const re2::StringPiece piece(text.data(), text.size());
  size_t matched = 0;
  for (const auto& program : programs_) {
    if (re2::RE2::PartialMatch(piece, *program)) {
      ++matched;
    }
  }
  return matched;
}

tl::expected<HyperscanCeiling, std::string> HyperscanCeiling::Create(
    const std::vector<rules::StageExpression>& triggers) {
  HyperscanCeiling engine;
  for (size_t slot = 0; slot < kDatabases; ++slot) {
    const size_t view = slot / 2;
    const bool own_database = slot % 2 == 1;
    std::vector<const char*> texts;
    std::vector<unsigned int> flags;
    std::vector<unsigned int> ids;
    unsigned int id = 0;  // as the rules component numbers them: position within the view
    for (const rules::StageExpression& trigger : triggers) {
      if (static_cast<size_t>(trigger.view) != view) {
        continue;
      }
      ++id;
      if (trigger.own_database != own_database) {
        continue;
      }
      ids.push_back(id - 1);
      texts.push_back(trigger.regex.c_str());
      flags.push_back((trigger.utf8 ? HS_FLAG_UTF8 : 0u) | HS_FLAG_MULTILINE |
                      (trigger.case_insensitive ? HS_FLAG_CASELESS : 0u));
    }
    engine.expressions_[view] += texts.size();
    if (texts.empty()) {
      continue;  // Hyperscan rejects an empty database; the scan skips this one
    }
    hs_database_t* raw_database = nullptr;
    hs_compile_error_t* raw_error = nullptr;
    const hs_error_t status = hs_compile_multi(texts.data(), flags.data(), ids.data(),
                                               static_cast<unsigned int>(ids.size()), HS_MODE_BLOCK,
                                               nullptr, &raw_database, &raw_error);
    engine.databases_[slot].reset(raw_database);
    if (status != HS_SUCCESS) {
      std::string message = raw_error != nullptr ? raw_error->message : "cannot compile";
      hs_free_compile_error(raw_error);
      return tl::unexpected("Hyperscan: " + message);
    }
    hs_scratch_t* raw_scratch = engine.scratch_.release();
    const hs_error_t scratch_status = hs_alloc_scratch(raw_database, &raw_scratch);
    engine.scratch_.reset(raw_scratch);
    if (scratch_status != HS_SUCCESS) {
      return tl::unexpected(std::string("Hyperscan cannot allocate scratch"));
    }
  }
  return engine;
}

size_t HyperscanCeiling::database_bytes(rules::View view) const {
  size_t total = 0;
  for (size_t part = 0; part < 2; ++part) {
    const hs_database_t* database = databases_[static_cast<size_t>(view) * 2 + part].get();
    size_t bytes = 0;
    total += database != nullptr && hs_database_size(database, &bytes) == HS_SUCCESS ? bytes : 0;
  }
  return total;
}

tl::expected<uint64_t, std::string> HyperscanCeiling::Scan(std::string_view text,
                                                           std::string_view lowered) {
  if (text.size() > std::numeric_limits<unsigned int>::max()) {
    return tl::unexpected(std::string("text over Hyperscan's 4 GiB limit"));
  }
  uint64_t matches = 0;
  for (size_t slot = 0; slot < kDatabases; ++slot) {
    const hs_database_t* database = databases_[slot].get();
    if (database == nullptr) {
      continue;
    }
    const std::string_view input = slot / 2 == 0 ? text : lowered;
    const hs_error_t status =
        hs_scan(database, input.data(), static_cast<unsigned int>(input.size()), 0, scratch_.get(),
                &CountMatch, &matches);
    if (status != HS_SUCCESS) {
      return tl::unexpected("hs_scan failed (error " + std::to_string(status) + ")");
    }
  }
  return matches;
}

}  // namespace holdfast::tools::bench
